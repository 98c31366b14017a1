"""Web archives: HTML responses become Documents; damaged archives yield what can be read."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from armstrace.ingest import read_warc
from armstrace.model import Document, Skipped


def page(country: str) -> bytes:
    paragraphs = "".join(
        f"<p>{country} received {n} armoured vehicles from its neighbour in a deal signed in "
        f"{2000 + n}, the ministry of defence said in a statement on Monday.</p>"
        for n in range(1, 7)
    )
    return (
        f"<html><head><title>{country} arms</title></head><body><nav><a href='/'>Home</a></nav>"
        f"<article><h1>{country} arms</h1>{paragraphs}</article></body></html>"
    ).encode()


RESPONSES = [
    ("https://news.example/kenya", "200 OK", "text/html; charset=utf-8", page("Kenya")),
    ("https://news.example/missing", "404 Not Found", "text/html", b"<html>gone</html>"),
    ("https://news.example/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(64)),
    ("https://news.example/ghana", "200 OK", "text/html", page("Ghana")),
]


def write_warc(path: Path, *, gzip: bool) -> Path:
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=gzip)
        for url, status, content_type, body in RESPONSES:
            headers = StatusAndHeaders(
                status, [("Content-Type", content_type)], protocol="HTTP/1.1"
            )
            writer.write_record(
                writer.create_warc_record(
                    url, "response", payload=io.BytesIO(body), http_headers=headers
                )
            )
            request = StatusAndHeaders("GET / HTTP/1.1", [], is_http_request=True)
            writer.write_record(
                writer.create_warc_record(
                    url, "request", payload=io.BytesIO(b""), http_headers=request
                )
            )
    return path


@pytest.mark.parametrize("compressed", [False, True], ids=["warc", "warc.gz"])
def test_read_warc_yields_html_responses_with_status_200(tmp_path: Path, compressed: bool) -> None:
    name = "crawl.warc.gz" if compressed else "crawl.warc"
    path = write_warc(tmp_path / name, gzip=compressed)
    items = list(read_warc(path))
    assert [item.url for item in items] == [  # type: ignore[union-attr]
        "https://news.example/kenya",
        "https://news.example/ghana",
    ]
    kenya = items[0]
    assert isinstance(kenya, Document)
    assert "Kenya received 1 armoured vehicles" in kenya.text
    assert "Home" not in kenya.text
    assert kenya.source.startswith(f"{path}#<urn:uuid:")


def test_read_warc_reports_a_truncated_gzip_after_what_it_read(tmp_path: Path) -> None:
    path = write_warc(tmp_path / "crawl.warc.gz", gzip=True)
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * 0.7)])
    items = list(read_warc(path))
    assert isinstance(items[0], Document)
    assert isinstance(items[-1], Skipped)
    assert "truncated" in items[-1].reason


def test_read_warc_stops_at_a_broken_record_with_one_skip(tmp_path: Path) -> None:
    path = write_warc(tmp_path / "crawl.warc", gzip=False)
    data = path.read_bytes()
    second = data.index(b"WARC/1.", 10)
    path.write_bytes(data[:second] + b"GARBAGE HEADER\r\n\r\n" + data[second + 8 :])
    items = list(read_warc(path))
    assert [type(item) for item in items] == [Document, Skipped]
    assert items[1].source == f"{path}#record-2"
    assert "broken WARC record" in items[1].reason  # type: ignore[union-attr]


def test_read_warc_skips_an_oversized_record_and_goes_on(tmp_path: Path) -> None:
    path = write_warc(tmp_path / "crawl.warc", gzip=False)
    items = list(read_warc(path, max_bytes=len(page("Kenya")) - 10))
    assert all(isinstance(item, Skipped) for item in items)
    assert len(items) == 2
    assert "over the" in items[0].reason  # type: ignore[union-attr]
