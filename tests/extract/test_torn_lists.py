"""Lists of weapons the small parser tears apart, joined again from the words and their
tags, and lists it hangs on a verb or a price, given back to the goods. Sentences are our
own."""

from __future__ import annotations

import pytest


def test_a_list_torn_by_an_apposition_is_read_whole(read_transfers) -> None:  # noqa: ANN001
    text = (
        "Washington approves a possible sale to Kenya of 300 laser guidance kits, "
        "4,000 unguided rockets and 600 Mk-82 and Mk-84 bombs, worth about $200 million."
    )
    read = read_transfers(text)
    assert {("USA", "KEN", "Mk 82", "planned"), ("USA", "KEN", "Mk 84", "planned")} <= read
    assert ("USA", "KEN", "rocket", "planned") in read


def test_an_item_read_as_a_clause_is_mended(read_transfers) -> None:  # noqa: ANN001
    # "airborne" read as a verb with "KJ-500" its subject
    text = (
        "Beijing has offered Bangladesh 16 J-10C fighters, KJ-500 airborne early-warning "
        "aircraft and HQ-9 air defence systems, state media said."
    )
    assert {
        ("CHN", "BGD", "J-10", "proposed"),
        ("CHN", "BGD", "KJ-500", "proposed"),
        ("CHN", "BGD", "HQ-9", "proposed"),
    } <= read_transfers(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "including" hung on the reporting verb
        ("The State Department notified Congress of two proposed arms sales to Poland worth "
         "$4 billion, including 48 HIMARS launchers and 300 ATACMS missiles.",
         {("USA", "POL", "HIMARS", "planned"), ("USA", "POL", "MGM-140 ATACMS", "planned")}),
        # "including" hung on the price
        ("The Pentagon notifies lawmakers of three proposed arms sales to Morocco worth a "
         "combined $1.2 billion, including Javelin missiles, Stinger missiles and AH-64 "
         "Apache helicopters.",
         {("USA", "MAR", "FGM-148 Javelin", "proposed"),
          ("USA", "MAR", "FIM-92 Stinger", "proposed"),
          ("USA", "MAR", "AH-64 Apache", "proposed")}),
    ],
)
def test_a_list_hung_on_a_verb_or_a_price_goes_to_the_sales(
    read_transfers, text: str, expected: set[tuple[object, ...]]  # noqa: ANN001
) -> None:
    read = read_transfers(text)
    assert expected <= read
    assert not any(weapon == "arms" for _, _, weapon, _ in read)


def test_a_verbs_own_object_keeps_its_list(read_transfers) -> None:  # noqa: ANN001
    text = (
        "The US approved eight arms sales to Taiwan, including HIMARS launchers and ATACMS "
        "missiles."
    )
    assert read_transfers(text) == {
        ("USA", "TWN", "HIMARS", "planned"), ("USA", "TWN", "MGM-140 ATACMS", "planned"),
    }


def test_a_list_does_not_run_over_a_source(read_transfers) -> None:  # noqa: ANN001
    text = (
        "Warsaw has bought K9 howitzers and K2 tanks from South Korea, and 96 Apache "
        "helicopters, F-35 jets and Patriot batteries from the United States."
    )
    read = read_transfers(text)
    assert ("USA", "POL", "AH-64 Apache", "ordered") in read
    assert not any(s == "KOR" and w == "AH-64 Apache" for s, _, w, _ in read)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Beijing has offered 16 J-10C fighters, KJ-500 airborne early-warning aircraft and "
         "HQ-9 air defence systems, a package that would be its largest export.",
         [["16 J-10C fighters", "KJ-500 airborne early-warning aircraft",
           "HQ-9 air defence systems"]]),
        # the subject of a clause of its own is no item
        ("Russia sent T-90 tanks, Su-35 jets and S-400 systems, and Iran sent Shahed drones.",
         [["T-90 tanks", "Su-35 jets", "S-400 systems"]]),
        # two items are no list to repair
        ("Russia sent T-90 tanks and Su-35 jets to Syria.", []),
    ],
)
def test_listed_noun_phrases_are_found_from_words_and_tags(
    extractor, text: str, expected: list[list[str]]  # noqa: ANN001
) -> None:
    from armstrace.extract.misreads import listed_noun_phrases

    doc = extractor.nlp(text)
    assert [[item.text for item in run] for run in listed_noun_phrases(doc)] == expected
