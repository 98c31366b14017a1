"""The armstrace command line: thin commands over library functions.

Only this module talks to the terminal. Exit status: 0 on success, 1 on an error
(or when nothing could be ingested), 2 on a usage error.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from armstrace.cli_audit import add_audit_commands
from armstrace.cli_listing import add_listing_commands, records_table
from armstrace.cli_pipeline import (
    fetch_config,
    load_extractor,
    read_inputs,
    report_notification,
    report_skipped,
)
from armstrace.cli_review import add_review_commands
from armstrace.cli_sipri import add_sipri_commands
from armstrace.cli_terminal import (
    DEFAULT_DB,
    DbOption,
    JsonOption,
    PlainHelpGroup,
    db_label,
    err,
    fail,
    out,
    parse_day,
    require_database,
)
from armstrace.cli_watch import add_watch_commands
from armstrace.errors import ArmstraceError
from armstrace.model import Document, Record, Skipped

if TYPE_CHECKING:
    from armstrace.evaluate_deals import GoldDeal
    from armstrace.store import Store


app = typer.Typer(
    cls=PlainHelpGroup,
    help="Turn news into an evidence-linked register of arms transfers.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _print_version(wanted: bool) -> None:
    if wanted:
        from armstrace import __version__

        out.print(f"armstrace {__version__}", markup=False)
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", is_eager=True, callback=_print_version,
                           help="Print armstrace's version and exit.")
    ] = False,
) -> None:
    """Turn news into an evidence-linked register of arms transfers."""
HostOption = Annotated[str, typer.Option("--host", help="Address to listen on.")]
PortOption = Annotated[int, typer.Option("--port", min=0, max=65535, help="Port to listen on.")]
WorkersOption = Annotated[
    int | None,
    typer.Option("--workers", min=1,
                 help="Processes that clean and extract (default: all cores); storing and "
                 "merging stay in this one."),
]
MaxBytesOption = Annotated[
    int | None,
    typer.Option("--max-bytes", min=1,
                 help="Refuse documents larger than this many bytes (default 10 MB)."),
]


FollowLinksOption = Annotated[
    bool,
    typer.Option("--follow-links",
                 help="Inside directories, follow symbolic links to any file or directory "
                 "(default: only to files inside the directory; others are skipped)."),
]
MaxSecondsOption = Annotated[
    float,
    typer.Option("--max-seconds", min=0.1,
                 help="Give up reading, cleaning or extracting one document after this many "
                 "seconds: it is skipped with the reason (stored without records when read)."),
]


# --- extract ---------------------------------------------------------------------------------


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="Files, directories, or - for stdin.")],
    published: Annotated[
        str | None, typer.Option(help="Publication date (YYYY-MM-DD) for documents without one.")
    ] = None,
    max_bytes: MaxBytesOption = None,
) -> None:
    """Print the records of articles as JSON Lines, without a database.

    Exits 1 when a path does not exist or no document could be read; says on stderr
    when the documents hold no record.
    """
    from armstrace.pipeline import extract_documents

    day = parse_day(published, "--published")
    missing = [path for path in paths if path != "-" and not os.path.lexists(path)]
    if missing:
        raise fail(f"{missing[0]}: no such file or directory")
    extractor = load_extractor()
    documents = found = skipped = 0
    for item in extract_documents(read_inputs(paths, day, max_bytes), extractor):
        if isinstance(item, Skipped):
            report_skipped(item)
            skipped += 1
            continue
        documents += 1
        for record in item[1]:
            found += 1
            sys.stdout.write(json.dumps(record.to_json(), ensure_ascii=False) + "\n")
    if not documents:
        raise fail(f"no document could be read ({skipped} skipped)" if skipped
                   else "no document to read")
    if not found:
        err.print(f"no records found in {documents} document{'s' if documents > 1 else ''}",
                  markup=False, soft_wrap=True)


# --- ingest ----------------------------------------------------------------------------------


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, directories, or - for stdin.")],
    db: DbOption = DEFAULT_DB,
    published: Annotated[
        str | None, typer.Option(help="Publication date (YYYY-MM-DD) for documents without one.")
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    max_bytes: MaxBytesOption = None,
    workers: WorkersOption = None,
    follow_links: FollowLinksOption = False,
    max_seconds: MaxSecondsOption = 30.0,
) -> None:
    """Store documents and the records extracted from them.

    PATHS are files, directories, - (stdin), or http(s) URLs of pages and feeds:
    fetched politely (robots.txt, one request a second per site), each page once.
    A directory written by `armstrace spark-job` is stored as it is: its documents and
    records, already extracted, then merged into deals.
    """
    from armstrace.ingest.parquet import is_job_output, read_job_output

    day = parse_day(published, "--published")
    urls = [path for path in paths if path.startswith(("http://", "https://"))]
    job_outputs = [path for path in paths if path not in urls and is_job_output(path)]
    files = [path for path in paths if path not in job_outputs and path not in urls]

    from armstrace.ingest.live import LiveReport

    live = LiveReport()

    def items(store: Store) -> Iterator[Document | Skipped]:
        if files:
            yield from read_inputs(files, day, max_bytes, follow_links, max_seconds)
        if urls:
            from armstrace.ingest.fetch import Fetcher
            from armstrace.ingest.live import read_live

            with Fetcher(fetch_config(1.0, 20.0, max_bytes)) as fetcher:
                yield from read_live(urls, fetcher, store, live)

    reports = []
    if files or urls:
        reports.append(_ingest(items, db, quiet, workers, max_seconds=max_seconds))
    if live.pages_already_fetched or live.feeds_not_modified:
        err.print(f"{live.pages_already_fetched} pages fetched before (never fetched twice), "
                  f"{live.feeds_not_modified} feeds unchanged since the last fetch",
                  markup=False, soft_wrap=True)
    for job_output in job_outputs:
        try:
            extracted = read_job_output(job_output)
        except ArmstraceError as error:
            raise fail(str(error)) from error
        reports.append(_ingest(extracted, db, quiet, already_extracted=True))
    if all(report.documents_read == 0 and report.skipped_count for report in reports):
        raise typer.Exit(1)


def _ingest(  # noqa: ANN202
    items: Iterator | Callable[[Store], Iterator], db: str, quiet: bool,
    workers: int | None = None, already_extracted: bool = False,
    max_seconds: float | None = None,
):
    """Store documents read (extracting them), or documents and records a Spark job wrote.

    `items` may be a function of the open store (live sources keep their fetch state
    there). Afterwards the watchlists are told of new or changed deals.
    """
    from armstrace.alerts import WebhookPoster
    from armstrace.pipeline import IngestReport, store_extracted
    from armstrace.scale.cores import available_cores
    from armstrace.scale.pool import PoolConfig, ingest_documents_pooled
    from armstrace.stages import DEFAULT_LIMITS
    from armstrace.store import open_store
    from armstrace.watch import notify_watchlists

    extractor = None if already_extracted else load_extractor(db)
    started = time.perf_counter()
    try:
        with open_store(db) as store:
            if callable(items):
                items = items(store)
            progress = Progress(
                TextColumn("[bold]ingest[/bold]"),
                BarColumn(bar_width=None),
                TextColumn("{task.completed} documents"),
                TextColumn("{task.fields[rate]:.1f} docs/s"),
                TextColumn("{task.fields[records]} records"),
                TimeElapsedColumn(),
                console=err,
                disable=quiet,
                transient=False,
            )
            with progress:
                task = progress.add_task("ingest", total=None, rate=0.0, records=0)

                def on_progress(report: IngestReport, item: Document | Skipped) -> None:
                    if isinstance(item, Skipped):
                        report_skipped(item)
                    elapsed = max(time.perf_counter() - started, 1e-6)
                    progress.update(task, completed=report.documents_read,
                                    rate=report.documents_read / elapsed,
                                    records=report.records_added)

                if extractor is None:
                    report = store_extracted(items, store, on_progress)
                else:
                    limits = replace(DEFAULT_LIMITS, seconds=max_seconds or DEFAULT_LIMITS.seconds)
                    pool = PoolConfig(workers=workers or available_cores(), limits=limits)
                    report = ingest_documents_pooled(items, store, extractor, pool, on_progress)
            with WebhookPoster() as poster:
                notification = notify_watchlists(store, poster)
    except ArmstraceError as error:
        raise fail(str(error)) from error
    if not quiet:
        err.print(
            f"{report.documents_added} documents added "
            f"({report.documents_already_stored} already stored), "
            f"{report.records_added} records, {report.skipped_count} skipped -> {db_label(db)}",
            markup=False, soft_wrap=True,
        )
    report_notification(notification)
    return report


add_listing_commands(app)


# --- evaluate --------------------------------------------------------------------------------


@app.command()
def evaluate(
    gold: Annotated[Path, typer.Argument(help="Gold records, JSON Lines (spec section 4); with "
                                         "--deals, gold deals (eval/deals/README.md).")],
    paths: Annotated[list[str], typer.Argument(help="Where the documents are: files or folders.")],
    docs: Annotated[
        Path | None, typer.Option(help="The document keys to score, one per line.")
    ] = None,
    by_confidence: Annotated[
        bool, typer.Option("--by-confidence", help="Also print precision per confidence band.")
    ] = False,
    published: Annotated[
        Path | None,
        typer.Option(help="Publication dates of documents that carry none (plain text): a "
                     'JSON object from document key to YYYY-MM-DD, e.g. {"a.txt": "2021-05-04"}.'),
    ] = None,
    deals: Annotated[
        bool, typer.Option("--deals", help="Score the deals the documents' records merge into "
                           "against gold deals: key found, status, quantities, value.")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Score extraction against gold records and print precision, recall, F1 and every error."""
    from armstrace.evaluate import format_report, load_doc_list, load_gold, precision_by_confidence
    from armstrace.evaluate import score as score_records
    from armstrace.evaluate_deals import documents_of, load_gold_deals

    try:
        gold_deals = load_gold_deals(gold) if deals else []
        gold_records = [] if deals else load_gold(gold)
        wanted = (load_doc_list(docs) if docs
                  else documents_of(gold_deals) if deals
                  else sorted({g.doc for g in gold_records}))
        dates = _load_published(published) if published else {}
    except ArmstraceError as error:
        raise fail(str(error)) from error
    predicted = _predicted_records(paths, wanted, dates)
    if deals:
        _print_deal_scores(gold_deals, predicted, as_json)
        return
    report = score_records(gold_records, predicted, wanted)
    if as_json:
        sys.stdout.write(json.dumps(report.to_json(), ensure_ascii=False) + "\n")
    else:
        out.print(format_report(report), markup=False, highlight=False, soft_wrap=True)
    if by_confidence:
        for band in precision_by_confidence(report):
            claimed = band.counts.tp + band.counts.fp
            precision = "n/a" if band.precision is None else f"{band.precision:.3f}"
            out.print(f"confidence {band.low:.1f}-{band.high:.1f}: precision {precision} "
                      f"({band.counts.tp} of {claimed} predictions correct)", markup=False)


