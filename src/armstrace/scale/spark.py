"""Run read -> clean -> extract as a Spark job over JSON Lines and WARC files.

The job wraps the library's own stage functions, as the process pool does: each line of
a JSON Lines file goes through `ingest.jsonl.parse_jsonl_line`, each WARC file through
`ingest.warc.parse_warc`, each document through `clean.clean_document` and
`Extractor.extract`. Nothing here re-implements a stage; Spark only decides where the
functions run. Inputs are local paths or any Hadoop-compatible URI (hdfs://, s3a://...).

The output directory holds three Parquet datasets:

    records/year=YYYY/part-*.parquet   one row per record: the columns of
                                       `export.parquet.RECORD_SCHEMA` (spec/records.md),
                                       plus `record_index` (its place among its document's
                                       records) and `extra` (the extractor's notes, JSON)
    documents/part-*.parquet           the cleaned documents: id, text, source, url, title,
                                       published (all of them, or only those with records)
    skipped/part-*.parquet             source, stage, reason, document_id

`year` is the document's year of publication, else the record's own date's year;
records with neither go to `year=__HIVE_DEFAULT_PARTITION__`. `armstrace ingest DIR`
stores the documents and their records as the local path would (see
`ingest.parquet.read_job_output`), without extracting again.

pyspark is an optional dependency (`pip install armstrace[spark]`); this module is
imported only by the `spark-job` command.
"""

from __future__ import annotations

import functools
import io
import json
import logging
import os
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from armstrace.clean import clean_document
from armstrace.errors import ConfigError, InputError
from armstrace.export.parquet import RECORD_SCHEMA, record_row
from armstrace.ingest import reader_for
from armstrace.ingest.files import MAX_BYTES, guarded, limit_problem, skip
from armstrace.ingest.jsonl import BOM, parse_jsonl_line
from armstrace.ingest.warc import parse_warc
from armstrace.model import Document, Record, Skipped

if TYPE_CHECKING:
    from pyspark import RDD
    from pyspark.sql import SparkSession
    from pyspark.sql.types import StructType

    from armstrace.extract import Extractor

LOGGER = logging.getLogger(__name__)

RECORDS_DIR = "records"
DOCUMENTS_DIR = "documents"
SKIPPED_DIR = "skipped"
YEAR_COLUMN = "year"
# Columns the job adds to RECORD_SCHEMA (the spec lets code add fields, never drop any).
RECORD_EXTRA_COLUMNS = ("record_index", "extra")
DOCUMENT_COLUMNS = ("id", "text", "source", "url", "title", "published")
SKIPPED_COLUMNS = ("source", "stage", "reason", "document_id")

InputKind = Literal["jsonl", "warc"]
# Schemes pyarrow's file systems name differently from Hadoop's.
_PYARROW_SCHEMES = {"s3a": "s3", "s3n": "s3"}


@dataclass(frozen=True)
class SparkJobConfig:
    """Options of the Spark job.

    `partitions`: at least this many partitions for JSON Lines input, and WARC documents
    are spread over this many after reading (default: Spark's own choice, one task per
    WARC file). `documents`: "all" writes every cleaned document (what a local ingest
    stores), "cited" only those with records (far smaller for a news archive).
    """

    partitions: int | None = None
    max_bytes: int = MAX_BYTES
    documents: Literal["all", "cited"] = "all"
    overwrite: bool = False


@dataclass(frozen=True)
class InputFile:
    """One file the job reads: the name its documents' `source` starts with, and its URI."""

    name: str
    uri: str
    kind: InputKind


@dataclass(frozen=True)
class SparkJobReport:
    """What one Spark job did."""

    files: int
    documents: int
    records: int
    skipped: int
    seconds: float
    out: str


def open_spark_session(master: str | None = None, app_name: str = "armstrace") -> SparkSession:
    """Return a SparkSession; `master` such as "local[2]" (None: spark-submit's choice).

    Raises ConfigError when pyspark is not installed.
    """
    try:
        from pyspark.sql import SparkSession
    except ImportError as error:
        raise ConfigError(
            "spark-job needs pyspark: pip install 'armstrace[spark]' (and Java 17 or later)"
        ) from error
    # pyspark starts its Python workers with $PYSPARK_PYTHON, else whatever `python3` is on
    # the PATH, which need not have armstrace installed; in local mode use this interpreter.
    if master is not None and master.startswith("local"):
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName(app_name)
    if master is not None:
        builder = builder.master(master)
        if master.startswith("local"):
            # One machine: no web UI, few shuffle partitions (the job shuffles nothing big).
            builder = builder.config("spark.ui.enabled", "false")
            builder = builder.config("spark.sql.shuffle.partitions", "4")
            builder = builder.config("spark.ui.showConsoleProgress", "false")
    try:
        spark = builder.getOrCreate()
    except Exception as error:  # noqa: BLE001  (pyspark raises its own kinds when Java fails)
        message = " ".join(str(error).split())
        raise ConfigError(
            f"Spark did not start ({message}); it needs Java 17 or later on the PATH or in "
            "JAVA_HOME (Debian: apt-get install default-jre-headless)"
        ) from error
    # Spark's INFO lines drown the command's own output; warnings still show.
    spark.sparkContext.setLogLevel("WARN")
    return spark


