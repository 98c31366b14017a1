"""Records with awkward text for the export tests, written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from armstrace.model import Document, Evidence, Money, PartialDate, Record, make_document_id

AWKWARD_SENTENCE = (
    'Officials said "the deal, worth Kč34 billion (US$1.6 billion), is done";\n'
    "Türkiye's <script>alert('x')</script> \u2028 drones =SUM(A1) arrive in Šiauliai."
)
AWKWARD_TEXT = f"Prague, Friday.\r\n{AWKWARD_SENTENCE} More later."
PLAIN_TEXT = "Spain will lend two patrol boats to Senegal, the navy said on Tuesday."


def _evidence(text: str, sentence: str) -> Evidence:
    start = text.index(sentence)
    return Evidence(sentence, start, start + len(sentence))


def _awkward_record() -> Record:
    document = Document(
        id=make_document_id(AWKWARD_TEXT),
        text=AWKWARD_TEXT,
        source='corpus/a, "quoted" file.txt',
        url="https://news.example/item?a=1&b=2",
        title='Drones, "jets" & <b>more</b>\nsecond line',
        published=dt.date(2024, 10, 11),
    )
    return Record(
        kind="transfer",
        supplier="TUR",
        recipient="LTU",
        supplier_name='Baykar, "Makina"',
        recipient_name=None,
        weapon="Bayraktar TB2",
        weapon_family="Bayraktar",
        category="uav",
        quantity=6,
        value=Money(34_000_000_000, "CZK"),
        deal="sale",
        status="ordered",
        date=PartialDate(2024, 10),
        evidence=_evidence(AWKWARD_TEXT, AWKWARD_SENTENCE),
        document=document,
        confidence=0.6666,
    )


def _coproduction_record() -> Record:
    document = Document(id=make_document_id(PLAIN_TEXT), text=PLAIN_TEXT, source="-")
    return Record(
        kind="coproduction",
        partners=("ESP", "SEN"),
        weapon="patrol boat",
        category="ship",
        status="planned",
        evidence=_evidence(PLAIN_TEXT, PLAIN_TEXT),
        document=document,
    )


def _bare_record() -> Record:
    document = Document(id=make_document_id(PLAIN_TEXT), text=PLAIN_TEXT, source="-")
    return Record(
        kind="transfer",
        supplier="ESP",
        recipient="SEN",
        weapon="patrol boat",
        category="ship",
        status="planned",
        deal="donation",
        date=PartialDate(2025),
        evidence=_evidence(PLAIN_TEXT, PLAIN_TEXT),
        document=document,
    )


@pytest.fixture
def records() -> list[Record]:
    return [_awkward_record(), _coproduction_record(), _bare_record()]
