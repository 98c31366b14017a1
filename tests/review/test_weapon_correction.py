"""A corrected weapon brings its family and category, so the record moves to the deal of the
weapon it now names (issue 14, item 4): the pure function, and `armstrace review` run as a
process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.processes import run_armstrace

from armstrace.knowledge import load_knowledge
from armstrace.review import with_weapon_facts


@pytest.fixture(scope="module")
def knowledge():  # noqa: ANN201 - Knowledge
    return load_knowledge()


@pytest.mark.parametrize(("fields", "expected"), [
    ({"weapon": "F16"}, {"weapon": "F-16", "weapon_family": "F-16", "category": "aircraft"}),
    ({"weapon": "drones"}, {"weapon": "military drone", "weapon_family": None,
                            "category": "uav"}),
    ({"weapon": "Zorblax 9"}, {"weapon": "Zorblax 9", "weapon_family": None}),
    ({"weapon": "Rafale", "category": "other"},
     {"weapon": "Rafale", "weapon_family": "Rafale", "category": "other"}),
    ({"quantity": 4}, {"quantity": 4}),
])
def test_with_weapon_facts_completes_a_weapon_correction(knowledge, fields: dict[str, object],  # noqa: ANN001
                                                         expected: dict[str, object]) -> None:
    assert with_weapon_facts(fields, knowledge) == expected


def armstrace(*args: str | Path, stdin: str | None = None) -> str:
    done = run_armstrace(*args, stdin=stdin)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_review_set_weapon_moves_the_record_to_the_deal_of_its_family(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Rafale order\nSerbia ordered 12 Rafale jets from France.\n")
    (tmp_path / "b.txt").write_text("Mirage order\nSerbia ordered 12 Mirage 2000 jets from "
                                    "France.\n")
    db = tmp_path / "register.db"
    armstrace("ingest", tmp_path / "a.txt", tmp_path / "b.txt", "--db", db, "--workers", "1")
    armstrace("user", "add", "ana", "--db", db, "--password-stdin", stdin="a long passphrase\n")
    records = [json.loads(line) for line in armstrace("records", "--db", db, "--json").splitlines()]
    (mirage,) = [record for record in records if record["weapon"] != "Rafale"]
    assert len(armstrace("deals", "--db", db, "--json").splitlines()) == 2

    armstrace("review", mirage["id"], "--set", "weapon=rafale", "--reason", "the photo shows a "
              "Rafale", "--user", "ana", "--db", db)

    deals = [json.loads(line) for line in armstrace("deals", "--db", db, "--json").splitlines()]
    assert len(deals) == 1 and mirage["id"] in json.dumps(deals[0]["evidence"])
    (moved,) = [json.loads(line) for line in armstrace("records", "--db", db, "--json").splitlines()
                if mirage["id"] in line]
    assert (moved["weapon"], moved["weapon_family"], moved["category"]) == (
        "Rafale", "Rafale", "aircraft")
