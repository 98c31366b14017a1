"""Web archives: HTML responses become Documents; damaged archives yield what can be read."""

from __future__ import annotations

import io
import re
import zlib
from gzip import compress as gzip_compress
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


# --- damaged archives: one Skipped, on one line, at the record where reading stopped ----------

GHANA = 7  # the Ghana page's response is the archive's seventh record


def split_records(data: bytes) -> list[bytes]:
    """Split an uncompressed WARC file into its records (each with its trailing blank lines)."""
    starts = [match.start() for match in re.finditer(rb"WARC/1\.\d\r\n", data)]
    return [data[start:end] for start, end in zip(starts, [*starts[1:], len(data)], strict=True)]


def gzip_member(data: bytes, *, complete: bool = True) -> bytes:
    """Compress data as one gzip member; an incomplete one stops right after it, as a cut file."""
    packer = zlib.compressobj(wbits=31)
    return packer.compress(data) + packer.flush(zlib.Z_FINISH if complete else zlib.Z_SYNC_FLUSH)


def write_records(
    path: Path, records: list[bytes], *, gzip: bool, last_complete: bool = True
) -> Path:
    """Write records as a WARC file, gzipped one member per record as crawlers write them."""
    if not gzip:
        path.write_bytes(b"".join(records))
        return path
    members = [gzip_member(record) for record in records[:-1]]
    members.append(gzip_member(records[-1], complete=last_complete))
    path.write_bytes(b"".join(members))
    return path


def cut_offset(record: bytes, where: str) -> int:
    """Return where in a record to cut it: in its first line, its WARC headers or its block."""
    block = record.index(b"\r\n\r\n") + 4
    return {
        "first-line": 4,
        "headers": record.index(b"WARC-Target-URI"),
        "before-length": record.index(b"Content-Length") + len(b"Content-Length: "),
        "block-start": block,
        "http-headers": block + 20,
        "page": record.index(b"<article>"),
    }[where]


@pytest.mark.parametrize("compressed", [False, True], ids=["warc", "warc.gz"])
@pytest.mark.parametrize(
    "where", ["first-line", "headers", "before-length", "block-start", "http-headers", "page"]
)
def test_read_warc_reports_a_cut_file_once_naming_the_record(
    tmp_path: Path, compressed: bool, where: str
) -> None:
    records = split_records(write_warc(tmp_path / "full.warc", gzip=False).read_bytes())
    kept = records[: GHANA - 1] + [records[GHANA - 1][: cut_offset(records[GHANA - 1], where)]]
    path = write_records(tmp_path / "cut.warc", kept, gzip=compressed, last_complete=False)

    items = list(read_warc(path))

    assert [type(item) for item in items] == [Document, Skipped]
    assert items[1].source.startswith(f"{path}#")
    assert items[1].reason.startswith("file is truncated: ")  # type: ignore[union-attr]
    assert f"record {GHANA}" in items[1].reason  # type: ignore[union-attr]
    assert items[1].reason.endswith("re-download it")  # type: ignore[union-attr]


@pytest.mark.parametrize("compressed", [False, True], ids=["warc", "warc.gz"])
def test_read_warc_reports_a_cut_anywhere_at_most_once(tmp_path: Path, compressed: bool) -> None:
    data = write_warc(tmp_path / "full.warc", gzip=compressed).read_bytes()
    path = tmp_path / ("cut.warc.gz" if compressed else "cut.warc")
    for cut in range(1, len(data), 41):  # 41: prime, so cuts fall at every kind of place
        path.write_bytes(data[:cut])

        skipped = [item for item in read_warc(path) if isinstance(item, Skipped)]

        assert len(skipped) <= 1, (cut, skipped)
        assert all("truncated" in item.reason or "no WARC records" in item.reason
                   for item in skipped), (cut, skipped)


def short_record(headers: bytes, declared: int, block: bytes) -> bytes:
    return (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:cut>\r\n" + headers
            + b"Content-Length: %d\r\n\r\n" % declared + block)


TARGET = b"WARC-Target-URI: https://news.example/x\r\n"


