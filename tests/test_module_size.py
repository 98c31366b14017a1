"""No module of the package grows past 1,000 lines (issue 12: extract/ reads as a small
set of mechanisms, not a list of sentences); a file that does is split by what it does."""

from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "armstrace"
MOST_LINES = 1000


@pytest.mark.parametrize(
    "module", sorted(PACKAGE.rglob("*.py")), ids=lambda p: str(p.relative_to(PACKAGE))
)
def test_module_stays_under_a_thousand_lines(module: Path) -> None:
    lines = module.read_text(encoding="utf-8").count("\n")
    assert lines <= MOST_LINES, f"{module.relative_to(PACKAGE)} has {lines} lines"