def run_spark_job(
    spark: SparkSession,
    inputs: Sequence[str],
    out: str,
    config: SparkJobConfig | None = None,
) -> SparkJobReport:
    """Read, clean and extract `inputs` on Spark; write records, documents and skipped to `out`.

    Raises InputError when an input does not exist or nothing readable was found, and
    ConfigError when `out` exists and `config.overwrite` is not set.
    """
    config = config or SparkJobConfig()
    started = time.perf_counter()
    files, unreadable = list_input_files(spark, inputs)
    if not files:
        raise InputError(", ".join(inputs), "no JSON Lines or WARC files to read")
    _check_output(spark, out, config.overwrite)
    sc = spark.sparkContext
    items = read_inputs(spark, files, config)
    if unreadable:
        items = sc.parallelize(unreadable, 1).union(items)
    tagged = items.mapPartitions(functools.partial(clean_and_extract_partition, config=config))
    from pyspark import StorageLevel

    # Three outputs from one pass: keep the extracted rows rather than extract three times.
    tagged.persist(StorageLevel.MEMORY_AND_DISK)
    try:
        mode = "overwrite" if config.overwrite else "errorifexists"
        records_frame = spark.createDataFrame(_rows_of(tagged, "record"), record_spark_schema())
        records_frame.write.mode(mode).partitionBy(YEAR_COLUMN).parquet(_join(out, RECORDS_DIR))
        documents_frame = spark.createDataFrame(
            _rows_of(tagged, "document"), _spark_schema(_document_arrow_schema())
        )
        documents_frame.write.mode(mode).parquet(_join(out, DOCUMENTS_DIR))
        skipped_frame = spark.createDataFrame(
            _rows_of(tagged, "skipped"), _spark_schema(_skipped_arrow_schema())
        )
        skipped_frame.write.mode(mode).parquet(_join(out, SKIPPED_DIR))
        counts = tagged.map(lambda row: row[0]).countByValue()
    finally:
        tagged.unpersist()
    return SparkJobReport(
        files=len(files),
        documents=counts.get("document_read", 0),
        records=counts.get("record", 0),
        skipped=counts.get("skipped", 0),
        seconds=time.perf_counter() - started,
        out=out,
    )


# --- reading ---------------------------------------------------------------------------------


def list_input_files(
    spark: SparkSession, inputs: Sequence[str]
) -> tuple[list[InputFile], list[Skipped]]:
    """Expand inputs (files, directories, globs, any Hadoop URI) into the files to read.

    Directories are walked recursively in sorted order, hidden files (`.x`, `_x`) left
    out, as `armstrace ingest` walks them. Files of other formats become Skipped.
    """
    jvm = spark.sparkContext._jvm  # noqa: SLF001  (pyspark's documented route to Hadoop's API)
    hadoop_conf = spark.sparkContext._jsc.hadoopConfiguration()  # noqa: SLF001
    assert jvm is not None
    files: list[InputFile] = []
    unreadable: list[Skipped] = []
    for given in inputs:
        path = jvm.org.apache.hadoop.fs.Path(given)
        filesystem = path.getFileSystem(hadoop_conf)
        statuses = filesystem.globStatus(path) or []
        if not statuses:
            raise InputError(given, "no such file or directory")
        is_glob = len(statuses) > 1 or any(char in given for char in "*?[{")
        for status in statuses:
            found = status.getPath()
            if status.isDirectory():
                top = found.toUri().getPath().rstrip("/")
                listed = filesystem.listFiles(found, True)
                children = []
                while listed.hasNext():
                    child = listed.next().getPath()
                    relative = child.toUri().getPath()[len(top) :].lstrip("/")
                    if any(part[:1] in "._" for part in relative.split("/")):
                        continue
                    children.append((relative, child.toString()))
                base = given.rstrip("/") if not is_glob else _display(found.toString())
                for relative, uri in sorted(children):
                    _add_file(f"{base}/{relative}", uri, files, unreadable)
            else:
                name = _display(found.toString()) if is_glob else given
                _add_file(name, found.toString(), files, unreadable)
    return files, unreadable


def _display(uri: str) -> str:
    """Return a local file's URI as a plain path; other URIs as they are."""
    return uri.removeprefix("file:") if uri.startswith("file:/") else uri