def _predicted_records(paths: list[str], wanted: list[str], dates: dict[str, dt.date]
                       ) -> dict[str, list[Record]]:
    """Return the records the extractor finds in each wanted document, by document key."""
    from armstrace.clean import clean_document
    from armstrace.evaluate import document_keys
    from armstrace.ingest import read_paths

    roots = [Path(p) for p in paths if p != "-"]
    wanted_set = set(wanted)
    extractor = load_extractor()
    predicted: dict[str, list[Record]] = {}
    for item in read_paths(paths):
        if not isinstance(item, Document):
            continue
        keys = document_keys(item, roots) & wanted_set
        if not keys:
            continue
        if item.published is None:
            day = next((dates[key] for key in sorted(keys) if key in dates), None)
            item = replace(item, published=day)
        cleaned = clean_document(item)
        if isinstance(cleaned, Skipped):
            report_skipped(cleaned)
            continue
        found = extractor.extract(cleaned)
        for key in keys:
            predicted.setdefault(key, []).extend(found)
    return predicted


def _print_deal_scores(gold_deals: list[GoldDeal], predicted: dict[str, list[Record]],
                       as_json: bool) -> None:
    """Merge the predicted records into deals and print how they score against the gold."""
    from armstrace.evaluate_deals import format_deal_report, score_deals
    from armstrace.merge import merge_records

    records = {record.id: record for found in predicted.values() for record in found}
    report = score_deals(gold_deals, merge_records(records.values()))
    if as_json:
        sys.stdout.write(json.dumps(report.to_json(), ensure_ascii=False) + "\n")
    else:
        out.print(format_deal_report(report), markup=False, highlight=False, soft_wrap=True)


