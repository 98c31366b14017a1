"""SIPRI's designations join the catalogue: the forms news writes, families, categories."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from tests.sipri.files import write_register
from tests.sipri.test_cli_sipri import invoke, json_lines

from armstrace.knowledge import Knowledge, load_knowledge
from armstrace.sipri.catalogue import (
    comment_aliases,
    knowledge_with_sipri,
    news_forms,
    sipri_weapon_systems,
)
from armstrace.sipri.rows import SipriRow


@pytest.fixture(scope="module")
def knowledge() -> Knowledge:
    return load_knowledge()


def make_row(designation: str, description: str = "APC", comments: str = "",
             **overrides: Any) -> SipriRow:
    fields: dict[str, Any] = {
        "line": 13, "supplier": "TUR", "supplier_name": "Turkiye", "recipient": "SRB",
        "recipient_name": "Serbia", "order_year": 2024, "designation": designation,
        "description": description, "comments": comments,
    }
    fields.update(overrides)
    return SipriRow(**fields)


@pytest.mark.parametrize(
    ("designation", "forms"),
    [
        ("M-777", ("M-777", "M777", "M 777")),
        ("PzH-2000 155mm", ("PzH-2000", "PzH2000", "PzH 2000")),
        ("Storm Shadow/SCALP-EG", ("Storm Shadow", "SCALP-EG", "SCALP")),
        ("F/A-18E", ("F/A-18E", "F/A18E", "F/A 18E")),
        ("Type-056", ("Type-056", "Type056", "Type 056")),
        ("Bayraktar TB2", ("Bayraktar TB2",)),
    ],
)
def test_news_forms_write_sipri_designations_as_news_does(
    designation: str, forms: tuple[str, ...]
) -> None:
    assert news_forms(designation) == forms


@pytest.mark.parametrize(
    ("comments", "aliases"),
    [
        ("Rafale F4 version; $19 b deal", ("Rafale F4",)),
        ("Indian designation Vajra-T; assembled in India", ("Vajra-T",)),
        ("ASW version; modernized version", ()),
        ("$427 m deal; financed by USA; aid", ()),
    ],
)
def test_comment_aliases_read_variants_and_local_names(
    comments: str, aliases: tuple[str, ...]
) -> None:
    assert comment_aliases(comments) == aliases


def test_sipri_systems_leave_known_designations_to_the_catalogue(knowledge: Knowledge) -> None:
    assert sipri_weapon_systems([make_row("M-777", "towed gun"),
                                 make_row("PzH-2000 155mm", "self-propelled gun")],
                                knowledge) == ()


def test_sipri_system_of_an_unknown_designation_takes_sipri_category(
    knowledge: Knowledge,
) -> None:
    (system,) = sipri_weapon_systems([make_row("Zoltar-9", "APC")], knowledge)

    assert (system.designation, system.family, system.category) == (
        "Zoltar-9", "Zoltar-9", "armoured vehicle")
    assert system.surface_forms() == ("Zoltar-9", "Zoltar9", "Zoltar 9")
    assert (system.producers, system.ambiguous) == ((), False)


def test_sipri_system_of_a_known_family_takes_its_family(knowledge: Knowledge) -> None:
    f16 = knowledge.weapon_by_alias("F-16")
    assert f16 is not None

    (system,) = sipri_weapon_systems(
        [make_row("F-16Q", "FGA aircraft", comments="Ruritanian designation Sokol-16")],
        knowledge)

    assert (system.family, system.category, system.producers) == (
        f16.family, "aircraft", f16.producers)
    assert "Sokol-16" in system.surface_forms()


def test_sipri_systems_leave_generic_weapon_words_out(knowledge: Knowledge) -> None:
    assert sipri_weapon_systems([make_row("military drone", "UAV"),
                                 make_row("fighter jets", "FGA aircraft")], knowledge) == ()


def test_sipri_system_word_names_need_context(knowledge: Knowledge) -> None:
    (system,) = sipri_weapon_systems([make_row("Zephyrwind", "corvette")], knowledge)

    assert system.needs_context("Zephyrwind")


def test_knowledge_with_sipri_adds_systems_and_keeps_the_catalogue(
    knowledge: Knowledge,
) -> None:
    extended = knowledge_with_sipri(knowledge, [make_row("Zoltar-9")])

    assert extended.weapons[: len(knowledge.weapons)] == knowledge.weapons
    found = extended.weapon_by_alias("Zoltar 9")
    assert found is not None and found.designation == "Zoltar-9"
    assert knowledge.weapon_by_alias("Zoltar 9") is None
    assert knowledge_with_sipri(knowledge, []) is knowledge


SENTENCE = "Serbia ordered 20 Zoltar 9 from Turkey, the defence ministry said on Monday.\n"
ZOLTAR_ROW = "Serbia,Turkiye,2024,,20,,Zoltar-9,APC,0,,,New,,1,20,"


def test_reextract_recognises_sipri_designations_after_an_import(tmp_path: Path) -> None:
    article = tmp_path / "zoltar.txt"
    article.write_text("Serbia orders armoured carriers\n" + SENTENCE, encoding="utf-8")
    db = tmp_path / "a.db"
    invoke("ingest", article, "--db", db, "--quiet")
    assert json_lines(invoke("records", "--json", "--db", db).stdout) == []

    imported = invoke("sipri", "import", write_register(tmp_path / "r.csv", [ZOLTAR_ROW]),
                      "--db", db)
    result = invoke("reextract", "--db", db)

    assert "1 designation the catalogue lacked now joins it" in imported.stdout
    assert result.exit_code == 0, result.stderr
    (record,) = json_lines(invoke("records", "--json", "--db", db).stdout)
    assert (record["supplier"], record["recipient"], record["weapon"], record["category"],
            record["status"], record["quantity"]) == (
        "TUR", "SRB", "Zoltar-9", "armoured vehicle", "ordered", 20)


def test_ingest_after_an_import_recognises_sipri_designations(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    invoke("sipri", "import", write_register(tmp_path / "r.csv", [ZOLTAR_ROW]), "--db", db)
    article = tmp_path / "zoltar.txt"
    article.write_text("Serbia orders armoured carriers\n" + SENTENCE, encoding="utf-8")

    invoke("ingest", article, "--db", db, "--quiet")

    assert [record["weapon"] for record in
            json_lines(invoke("records", "--json", "--db", db).stdout)] == ["Zoltar-9"]


def test_extract_without_a_database_knows_no_sipri_designation(tmp_path: Path) -> None:
    article = tmp_path / "zoltar.txt"
    article.write_text("Serbia orders armoured carriers\n" + SENTENCE, encoding="utf-8")

    assert invoke("extract", article, "--published", "2024-10-11").stdout == ""
