"""The command-line modules import each other one way (issue 14, item 14): what several
commands share lives below them (cli_pipeline, cli_terminal), never in cli.py."""

from __future__ import annotations

import ast
import graphlib
from pathlib import Path

import armstrace

PACKAGE = Path(armstrace.__file__).parent


def cli_imports(path: Path) -> set[str]:
    """Return the armstrace.cli* modules `path` imports, at the top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            continue
        found.update(name for name in names if name.startswith("armstrace.cli"))
    return found


def test_cli_modules_import_each_other_without_a_cycle() -> None:
    graph = {f"armstrace.{path.stem}": cli_imports(path) for path in PACKAGE.glob("cli*.py")}
    assert len(graph) > 3
    try:
        order = list(graphlib.TopologicalSorter(graph).static_order())
    except graphlib.CycleError as error:
        raise AssertionError(
            f"cli modules import in a circle: {' -> '.join(error.args[1])}") from None
    assert order[-1] == "armstrace.cli"  # the one module nothing imports