# --- train -----------------------------------------------------------------------------------


def _repository_root() -> Path:
    return Path(__file__).resolve().parents[2]


@app.command()
def train(
    shared_data: Annotated[
        Path | None,
        typer.Option("--data", help="The shared data folder (dev gold, seed, corpora); default "
                     "../shared/data beside the repository."),
    ] = None,
    out_file: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Where to write the model (default: the shipped one, "
                     "src/armstrace/extract/data/record_model.json)."),
    ] = None,
    folds: Annotated[int, typer.Option(help="Cross-validation folds.", min=2)] = 5,
    as_json: JsonOption = False,
) -> None:
    """Rebuild the record model from the gold sets; print cross-validation and reliability."""
    from armstrace.extract import ExtractConfig, Extractor
    from armstrace.extract.scoring import MODEL_PATH
    from armstrace.training import collect, format_training_report, training_sets
    from armstrace.training import train as fit

    repository = _repository_root()
    data = shared_data or repository.parent / "shared" / "data"
    if not (data / "dev" / "gold.jsonl").is_file():
        raise fail(f"{data}: no dev/gold.jsonl here; give the shared data folder with --data")
    try:
        gold_sets = training_sets(data, repository)
        generator = Extractor(config=ExtractConfig(use_record_model=False))
        documents = collect(
            generator.extract, gold_sets, lambda d: generator.finder.find(d.text, d.published)
        )
        model, report = fit(documents, gold_sets, folds)
    except ArmstraceError as error:
        raise fail(str(error)) from error
    target = out_file or MODEL_PATH
    model_json = json.dumps(model.to_json(), indent=1, sort_keys=True)
    target.write_text(model_json + "\n", encoding="utf-8")
    if as_json:
        sys.stdout.write(json.dumps(report, ensure_ascii=False) + "\n")
    else:
        out.print(format_training_report(report), markup=False, highlight=False, soft_wrap=True)
        out.print(f"model written to {target} ({len(model.weights)} weights)", markup=False)


