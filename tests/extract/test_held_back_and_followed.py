"""Who does what a sentence lets, stops, keeps up or copies (issue 12): the object of a
verb of permission ("authorised Denmark to transfer F-16s") and of holding back ("barred
Israel from selling radars"), forces kept supplied, parties that "followed suit", a
contract's earlier signing told in a clause of time, counts the parser hung elsewhere,
relative clauses the parser lost, and weapons a party asked for in a relative clause.
Each reading with cases it must not over-read. The facts are the rules' candidates (the
record model off); every sentence is our own."""

from __future__ import annotations

import pytest


def _facts(candidate_generator, text: str, published: str = "2025-06-01") -> set[tuple[object, ...]]:  # noqa: ANN001, E501
    return {
        (r.supplier or r.supplier_name, r.recipient or r.recipient_name,
         r.weapon_family or r.weapon, r.status)
        for r in candidate_generator.extract_text(text, published=published)
    }


def _counts(candidate_generator, text: str) -> set[tuple[object, ...]]:  # noqa: ANN001
    return {
        (r.supplier, r.recipient, r.weapon_family or r.weapon, r.quantity)
        for r in candidate_generator.extract_text(text, published="2025-06-01")
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The US has authorised Denmark and the Netherlands to transfer F-16s to Ukraine.",
         {("DNK", "UKR", "F-16", "planned"), ("NLD", "UKR", "F-16", "planned")}),
        ("Washington cleared Seoul to sell 100 howitzers to Poland.",
         {("KOR", "POL", "howitzer", "planned")}),
        ("Berlin permitted Warsaw to send its Leopard tanks to Kyiv.",
         {("POL", "UKR", "Leopard 2", "planned")}),
    ],
)
def test_the_one_let_do_it_does_it(candidate_generator, text: str, expected) -> None:  # noqa: ANN001
    facts = _facts(candidate_generator, text)
    assert expected <= facts
    assert not {f for f in facts if f[0] in ("USA", "DEU") and f[2] in ("F-16", "howitzer")}


def test_who_asks_another_to_supply_still_receives(candidate_generator) -> None:  # noqa: ANN001
    # "asked Germany to supply": the asker receives; "allowed Poland to send" (above): the
    # one who allows neither sends nor receives
    assert ("DEU", "UKR", "Taurus", "interest") in _facts(
        candidate_generator, "Ukraine asked Germany to supply Taurus missiles."
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Washington barred Israel from selling Phalcon radars to China.",
         ("ISR", "CHN", "Phalcon", "cancelled")),
        ("The court blocked Britain from exporting more fighter jets to Saudi Arabia.",
         ("GBR", "SAU", "fighter jet", "cancelled")),
    ],
)
def test_who_is_held_back_from_a_sale_would_have_made_it(
    candidate_generator, text: str, expected: tuple[object, ...]  # noqa: ANN001
) -> None:
    facts = _facts(candidate_generator, text)
    assert expected in facts
    assert not {f for f in facts if f[0] in ("USA",) or f[1] in ("USA",)}


def test_refraining_from_a_sale_is_no_sale(candidate_generator) -> None:  # noqa: ANN001
    assert not _facts(candidate_generator, "Russia refrained from selling S-400s to Saudi Arabia.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Moscow has kept the Syrian army supplied with tanks and ammunition.",
         {("RUS", "SYR", "tank", "delivered"), ("RUS", "SYR", "ammunition", "delivered")}),
        ("Moscow has kept Assad's forces supplied with jets and ammunition.",
         {("RUS", "SYR", "fighter jet", "delivered")}),
    ],
)
def test_forces_kept_supplied_are_supplied_by_who_keeps_them(
    candidate_generator, text: str, expected  # noqa: ANN001
) -> None:
    assert expected <= _facts(candidate_generator, text, published="2018-05-01")


