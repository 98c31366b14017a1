"""The Spark job: in local mode, the same records, documents and skipped inputs as the local path.

The job runs once per input for the whole test session (xdist workers share its output,
see `_job_output`), in a local[2] SparkSession, and the tests read what it wrote. Runs
when ARMSTRACE_TEST_SPARK=1 (.ci/setup.d/20-java.sh sets it when Java 17+ is there) and
pyspark is installed (`pip install armstrace[spark]`).
"""

from __future__ import annotations

import contextlib
import fcntl
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

pytestmark = [
    pytest.mark.spark,
    # pyspark warns whenever pandas 3 is installed (the test extra has it); the job uses no pandas.
    pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas:FutureWarning"),
]

# A fixed block of the corpus: lines 8001-8700 hold nine Reuters stories with records
# (arms sales of 1987); 700 documents keep each job short.
REUTERS_LINES = range(8000, 8700)


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
    shared = _shared_dir(tmp_path_factory)
    path = shared / "reuters-slice.jsonl"
    with _locked(shared / "reuters-slice.lock"):
        if not path.exists():
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
    shared = _shared_dir(tmp_path_factory)
    path = shared / "crawl.warc.gz"
    with _locked(shared / "crawl.lock"):
        if not path.exists():
            _write_warc(path)
    return path


def _write_warc(path: Path) -> None:
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for url, title, paragraphs in PAGES:
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                       protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                url, "response", payload=io.BytesIO(_page(title, paragraphs)),
                http_headers=headers))


def _shared_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a folder that every xdist worker of this test session sees."""
    base = tmp_path_factory.getbasetemp()
    shared = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "spark-jobs"
    shared.mkdir(exist_ok=True)
    return shared


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    with path.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def _job_output(request: pytest.FixtureRequest, inputs: list[Path], name: str) -> Path:
    """Run the job once per test session, whichever xdist worker asks first.

    The other worker waits on a lock and reads the same output, without starting a JVM
    of its own (pytest-xdist's loadgroup cannot keep these tests on one worker here).
    """
    from armstrace.scale.spark import run_spark_job

    shared = _shared_dir(request.getfixturevalue("tmp_path_factory"))
    out = shared / name
    with _locked(shared / f"{name}.lock"):
        if not (out / "documents" / "_SUCCESS").exists():
            spark = request.getfixturevalue("spark")
            run_spark_job(spark, [str(path) for path in inputs], str(out))
    return out


@pytest.fixture(scope="module")
def reuters_output(request: pytest.FixtureRequest, reuters_slice: Path) -> Path:
    return _job_output(request, [reuters_slice], "reuters")


@pytest.fixture(scope="module")
def warc_output(request: pytest.FixtureRequest, warc_file: Path) -> Path:
    return _job_output(request, [warc_file], "warc")


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


def _assert_same_as_local_path(source: Path, out: Path, extractor: Any) -> None:
    local_records, local_documents, local_skipped = _local_path(source, extractor)
    spark_records, spark_documents, spark_skipped = _spark_path(out)
    assert local_records, "the input must hold records for the comparison to mean anything"
    assert spark_records == local_records
    assert spark_documents == local_documents  # same cleaned text, ids and order
    assert sorted(map(repr, spark_skipped)) == sorted(map(repr, local_skipped))


def test_spark_job_on_reuters_gives_the_local_paths_records(
    reuters_slice: Path, reuters_output: Path, extractor: Any
) -> None:
    _assert_same_as_local_path(reuters_slice, reuters_output, extractor)


def test_spark_job_on_warc_gives_the_local_paths_records(
    warc_file: Path, warc_output: Path, extractor: Any
) -> None:
    _assert_same_as_local_path(warc_file, warc_output, extractor)


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