# --- bench -----------------------------------------------------------------------------------


@app.command()
def bench(
    corpus: Annotated[
        list[Path] | None,
        typer.Option("--corpus", help="Documents to run on (default: Reuters-21578 from "
                     "../shared/data when present, else the bundled sample repeated)."),
    ] = None,
    limit: Annotated[int | None, typer.Option(min=1, help="At most this many documents.")] = None,
    baseline_limit: Annotated[
        int, typer.Option(min=1, help="At most this many documents for the spaCy baseline.")
    ] = 1000,
    workers: WorkersOption = None,
    synthetic: Annotated[
        int | None,
        typer.Option(min=1, help="Run on this many documents made by cycling the corpus "
                     "under new ids (memory check: RSS is sampled as it grows)."),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Write the figures as one JSON object.")
    ] = False,
) -> None:
    """Measure documents/s end to end against a plain spaCy parse of the same texts."""
    from armstrace.bench import BenchConfig, run_bench
    from armstrace.scale.cores import available_cores

    for path in corpus or []:
        if not path.exists():
            raise typer.BadParameter(f"{path}: no such file or directory", param_hint="--corpus")
    config = BenchConfig(corpus=tuple(corpus or ()), limit=limit, baseline_limit=baseline_limit,
                         workers=workers or available_cores(), synthetic=synthetic)
    try:
        result = run_bench(config, load_extractor(), on_stage=lambda message: err.print(
            f"[dim]bench:[/dim] {escape(message)}", soft_wrap=True))
    except ArmstraceError as error:
        raise fail(str(error)) from error
    figures = result.to_json()
    if as_json:
        sys.stdout.write(json.dumps(figures, ensure_ascii=False) + "\n")
        return
    run, base, stages = result.armstrace, result.baseline, result.stages
    lines = [
        f"corpus      {result.corpus}",
        f"armstrace   {run.docs} docs, {run.words} words in {run.seconds:.1f} s: "
        f"{run.docs_per_s:.1f} docs/s, {run.words_per_s:,.0f} words/s "
        f"(read, clean, extract, store in a fresh SQLite file, merge deals)",
        f"stages      read {stages.read:.1f} s, clean {stages.clean:.1f} s, "
        f"extract {stages.extract:.1f} s, store+merge {stages.store:.1f} s"
        + (" (clean and extract: summed over workers)" if result.workers > 1 else ""),
        f"found       {result.records} records in {result.deals} deals, "
        f"{result.skipped} inputs skipped",
        f"baseline    spaCy nlp.pipe on the first {base.docs} of these docs ({base.words} words) "
        f"in {base.seconds:.1f} s: {base.docs_per_s:.1f} docs/s, {base.words_per_s:,.0f} words/s "
        f"[{result.model}]",
        f"ratio       armstrace / baseline = {result.ratio:.2f}x in docs/s",
        f"memory      peak RSS {result.peak_rss_mb:.0f} MB after armstrace, "
        f"{result.peak_rss_total_mb:.0f} MB with the baseline"
        + (f", largest worker {result.peak_rss_workers_mb:.0f} MB" if result.workers > 1 else ""),
        f"machine     {result.cores} cores, {result.workers} worker(s)",
    ]
    if result.rss_trace:
        lines.append("rss         " + "; ".join(
            f"{sample.docs} docs: main {sample.main_mb:.0f} MB"
            + (", workers " + "/".join(f"{mb:.0f}" for mb in sample.workers_mb) + " MB"
               if sample.workers_mb else "")
            for sample in result.rss_trace))
    for line in lines:
        out.print(line, markup=False, soft_wrap=True)