def test_forces_supplied_with_weapons_do_not_supply_them(candidate_generator) -> None:  # noqa: ANN001
    facts = _facts(candidate_generator, "The Syrian army, supplied with Russian tanks, advanced.")
    assert not {f for f in facts if f[0] == "SYR"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # in the same sentence
        ("Berlin stopped approving arms exports to Riyadh after the murder, and Denmark and "
         "Finland soon followed.",
         {("DEU", "SAU", "arms", "cancelled"), ("DNK", "SAU", "arms", "cancelled"),
          ("FIN", "SAU", "arms", "cancelled")}),
        ("Germany suspended arms sales to Turkey, and France and Italy did the same.",
         {("FRA", "TUR", "arms", "cancelled"), ("ITA", "TUR", "arms", "cancelled")}),
        ("The Netherlands halted arms exports to Israel; Belgium followed suit.",
         {("BEL", "ISR", "arms", "cancelled")}),
        # the subject's side: a buyer followed by a buyer
        ("Poland ordered 180 K2 tanks from South Korea last year, and Romania followed suit.",
         {("KOR", "ROU", "K2", "ordered")}),
    ],
)
def test_parties_that_followed_did_what_was_told_before(
    candidate_generator, text: str, expected  # noqa: ANN001
) -> None:
    assert expected <= _facts(candidate_generator, text)


@pytest.mark.parametrize(
    "text",
    [
        "Talks will follow next week after Germany agreed to sell Leopard tanks to Qatar.",
        "The US suspended deliveries of F-35 parts to Turkey. The Senate followed with a bill.",
        "Germany sold Leopard tanks to Qatar. Its example was not followed by Berlin's allies.",
    ],
)
def test_other_following_copies_nothing(candidate_generator, text: str) -> None:  # noqa: ANN001
    facts = _facts(candidate_generator, text)
    assert len(facts) == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Turkey received the first S-400 components, two years after signing the deal "
         "with Russia.",
         {("RUS", "TUR", "S-400", "delivered"), ("RUS", "TUR", "S-400", "ordered")}),
        ("Iran said the S-300 system had been delivered, nine years after the contract was "
         "signed.",
         {("RUS", "IRN", "S-300", "delivered"), ("RUS", "IRN", "S-300", "ordered")}),
        ("Poland received its first K2 tanks under a deal signed with South Korea last year.",
         {("KOR", "POL", "K2", "delivered"), ("KOR", "POL", "K2", "ordered")}),
    ],
)
def test_a_contract_signed_before_a_delivery_orders_the_goods(
    candidate_generator, text: str, expected  # noqa: ANN001
) -> None:
    assert expected <= _facts(candidate_generator, text)


def test_a_contract_signed_after_talks_is_no_earlier_step(candidate_generator) -> None:  # noqa: ANN001
    facts = _facts(
        candidate_generator,
        "Turkey received the first S-400 components after months of talks with Russia.",
    )
    assert facts == {("RUS", "TUR", "S-400", "delivered")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the parser hangs the number on the recipient before it
        ("Germany is sending Ukraine 20 Marder infantry fighting vehicles.",
         ("DEU", "UKR", "Marder", 20)),
        ("The US will give Kyiv 31 Abrams main battle tanks.", ("USA", "UKR", "Abrams", 31)),
        # or takes the designation for a number
        ("Bangladesh orders 16 J-10C fighters worth $2.2 billion.", ("CHN", "BGD", "J-10", 16)),
    ],
)
def test_a_number_right_before_a_weapon_counts_it(
    candidate_generator, text: str, expected: tuple[object, ...]  # noqa: ANN001
) -> None:
    assert expected in _counts(candidate_generator, text)


def test_a_year_before_a_weapon_is_no_count(candidate_generator) -> None:  # noqa: ANN001
    counts = _counts(candidate_generator, "Egypt's 2015 Rafale order was its first.")
    assert counts == {("FRA", "EGY", "Rafale", None)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Vietnam signs deal for 12 Su-30 jets from Russia.", ("RUS", "VNM", "Su-30", "ordered")),
        ("Sweden to supply Thailand with four Gripen fighters.",
         ("SWE", "THA", "Gripen", "planned")),
        ("Japan approves export of used destroyers to the Philippines.",
         ("JPN", "PHL", "destroyer", "planned")),
    ],
)
def test_headline_wording(candidate_generator, text: str, expected: tuple[object, ...]) -> None:  # noqa: ANN001
    assert expected in _facts(candidate_generator, text)