@pytest.mark.parametrize(
    ("headers", "block"),
    [
        (b"", b"short body\r\n\r\n"),  # no WARC-Target-URI: warcio 1.8 fails on it
        (TARGET, b""),  # warcio 1.8 takes an empty block for the end of the file
        (TARGET, b"HTTP/1.1 200 OK\r\nContent-Type: text/ht"),
    ],
    ids=["no-target-uri", "empty-block", "in-http-headers"],
)
def test_read_warc_reports_a_record_cut_short_with_its_lengths(
    tmp_path: Path, headers: bytes, block: bytes
) -> None:
    path = write_warc(tmp_path / "crawl.warc", gzip=False)
    with path.open("ab") as stream:
        stream.write(short_record(headers, 9999, block))

    items = list(read_warc(path))

    assert [type(item) for item in items] == [Document, Document, Skipped]
    assert items[2].source == f"{path}#<urn:uuid:cut>"
    assert items[2].reason == (  # type: ignore[union-attr]
        f"file is truncated: record 9 is cut short (Content-Length says 9999 bytes, "
        f"{len(block)} remain); re-download it"
    )


def test_read_warc_goes_on_after_a_gzip_member_shorter_than_its_record(tmp_path: Path) -> None:
    records = split_records(write_warc(tmp_path / "full.warc", gzip=False).read_bytes())
    declared = re.search(rb"Content-Length: (\d+)", records[0])
    assert declared
    records[0] = records[0].replace(declared.group(0),
                                    b"Content-Length: %d" % (int(declared.group(1)) + 500))
    path = write_records(tmp_path / "crawl.warc.gz", records, gzip=True)

    items = list(read_warc(path))

    assert [type(item) for item in items] == [Skipped, Document]
    assert "record 1 is cut short" in items[0].reason  # type: ignore[union-attr]
    assert "gzip member ends early; passed over" in items[0].reason  # type: ignore[union-attr]
    assert items[1].url == "https://news.example/ghana"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("first_line", "quoted"),
    [
        (b"GARBAGE HEADER\r\n", "'GARBAGE HEADER\\r\\n'"),
        (b"x" * 200 + b"\r\n", "'" + "x" * 60 + "'..."),
        (b"WARC\x00/1.0 \xff\xfe\r\n", "'WARC\\x00/1.0 \\xff\\xfe\\r\\n'"),
    ],
    ids=["crlf", "long", "control-and-not-utf8"],
)
def test_read_warc_quotes_a_broken_first_line_on_one_line(
    tmp_path: Path, first_line: bytes, quoted: str
) -> None:
    records = split_records(write_warc(tmp_path / "full.warc", gzip=False).read_bytes())
    broken = first_line + records[1].split(b"\r\n", 1)[1]
    path = write_records(tmp_path / "crawl.warc", [records[0], broken, *records[2:]], gzip=False)

    items = list(read_warc(path))

    assert [type(item) for item in items] == [Document, Skipped]
    assert items[1].source == f"{path}#record-2"
    assert items[1].reason == (  # type: ignore[union-attr]
        "broken WARC record, stopped reading here: expected a WARC/1.0 or WARC/1.1 header line, "
        f"found {quoted}"
    )


def test_read_warc_refuses_a_content_length_that_is_not_a_number(tmp_path: Path) -> None:
    records = split_records(write_warc(tmp_path / "full.warc", gzip=False).read_bytes())
    records[2] = re.sub(rb"Content-Length: \d+", b"Content-Length: 12\r\n kB", records[2])
    path = write_records(tmp_path / "crawl.warc", records, gzip=False)

    items = list(read_warc(path))

    assert [type(item) for item in items] == [Document, Skipped]
    assert items[1].reason == (  # type: ignore[union-attr]
        "broken WARC record, stopped reading here: Content-Length '12 kB' is not a number of bytes"
    )


def test_read_warc_reads_an_archive_gzipped_whole(tmp_path: Path) -> None:
    plain = write_warc(tmp_path / "crawl.warc", gzip=False).read_bytes()
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(gzip_compress(plain))  # `gzip crawl.warc`: one member, not one per record

    items = list(read_warc(path))

    assert [getattr(item, "url", None) for item in items] == [
        "https://news.example/kenya",
        "https://news.example/ghana",
    ]