# --- spark-job -------------------------------------------------------------------------------


@app.command("spark-job")
def spark_job(
    inputs: Annotated[
        list[str],
        typer.Argument(help="JSON Lines or WARC files, directories or globs: local paths or "
                       "Hadoop URIs (hdfs://, s3a://)."),
    ],
    out: Annotated[str, typer.Option("--out", help="Output directory (local path or URI).")],
    master: Annotated[
        str | None,
        typer.Option(help="Spark master, e.g. local[2] (default: spark-submit's, else local[*])."),
    ] = None,
    partitions: Annotated[
        int | None, typer.Option(min=1, help="Spread the documents over this many partitions.")
    ] = None,
    documents: Annotated[
        str, typer.Option(help="Write all cleaned documents, or only those with records: "
                          "all or cited.")
    ] = "all",
    overwrite: Annotated[
        bool, typer.Option("--overwrite", help="Replace an existing output directory.")
    ] = False,
    max_bytes: MaxBytesOption = None,
) -> None:
    """Run read, clean and extract as a Spark job; write records as Parquet by year."""
    if documents not in ("all", "cited"):
        raise typer.BadParameter(f"{documents!r}: choose all or cited", param_hint="--documents")
    try:
        from armstrace.ingest import MAX_BYTES
        from armstrace.scale.spark import (
            SparkJobConfig,
            open_spark_session,
            run_spark_job,
        )

        config = SparkJobConfig(partitions=partitions, max_bytes=max_bytes or MAX_BYTES,
                                documents="all" if documents == "all" else "cited",
                                overwrite=overwrite)
        spark = open_spark_session(master)
        try:
            report = run_spark_job(spark, inputs, out, config)
        finally:
            spark.stop()
    except ArmstraceError as error:
        raise fail(str(error)) from error
    err.print(f"{report.documents} documents read from {report.files} file(s), "
              f"{report.records} records, {report.skipped} skipped in {report.seconds:.1f} s "
              f"-> {out}", markup=False, soft_wrap=True)
    err.print(f"Next: armstrace ingest {out}", markup=False, soft_wrap=True)