def test_a_relative_clause_without_that_keeps_its_noun(candidate_generator) -> None:  # noqa: ANN001
    counts = _counts(
        candidate_generator,
        "Belarus handed over four MiG-29 jets to Serbia, following the six MiG-29s Russia "
        "donated to Belgrade in 2017.",
    )
    assert {("BLR", "SRB", "MiG-29", 4), ("RUS", "SRB", "MiG-29", 6)} <= counts


def test_two_owned_firms_in_a_row_are_both_read(candidate_generator) -> None:  # noqa: ANN001
    facts = _facts(
        candidate_generator,
        "Canada is weighing offers from Germany's TKMS and South Korea's Hanwha Ocean for 12 "
        "submarines.",
    )
    assert {
        ("DEU", "CAN", "submarine", "proposed"), ("KOR", "CAN", "submarine", "proposed")
    } <= facts


@pytest.mark.parametrize(
    "text",
    [
        "Germany has not sent the Taurus missiles that Kyiv requested.",
        "Kyiv still wants the Taurus missiles that it requested in 2023.",
    ],
)
def test_weapons_a_party_asked_for_in_a_relative_clause(candidate_generator, text: str) -> None:  # noqa: ANN001
    assert ("DEU", "UKR", "Taurus", "interest") in _facts(candidate_generator, text)


def test_weapons_that_did_something_asked_for_nothing(candidate_generator) -> None:  # noqa: ANN001
    facts = _facts(
        candidate_generator, "The Taurus missiles, which requested no upgrade, were stored."
    )
    assert not facts


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # weapons the parser hung on the object
        ("Syria's army was close to collapse in 2015. Moscow has since supplied the regime "
         "with Su-24 bombers and T-90 tanks.",
         ("RUS", "SYR", "T-90", "delivered")),
        # goods a state paid for, and a route that sends nothing
        ("Saudi-funded weapons reached the rebels via Jordan, officials said.",
         ("SAU", "rebels", "weapons", "delivered")),
        ("Russia has poured weapons into Syria since 2015.",
         ("RUS", "SYR", "weapons", "delivered")),
        ("US aircraft airdropped ammunition to Kurdish fighters in Kobani.",
         ("USA", "Kurdish fighters", "ammunition", "delivered")),
        # a state adjective on the speaker's partners; a halt in a passive
        ('"We have delivered 20 tanks to our Syrian friends," the Russian defence minister said.',
         ("RUS", "SYR", "tank", "delivered")),
        ("The sale of F-35s to the UAE has been frozen.", ("USA", "ARE", "F-35", "cancelled")),
    ],
)
def test_supplies_told_in_long_form_wording(
    candidate_generator, text: str, expected: tuple[object, ...]  # noqa: ANN001
) -> None:
    assert expected in _facts(candidate_generator, text, published="2018-05-01")


@pytest.mark.parametrize(
    "text",
    [
        "Iran-backed militias fired rockets at the base.",
        "Qatar poured money into the rebel groups.",
        "Russia supplied the factory with machine tools.",
    ],
)
def test_backing_money_and_machine_tools_are_no_arms(candidate_generator, text: str) -> None:  # noqa: ANN001
    assert not _facts(candidate_generator, text, published="2018-05-01")


def test_a_route_is_no_sender(candidate_generator) -> None:  # noqa: ANN001
    facts = _facts(
        candidate_generator, "Saudi-funded weapons reached the rebels via Jordan, officials said."
    )
    assert not {f for f in facts if f[0] == "JOR"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Netherlands will donate 14 refurbished Leopard 2 tanks to Ukraine together with "
         "Denmark.",
         {("NLD", "UKR", "Leopard 2", "planned"), ("DNK", "UKR", "Leopard 2", "planned")}),
        ("Germany, together with the Netherlands, will send Patriot systems to Ukraine.",
         {("DEU", "UKR", "Patriot", "planned"), ("NLD", "UKR", "Patriot", "planned")}),
    ],
)
def test_who_acts_together_with_the_subject_stands_beside_it(
    candidate_generator, text: str, expected  # noqa: ANN001
) -> None:
    assert expected <= _facts(candidate_generator, text)


def test_a_companion_is_no_seller_of_what_the_subject_buys(candidate_generator) -> None:  # noqa: ANN001
    facts = _facts(
        candidate_generator, "Jointly with Norway, Germany is buying IRIS-T systems for Ukraine."
    )
    assert not {f for f in facts if f[0] == "NOR"}
