"""Make a CSV cell safe to open in a spreadsheet: text that would run as a formula is quoted.

Titles, ids, URLs and names come from articles, so a cell may read
`=HYPERLINK("http://...")` or `=cmd|' /C calc'!A0`; Excel, LibreOffice and Google
Sheets run such a cell as a formula when the file is opened. OWASP's rule
(https://owasp.org/www-community/attacks/CSV_Injection): a text cell that starts
with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`, which the
spreadsheet shows as text and does not evaluate. Numbers (`-3`, `+1.5`) and a lone `-`
(the source name of standard input) are no formula and are left as they are.
"""

from __future__ import annotations

import re
from typing import Any

# The first characters that make a spreadsheet read a cell as a formula (OWASP's list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NO_FORMULA = re.compile(r"-|[-+]?[0-9]+(?:\.[0-9]+)?")


def neutralise_formula(cell: Any) -> Any:
    """Return a text cell that would start a formula with a `'` before it; other cells as given."""
    if (isinstance(cell, str) and cell.startswith(FORMULA_STARTS)
            and not _NO_FORMULA.fullmatch(cell)):
        return "'" + cell
    return cell


def safe_row(cells: list[Any]) -> list[Any]:
    """Return the row with every cell passed through `neutralise_formula`."""
    return [neutralise_formula(cell) for cell in cells]