def _add_file(name: str, uri: str, files: list[InputFile], unreadable: list[Skipped]) -> None:
    kind = reader_for(name)
    if kind in ("jsonl", "warc"):
        files.append(InputFile(name, uri, "jsonl" if kind == "jsonl" else "warc"))
    else:
        what = f"a {kind} file" if kind else "of a format it cannot tell from the name"
        unreadable.append(
            skip(
                name,
                f"spark-job reads JSON Lines (.jsonl, .ndjson) and WARC (.warc, "
                f".warc.gz) files; this is {what}",
            )
        )


def read_inputs(
    spark: SparkSession, files: Sequence[InputFile], config: SparkJobConfig
) -> RDD[Document | Skipped]:
    """Return an RDD of the documents (and skipped inputs) the files hold, in input order."""
    sc = spark.sparkContext
    parts: list[RDD[Document | Skipped]] = []
    warc_files: list[InputFile] = []

    def flush_warc() -> None:
        if warc_files:
            chunk = list(warc_files)
            warc_files.clear()
            rdd = sc.parallelize(chunk, len(chunk)).mapPartitions(
                functools.partial(read_warc_partition, max_bytes=config.max_bytes)
            )
            if config.partitions and config.partitions > len(chunk):
                rdd = rdd.repartition(config.partitions)
            parts.append(rdd)

    for file in files:
        if file.kind == "warc":
            warc_files.append(file)
            continue
        flush_warc()
        # Bytes, not str: the line parser decodes, and says so when a line is not UTF-8.
        lines = sc.textFile(file.uri, config.partitions, use_unicode=False)
        parts.append(
            lines.zipWithIndex().mapPartitions(
                functools.partial(parse_lines_partition, name=file.name, max_bytes=config.max_bytes)
            )
        )
    flush_warc()
    return parts[0] if len(parts) == 1 else sc.union(parts)


def parse_lines_partition(
    numbered_lines: Iterable[tuple[bytes, int]], name: str, max_bytes: int
) -> Iterator[Document | Skipped]:
    """Parse JSON Lines lines numbered from 0 with the library's line parser."""
    for line, index in numbered_lines:
        where = f"{name}:{index + 1}"
        if len(line) > max_bytes:
            yield skip(where, limit_problem(len(line), max_bytes, what="line"))
            continue
        item = parse_jsonl_line(line.removeprefix(BOM) if index == 0 else line, where)
        if item is not None:
            yield item


def read_warc_partition(files: Iterable[InputFile], max_bytes: int) -> Iterator[Document | Skipped]:
    """Read whole WARC files, each streamed through the library's WARC parser."""
    for file in files:
        yield from guarded(file.name, _read_warc_file(file, max_bytes))


def _read_warc_file(file: InputFile, max_bytes: int) -> Iterator[Document | Skipped]:
    with _open_stream(file.uri) as stream:
        yield from parse_warc(stream, file.name, max_bytes)


def _open_stream(uri: str) -> Any:
    """Open a file for streaming with pyarrow's file systems (local, S3, HDFS, GCS, Azure)."""
    from pyarrow import fs

    scheme, separator, rest = uri.partition(":")
    if not separator or scheme == "file" or len(scheme) == 1:  # no scheme, or a drive letter
        local = rest.removeprefix("//") if scheme == "file" else uri
        return io.BufferedReader(fs.LocalFileSystem().open_input_stream(local), 1 << 20)
    filesystem, path = fs.FileSystem.from_uri(f"{_PYARROW_SCHEMES.get(scheme, scheme)}:{rest}")
    return io.BufferedReader(filesystem.open_input_stream(path), 1 << 20)


# --- clean and extract -----------------------------------------------------------------------


@functools.cache
def _executor_extractor() -> Extractor:
    """Return this Python worker's one Extractor, built on first use.

    Spark reuses its Python workers between tasks (spark.python.worker.reuse), so the
    model and catalogues load once per worker process, not once per partition.
    """
    from armstrace.extract import Extractor

    return Extractor()


