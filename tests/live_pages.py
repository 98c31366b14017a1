"""The article pages that the live-feed tests serve from a loopback site.

Each article is a text file in tests/fixtures/live: its headline, its day, a
blank line, then its paragraphs, separated by blank lines. `live_page` puts one
into the news site's page (page.html: header, navigation, related stories,
footer), the boilerplate that extraction must see past.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from string import Template

PAGES = Path(__file__).parent / "fixtures" / "live"


def live_page(name: str) -> str:
    """Return the HTML page of the article in tests/fixtures/live/NAME.txt."""
    heading, body = (PAGES / f"{name}.txt").read_text(encoding="utf-8").split("\n\n", 1)
    title, day = heading.splitlines()
    paragraphs = "\n".join(
        f"<p>{escape(text, quote=False)}</p>" for text in body.strip().split("\n\n")
    )
    template = Template((PAGES / "page.html").read_text(encoding="utf-8"))
    return template.substitute(
        title=escape(title, quote=False), day=day, name=name, paragraphs=paragraphs
    )
