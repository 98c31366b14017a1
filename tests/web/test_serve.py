"""`armstrace serve` as a user runs it: a real process answering HTTP on loopback."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from tests.processes import child_processes, wait_until_ended

from .servers import REPO, free_port, start_serve, wait_until_up


def test_serve_answers_pages_and_api_over_http(register_db: Path) -> None:
    port = free_port()
    process = start_serve(register_db, port, ARMSTRACE_SECRET_KEY="k")
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{base}/search", process)
        with urllib.request.urlopen(f"{base}/api/deals?limit=1", timeout=10) as response:
            body = json.loads(response.read())
        with urllib.request.urlopen(f"{base}/deals", timeout=10) as response:
            page = response.read().decode()
    finally:
        process.terminate()
        out, _ = process.communicate(timeout=10)
    assert body["total"] >= 1 and len(body["items"]) == 1
    assert 'class="deal-link"' in page
    assert f"at http://127.0.0.1:{port}/" in out


def test_serve_with_two_workers_answers_from_both_processes(register_db: Path) -> None:
    port = free_port()
    process = start_serve(register_db, port, "--workers", "2")
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{base}/deals", process)
        with urllib.request.urlopen(f"{base}/api/deals?limit=1", timeout=10) as response:
            body = json.loads(response.read())
        workers = child_processes(process.pid)
    finally:
        process.terminate()
        out, _ = process.communicate(timeout=20)
    assert body["total"] >= 1
    assert len(workers) >= 2
    assert f"at http://127.0.0.1:{port}/, 2 worker processes" in out


def test_app_factory_reads_its_settings_from_the_environment(
    register_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from armstrace.web.app import app_environment, create_app_from_environment

    variables = app_environment(str(register_db), secret_key="shared", require_login=True)
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    app = create_app_from_environment()

    assert app.state.settings.store_url == str(register_db)
    assert app.state.settings.require_login and not app.state.settings.https_only


def test_serve_without_the_database_says_how_to_make_one(tmp_path: Path) -> None:
    missing = tmp_path / "none.db"
    done = subprocess.run(
        [sys.executable, "-m", "armstrace.cli", "serve", "--db", str(missing)],
        capture_output=True, text=True, timeout=60, check=False,
        env={**os.environ, "PYTHONPATH": str(REPO / "src")},
    )

    assert done.returncode == 1
    assert "no such database" in done.stderr and "armstrace ingest" in done.stderr
    assert not missing.exists()


@pytest.mark.parametrize(
    "flag", ["--require-login", "--https-only", "--secret-key", "--workers", "--base-url"]
)
def test_serve_help_lists_its_options(flag: str) -> None:
    from typer.testing import CliRunner

    from armstrace.cli import app

    result = CliRunner().invoke(app, ["serve", "--help"], env={"COLUMNS": "200"})
    assert flag in result.stdout


def test_ctrl_c_stops_serve_and_all_its_workers(register_db: Path) -> None:
    """Ctrl+C in a terminal sends SIGINT to the whole process group."""
    from armstrace.scale.cores import available_cores

    port = free_port()
    process = start_serve(register_db, port)
    try:
        wait_until_up(f"http://127.0.0.1:{port}/deals", process)
        workers = child_processes(process.pid)
        os.killpg(process.pid, signal.SIGINT)
        out, _ = process.communicate(timeout=20)
    finally:
        if process.poll() is None:
            process.kill()
    cores = available_cores()
    if cores > 1:
        assert f"{cores} worker processes" in out
        assert len(workers) >= cores
    assert process.returncode is not None
    # The supervisor joins its workers before it exits; multiprocessing's resource tracker
    # (a child too) ends on its own once its pipe closes, a moment later.
    assert wait_until_ended(workers, 10) == []