# --- demo ------------------------------------------------------------------------------------


@app.command()
def demo(
    db: Annotated[str, typer.Option("--db", help="Where to write the demo database.")] = (
        "armstrace-demo.db"
    ),
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    serve_it: Annotated[
        bool, typer.Option("--serve/--no-serve", help="Serve the demo database afterwards.")
    ] = True,
    host: HostOption = "127.0.0.1",
    port: PortOption = 8000,
    fresh: Annotated[
        bool, typer.Option("--fresh", help="Delete the demo database first, even if analysts' "
                           "accounts or review decisions are in it.")
    ] = False,
) -> None:
    """Ingest the bundled sample articles into a fresh SQLite file, then serve it.

    A demo database that holds accounts or review decisions is kept (the sample is
    ingested into it again, which adds nothing new) unless --fresh.
    """
    from armstrace.store import open_store

    kept = None if fresh else _analysts_work(db)
    if kept:
        err.print(f"{db} kept: it holds {kept}, which a fresh demo would delete "
                  "(--fresh deletes them)", markup=False, soft_wrap=True)
    else:
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(db + suffix):
                os.remove(db + suffix)
    sample = resources.files("armstrace").joinpath("demo_data", "articles")
    with resources.as_file(sample) as folder:
        _ingest(lambda _store: _demo_items(Path(folder)), db, quiet)
    with open_store(db) as store:
        summary = store.summary()
        found = list(store.iter_records())
    out.print(records_table(found))
    # Unwrapped and without markup: paths stay whole, and the next command can be pasted.
    out.print(f"{summary.documents} documents, {summary.records} records, "
              f"{summary.skipped} skipped, in {db}", markup=False, soft_wrap=True)
    if not serve_it:
        out.print(f"Next: armstrace records --db {db} --json | head", markup=False,
                  soft_wrap=True)
        return
    _serve(db, host, port, require_login=False, secret_key=None, https_only=False)


# --- serve -----------------------------------------------------------------------------------


@app.command()
def serve(
    db: DbOption = DEFAULT_DB,
    host: HostOption = "127.0.0.1",
    port: PortOption = 8000,
    require_login: Annotated[
        bool, typer.Option("--require-login", help="Only signed-in users may read, too.")
    ] = False,
    secret_key: Annotated[
        str | None,
        typer.Option("--secret-key", envvar="ARMSTRACE_SECRET_KEY",
                     help="Key of the forms' CSRF tokens (default: random per process)."),
    ] = None,
    https_only: Annotated[
        bool, typer.Option("--https-only",
                           help="Send the session cookie over HTTPS only (behind a TLS proxy).")
    ] = False,
    workers: Annotated[
        int | None, typer.Option("--workers", min=1,
                                 help="Server processes (uvicorn workers; default: all cores, "
                                 "one per core). 1 serves from this process.")
    ] = None,
    base_url: Annotated[
        str | None,
        typer.Option("--base-url", envvar="ARMSTRACE_BASE_URL",
                     help="Address readers reach the server at, for the Atom feed's links "
                     "(default: http://HOST:PORT/; set it behind a proxy)."),
    ] = None,
) -> None:
    """Serve the web application (search, deals, documents, review) over a database."""
    require_database(db)
    _serve(db, host, port, require_login=require_login, secret_key=secret_key,
           https_only=https_only, workers=workers, base_url=base_url)