def clean_and_extract_partition(
    items: Iterable[Document | Skipped], config: SparkJobConfig
) -> Iterator[tuple[str, tuple[Any, ...] | None]]:
    """Clean and extract each document; yield tagged output rows.

    Tags: "record", "document" (a row to write), "document_read" (one per document read,
    for the count) and "skipped". A document whose cleaning or extraction raises becomes a
    Skipped naming the stage: one bad page must not fail a job over millions.
    """
    extractor = None
    for item in items:
        if isinstance(item, Skipped):
            yield "skipped", skipped_row(item)
            continue
        yield "document_read", None
        try:
            cleaned = clean_document(item)
        except Exception as error:  # noqa: BLE001
            LOGGER.exception("clean failed on %s", item.source)
            yield "skipped", skipped_row(_failed(item, "clean", error))
            continue
        if isinstance(cleaned, Skipped):
            yield "skipped", skipped_row(cleaned)
            continue
        if extractor is None:
            extractor = _executor_extractor()
        try:
            records = extractor.extract(cleaned)
        except Exception as error:  # noqa: BLE001
            LOGGER.exception("extract failed on %s", cleaned.source)
            yield "skipped", skipped_row(_failed(cleaned, "extract", error))
            continue
        for index, record in enumerate(records):
            yield "record", job_record_row(record, index)
        if records or config.documents == "all":
            yield "document", document_row(cleaned)


def _failed(document: Document, stage: str, error: Exception) -> Skipped:
    message = " ".join(str(error).split())
    return Skipped(
        document.source, stage, f"failed: {type(error).__name__}: {message}", document.id
    )


def record_year(record: Record) -> int | None:
    """Return the year a record is filed under: its document's, else its own date's."""
    if record.document.published is not None:
        return record.document.published.year
    return record.date.year if record.date is not None else None


def job_record_row(record: Record, index: int) -> tuple[Any, ...]:
    """Return a record as a row of `record_spark_schema()` (year last)."""
    row = record_row(record)
    values = [row[name] for name in RECORD_SCHEMA.names]
    values += [index, json.dumps(record.extra, ensure_ascii=False, sort_keys=True)]
    return (*values, record_year(record))


def document_row(document: Document) -> tuple[Any, ...]:
    """Return a document as a row of the documents dataset."""
    return (
        document.id,
        document.text,
        document.source,
        document.url,
        document.title,
        document.published,
    )


def skipped_row(skipped: Skipped) -> tuple[Any, ...]:
    """Return a Skipped as a row of the skipped dataset."""
    return (skipped.source, skipped.stage, skipped.reason, skipped.document_id)


# --- schemas and writing ---------------------------------------------------------------------


def record_spark_schema() -> StructType:
    """Return the Spark schema of the records dataset: RECORD_SCHEMA, the extras, year."""
    import pyarrow as pa

    arrow = RECORD_SCHEMA.append(pa.field("record_index", pa.int64()))
    arrow = arrow.append(pa.field("extra", pa.string()))
    return _spark_schema(arrow.append(pa.field(YEAR_COLUMN, pa.int32())))


def _document_arrow_schema() -> Any:
    import pyarrow as pa

    return pa.schema(
        [
            ("id", pa.string()),
            ("text", pa.string()),
            ("source", pa.string()),
            ("url", pa.string()),
            ("title", pa.string()),
            ("published", pa.date32()),
        ]
    )


def _skipped_arrow_schema() -> Any:
    import pyarrow as pa

    return pa.schema([(name, pa.string()) for name in SKIPPED_COLUMNS])


def _spark_schema(arrow_schema: Any) -> StructType:
    """Return the Spark schema of an Arrow schema of flat columns and lists of strings."""
    # Not pyspark.sql.pandas.types.from_arrow_schema: it imports pandas, which the job needs not.
    import pyarrow as pa
    from pyspark.sql import types

    def spark_type(arrow_type: Any) -> types.DataType:
        if pa.types.is_list(arrow_type):
            return types.ArrayType(spark_type(arrow_type.value_type))
        simple = {
            pa.string(): types.StringType(),
            pa.int64(): types.LongType(),
            pa.int32(): types.IntegerType(),
            pa.float64(): types.DoubleType(),
            pa.date32(): types.DateType(),
        }
        if arrow_type not in simple:
            raise TypeError(f"no Spark type for Arrow type {arrow_type}")
        return simple[arrow_type]

    return types.StructType(
        [types.StructField(field.name, spark_type(field.type)) for field in arrow_schema]
    )


def _rows_of(tagged: RDD[tuple[str, Any]], tag: str) -> RDD[tuple[Any, ...]]:
    return tagged.filter(lambda row: row[0] == tag).map(lambda row: row[1])


def _join(out: str, name: str) -> str:
    return f"{out.rstrip('/')}/{name}"


def _check_output(spark: SparkSession, out: str, overwrite: bool) -> None:
    jvm = spark.sparkContext._jvm  # noqa: SLF001
    assert jvm is not None
    path = jvm.org.apache.hadoop.fs.Path(out)
    filesystem = path.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration())  # noqa: SLF001
    if filesystem.exists(path) and not overwrite:
        listed = filesystem.listStatus(path)
        if listed is not None and len(listed) > 0:
            raise ConfigError(
                f"{out}: output directory exists and is not empty; "
                "choose a new one or pass --overwrite"
            )
