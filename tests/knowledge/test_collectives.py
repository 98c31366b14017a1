"""Vague collectives: several or unnamed actors that are neither a state nor a group."""

from __future__ import annotations

from pathlib import Path

import pytest

from armstrace.errors import ConfigError
from armstrace.knowledge import Knowledge, load_knowledge


@pytest.mark.parametrize(
    "phrase",
    [
        "western powers",
        "Western allies",
        "some Gulf donors",
        "Gulf states",
        "the Gulf Arab states",
        "Nato allies",
        "NATO member states",
        "EU member states",
        "European countries",
        "six European\ncountries",
        "foreign backers",
        "regional powers",
        "the international community",
        "The West",
        "allies",
        "donors",
        "the coalition",
        "the Saudi-led coalition",
        "several other Nato members",
        "unnamed Western governments",
        "a number of Arab and Western countries",
        "US allies",
        "Kyiv's Western partners",
        "an unnamed buyer",
        "another country",
        "a Gulf state",
        "a Nato ally",
    ],
)
def test_is_collective_accepts_vague_parties(knowledge: Knowledge, phrase: str) -> None:
    assert knowledge.is_collective(phrase)


@pytest.mark.parametrize(
    "phrase",
    [
        "Germany",
        "the United States",
        "United Arab Emirates",
        "the Netherlands",
        "Islamic State",
        "Hezbollah",
        "Indian states",  # India's own states
        "the two countries",  # points back at two named states
        "the coalition government",
        "some government officials",
        "a nuclear power plant",
        "the West Bank",
        "the Gulf War",
        "Nato-standard",
    ],
)
def test_is_collective_rejects_states_groups_and_compounds(
    knowledge: Knowledge, phrase: str
) -> None:
    assert not knowledge.is_collective(phrase)


def test_state_forms_are_never_collectives(knowledge: Knowledge) -> None:
    named = [
        form
        for form, _ in knowledge.state_surface_forms()
        if knowledge.collectives_in(form) or knowledge.collectives_in(f"the {form}")
    ]
    assert named == []


def test_collective_at_covers_the_state_in_us_allies(knowledge: Knowledge) -> None:
    text = "Howitzers promised by US allies arrived in March."
    found = knowledge.collective_at(text, text.index("US"))
    assert found is not None and found.text == "US allies" and found.head == "allies"


def test_collective_at_needs_a_word_start(knowledge: Knowledge) -> None:
    text = "The rifles came from some Gulf donors."
    assert knowledge.collective_at(text, text.index("some") + 1) is None
    found = knowledge.collective_at(text, text.index("some"))
    assert found is not None and (found.start, found.end) == (21, 37)


def test_collective_state_joined_by_and_stays_a_party(knowledge: Knowledge) -> None:
    text = "The US and European allies sent tanks."
    assert knowledge.collective_at(text, text.index("US")) is None
    assert [m.text for m in knowledge.collectives_in(text)] == ["European allies"]


def test_collectives_in_finds_each_once(knowledge: Knowledge) -> None:
    text = "Gulf states and western powers armed the rebels, while Nato hesitated."
    found = knowledge.collectives_in(text)
    assert [(m.text, m.kind) for m in found] == [
        ("Gulf states", "vague"),
        ("western powers", "vague"),
        ("Nato", "bloc"),
    ]


def test_collectives_load_rejects_a_kind_on_a_word(data_copy: Path) -> None:
    path = data_copy / "collectives.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "zonal,modifier,vague,test\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="for phrases only"):
        load_knowledge(data_copy)


def test_collectives_load_rejects_an_unknown_role(data_copy: Path) -> None:
    path = data_copy / "collectives.csv"
    path.write_text(path.read_text(encoding="utf-8") + "zonal,adverb,,test\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="not one of"):
        load_knowledge(data_copy)
