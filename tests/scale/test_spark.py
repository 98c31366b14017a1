"""The Spark job: in local mode, the same records, documents and skipped inputs as the local path.

One SparkSession (local[2]) serves the module; the job runs once per input and the
tests read its output. Runs when ARMSTRACE_TEST_SPARK=1 (.ci/setup.d/20-java.sh sets it
when Java 17+ is there) and pyspark is installed (`pip install armstrace[spark]`).
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from armstrace.cli import app
from armstrace.errors import ConfigError, InputError
from armstrace.export.parquet import RECORD_SCHEMA
from armstrace.ingest import read_path
from armstrace.ingest.parquet import read_job_output
from armstrace.model import Document, Skipped
from armstrace.pipeline import extract_documents, ingest_documents, store_extracted
from armstrace.store import open_store

pytestmark = [pytest.mark.spark, pytest.mark.xdist_group("spark")]

# A fixed block of the corpus: lines 8001-9000 hold nine Reuters stories with records
# (arms sales of 1987), and a thousand documents keep the job under half a minute.
REUTERS_LINES = range(8000, 9000)


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    """Return one local[2] SparkSession for the module, or skip saying what is missing."""
    if os.environ.get("ARMSTRACE_TEST_SPARK") != "1":
        pytest.skip("ARMSTRACE_TEST_SPARK is unset (.ci/setup.d/20-java.sh sets it when "
                    "Java 17+ is installed)")
    pytest.importorskip("pyspark", reason="pyspark is not installed: pip install armstrace[spark]")
    from armstrace.scale.spark import open_spark_session

    session = open_spark_session("local[2]", app_name="armstrace-tests")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def reuters_slice(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    reuters = shared_data / "corpora" / "reuters21578.jsonl"
    path = tmp_path_factory.mktemp("reuters") / "reuters-slice.jsonl"
    with reuters.open("rb") as source, path.open("wb") as target:
        target.writelines(islice(source, REUTERS_LINES.start, REUTERS_LINES.stop))
    return path


def _page(title: str, paragraphs: list[str]) -> bytes:
    body = "".join(f"<p>{text}</p>" for text in paragraphs)
    return (f"<html><head><title>{title}</title></head><body><nav><a href='/'>Home</a></nav>"
            f"<article><h1>{title}</h1>{body}</article></body></html>").encode()


# Pages written for this test (no article text is copied from anywhere).
PAGES = [
    ("https://news.example/poland-k2", "Poland orders tanks", [
        "Poland signed a contract on Tuesday to buy 180 K2 tanks from South Korea, the "
        "defence ministry in Warsaw said.",
        "The first tanks will arrive next year, officials said, and the rest will follow by "
        "2026 under the agreement signed with the manufacturer.",
    ]),
    ("https://news.example/iris-t", "Air defence handed over", [
        "Germany delivered four IRIS-T air defence systems to Ukraine last month, the "
        "government in Berlin said on Friday.",
        "The systems were handed over to the Ukrainian air force after training was "
        "completed by crews in Germany, officials said.",
    ]),
    ("https://news.example/roads", "Road repairs approved", [
        "The city council approved a new budget for road repairs on Monday.",
        "The mayor said the work would start in the spring and last until the end of the "
        "year, with most streets finished before the summer holidays.",
    ]),
]


@pytest.fixture(scope="module")
def warc_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("warc") / "crawl.warc.gz"
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for url, title, paragraphs in PAGES:
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                       protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                url, "response", payload=io.BytesIO(_page(title, paragraphs)),
                http_headers=headers))
    return path


def _job_output(spark: Any, inputs: list[Path], out: Path) -> Path:
    from armstrace.scale.spark import run_spark_job

    run_spark_job(spark, [str(path) for path in inputs], str(out))
    return out


@pytest.fixture(scope="module")
def reuters_output(spark: Any, reuters_slice: Path, tmp_path_factory: pytest.TempPathFactory
                   ) -> Path:
    return _job_output(spark, [reuters_slice], tmp_path_factory.mktemp("job") / "reuters")


@pytest.fixture(scope="module")
def warc_output(spark: Any, warc_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _job_output(spark, [warc_file], tmp_path_factory.mktemp("job") / "warc")


def _local_path(path: Path, extractor: Any) -> tuple[list[str], list[Document], list[Skipped]]:
    records, documents, skipped = [], [], []
    for item in extract_documents(read_path(str(path)), extractor):
        if isinstance(item, Skipped):
            skipped.append(item)
        else:
            documents.append(item[0])
            records += [json.dumps(record.to_json(), sort_keys=True) for record in item[1]]
    return sorted(records), documents, skipped


def _spark_path(out: Path) -> tuple[list[str], list[Document], list[Skipped]]:
    records, documents, skipped = [], [], []
    for item in read_job_output(out):
        if isinstance(item, Skipped):
            skipped.append(item)
        else:
            documents.append(item[0])
            records += [json.dumps(record.to_json(), sort_keys=True) for record in item[1]]
    return sorted(records), documents, skipped


@pytest.mark.parametrize("corpus", ["reuters", "warc"])
def test_spark_job_records_equal_the_local_paths(
    corpus: str, request: pytest.FixtureRequest, extractor: Any
) -> None:
    source = request.getfixturevalue("reuters_slice" if corpus == "reuters" else "warc_file")
    out = request.getfixturevalue(f"{corpus}_output")
    local_records, _, _ = _local_path(source, extractor)
    spark_records, _, _ = _spark_path(out)
    assert local_records, "the slice must hold records for the comparison to mean anything"
    assert spark_records == local_records


@pytest.mark.parametrize("corpus", ["reuters", "warc"])
def test_spark_job_documents_and_skipped_equal_the_local_paths(
    corpus: str, request: pytest.FixtureRequest, extractor: Any
) -> None:
    source = request.getfixturevalue("reuters_slice" if corpus == "reuters" else "warc_file")
    out = request.getfixturevalue(f"{corpus}_output")
    _, local_documents, local_skipped = _local_path(source, extractor)
    _, spark_documents, spark_skipped = _spark_path(out)
    assert spark_documents == local_documents  # same cleaned text, ids, order
    assert sorted(map(repr, spark_skipped)) == sorted(map(repr, local_skipped))


def test_spark_job_partitions_records_by_year_in_the_export_schema(reuters_output: Path) -> None:
    import pyarrow.parquet as pq

    years = sorted(path.name for path in (reuters_output / "records").glob("year=*"))
    assert years == ["year=1987"]
    files = sorted((reuters_output / "records").rglob("*.parquet"))
    assert files
    for file in files:
        names = pq.read_schema(file).names
        assert names[: len(RECORD_SCHEMA.names)] == RECORD_SCHEMA.names
        assert names[len(RECORD_SCHEMA.names):] == ["record_index", "extra"]


def test_ingest_job_output_stores_what_a_local_ingest_stores(
    reuters_output: Path, reuters_slice: Path, extractor: Any, tmp_path: Path
) -> None:
    with open_store(tmp_path / "local.db") as local, open_store(tmp_path / "spark.db") as spark:
        ingest_documents(read_path(str(reuters_slice)), local, extractor)
        report = store_extracted(read_job_output(reuters_output), spark)
        assert report.records_added > 0
        assert [d.id for d in spark.iter_documents()] == [d.id for d in local.iter_documents()]
        assert [r.to_json() for r in spark.iter_records()] == [
            r.to_json() for r in local.iter_records()
        ]
        assert [d.to_json() for d in spark.iter_deals()] == [
            d.to_json() for d in local.iter_deals()
        ]


def test_ingest_job_output_twice_adds_nothing(reuters_output: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "register.db")
    runner = CliRunner()
    first = runner.invoke(app, ["ingest", str(reuters_output), "--db", db, "--quiet"])
    assert first.exit_code == 0, first.output
    with open_store(db) as store:
        before = store.summary()
    second = runner.invoke(app, ["ingest", str(reuters_output), "--db", db, "--quiet"])
    assert second.exit_code == 0, second.output
    with open_store(db) as store:
        after = store.summary()
    assert before.documents == len(REUTERS_LINES)
    assert before.records > 0
    assert (after.documents, after.records) == (before.documents, before.records)


def test_spark_job_refuses_a_missing_input(spark: Any, tmp_path: Path) -> None:
    from armstrace.scale.spark import run_spark_job

    with pytest.raises(InputError, match="no such file or directory"):
        run_spark_job(spark, [str(tmp_path / "absent.jsonl")], str(tmp_path / "out"))


def test_spark_job_refuses_an_existing_output(spark: Any, reuters_output: Path,
                                              reuters_slice: Path) -> None:
    from armstrace.scale.spark import run_spark_job

    with pytest.raises(ConfigError, match="--overwrite"):
        run_spark_job(spark, [str(reuters_slice)], str(reuters_output))


def test_spark_job_without_pyspark_says_how_to_install_it(tmp_path: Path) -> None:
    # A fresh interpreter in which `import pyspark` fails, as without the extra.
    script = (
        "import sys; sys.modules['pyspark'] = None\n"
        "from armstrace.cli import main\n"
        f"sys.argv = ['armstrace', 'spark-job', {str(tmp_path)!r}, '--out', "
        f"{str(tmp_path / 'out')!r}]\n"
        "main()\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            timeout=60, check=False)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "error: spark-job needs pyspark: pip install 'armstrace[spark]' (and Java 17 or later)"
    ]