def _serve(db: str, host: str, port: int, *, require_login: bool, secret_key: str | None,
           https_only: bool, workers: int | None = None, base_url: str | None = None) -> None:
    import secrets

    import uvicorn

    from armstrace.scale.cores import available_cores
    from armstrace.web import create_app
    from armstrace.web.app import APP_FACTORY, app_environment

    workers = workers or available_cores()
    shown_host = f"[{host}]" if ":" in host else host
    base_url = base_url or f"http://{shown_host}:{port}/"

    try:
        # Built here even with workers: a wrong database fails now, in one line.
        web_app = create_app(db, require_login=require_login, secret_key=secret_key,
                             https_only=https_only, base_url=base_url)
    except ArmstraceError as error:
        raise fail(str(error)) from error
    processes = f", {workers} worker processes" if workers > 1 else ""
    out.print(f"Serving {db_label(db)} at http://{shown_host}:{port}/{processes} (Ctrl+C stops)",
              markup=False, soft_wrap=True)
    if workers == 1:
        uvicorn.run(web_app, host=host, port=port, log_level="warning")
        return
    # uvicorn starts worker processes from an import string; each builds its own app
    # from the settings this process leaves in the environment they inherit. One
    # session key for all, or a cookie signed by one worker is refused by the others.
    # uvicorn's supervisor stops them all on Ctrl+C (SIGINT) or SIGTERM.
    web_app.state.page_cache.close()
    shared_key = secret_key or secrets.token_urlsafe(32)
    os.environ.update(app_environment(db, secret_key=shared_key, require_login=require_login,
                                      https_only=https_only, base_url=base_url))
    uvicorn.run(APP_FACTORY, factory=True, workers=workers, host=host, port=port,
                log_level="warning")


def _analysts_work(db: str) -> str | None:
    """Return what analysts left in the database at `db` ("2 users, 3 review decisions"),
    or None when it holds none (or does not exist)."""
    from armstrace.store import open_store

    if not os.path.exists(db):
        return None
    try:
        with open_store(db) as store:
            counts = {"user": len(store.list_users()),
                      "review decision": sum(1 for _ in store.iter_record_decisions())
                      + sum(1 for _ in store.iter_deal_decisions())}
    except ArmstraceError as error:
        raise fail(f"{db}: {error}; give another --db, or --fresh to replace it") from error
    held = [f"{count} {noun}{'' if count == 1 else 's'}" for noun, count in counts.items() if count]
    return ", ".join(held) or None


def _load_published(path: Path) -> dict[str, dt.date]:
    """Read a JSON object from document key (a file name) to its publication date."""
    try:
        loaded = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(loaded, dict):
            raise ValueError("not a JSON object")
        return {str(key): dt.date.fromisoformat(str(day)) for key, day in loaded.items()}
    except (OSError, ValueError) as error:
        raise ArmstraceError(f"{path}: not a table of publication dates ({error})") from error


def _demo_items(folder: Path) -> Iterator[Document | Skipped]:
    from armstrace.ingest import read_path

    dates_file = folder.parent / "published.json"
    dates = _load_published(dates_file) if dates_file.exists() else {}
    for path in sorted(folder.iterdir()):
        if path.name == "published.json" or path.name.startswith("."):
            continue
        yield from read_path(path, published=dates.get(path.name))


add_review_commands(app)
add_audit_commands(app)
add_watch_commands(app)
add_sipri_commands(app)


def main() -> None:
    """Run the command line."""
    app()


if __name__ == "__main__":
    main()
