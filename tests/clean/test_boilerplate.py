"""Boilerplate: what is cut, what must survive, and that kept text is kept exactly."""

from __future__ import annotations

import pytest

from armstrace.clean import clean_text, find_boilerplate
from armstrace.clean.boilerplate import STRONG, classify_unit

ARTICLE = "Egypt has ordered 12 more Rafale jets from France, the presidency said on Monday."


@pytest.mark.parametrize(
    "unit",
    [
        # appeals: the reader's money, the newsroom about itself
        "Your support helps us keep reporting from Gaza and Ukraine.",
        "Your contribution means we can keep our reporting open to all.",
        "Thank you for your support.",
        "Every week our journalists travel to places others will not go.",
        "We rely on readers like you to fund our independent newsroom.",
        "Support us from as little as £2 a month.",
        "Please consider supporting the Daily Ledger today.",
        # prompts and calls to action
        "Sign up for our free daily newsletter.",
        "Get our morning briefing delivered to your inbox every weekday.",
        "You can subscribe to our weekly defence newsletter for free.",
        "Read more: Poland signs record tank deal with South Korea",
        "Click here to download the full report.",
        "Follow us on Twitter and Facebook.",
        "Follow Maria on Instagram for more.",
        "Share this article",
        "Join the conversation – comment below.",
        "Already a subscriber? Log in",
        "Have a news tip? Email us at tips@ledger.example",
        # notices and credits
        "We use cookies to personalise content and ads and to analyse our traffic.",
        "This site uses cookies. By continuing to browse you agree to our use of cookies.",
        "Advertisement",
        "Story continues below advertisement",
        "Photograph: Sergei Supinsky/AFP via Getty Images",
        "A Leopard 2 tank during an exercise (AP Photo/Michael Sohn)",
        "Reporting by Anna Kowalska in Warsaw; Editing by John Stonestreet",
        "Additional reporting by Nadia al-Faour",
        "Agence France-Presse contributed to this report",
        "© 2024 The Daily Ledger Ltd. All rights reserved.",
        "Copyright 2024 The Associated Press. All rights reserved.",
        "By signing up you agree to our privacy policy and terms of use.",
    ],
)
def test_classify_unit_flags_boilerplate(unit: str) -> None:
    strength, reason = classify_unit(unit)
    assert strength == STRONG, reason


@pytest.mark.parametrize(
    "unit",
    [
        ARTICLE,
        # quotes and attributed speech that use "we" and "you"
        "“We are not interested in wars, but we must have enough power to deter anyone.”",
        "“Your support means a lot to us,” Zelensky told the US Congress.",
        "We need more air defence, the minister said, and we need it now.",
        "“Join us in this fight,” he urged the allies.",
        "“Subscribe to the idea of collective defence,” Stoltenberg said.",
        # journalism and subscribers as the news itself
        "Two journalists were killed when the shell hit their car near Bakhmut.",
        "Subscriber numbers at the state broadcaster fell by 10 percent.",
        "The newspaper said its reporters had seen the missiles being unloaded.",
        "Photos by the agency marked the anniversary of the treaty.",
        "Research by a coalition of campaigners showed the deal was worth $2bn.",
        "The company, whose shares were down 2 percent, will share the technology.",
        "Follow-up talks on the sale are planned for May.",
        "Help arrived too late for the villagers, officials said.",
        "The firm sells cookies and biscuits across Europe.",
        "Harvard is scanning books originally published in the 19th century.",
        "Copyright education has always been important to the creative industries.",
        "The merger of the stock photo agencies Getty Images and Shutterstock was announced.",
        "Firstly, we have our website.",
        "Vodafone charges users for downloads beyond what your subscription covers.",
    ],
)
def test_classify_unit_keeps_article_sentences(unit: str) -> None:
    strength, reason = classify_unit(unit)
    assert strength != STRONG, reason


def test_clean_text_cuts_an_appeal_sharing_a_paragraph_with_the_article() -> None:
    text = (
        "Kenya receives drones\n"
        "Independent reporting like ours is free for everyone. Your donation helps us keep "
        "it that way.\n"
        "Thank you for your support. " + ARTICLE + "\n"
        "Deliveries start next year."
    )
    assert clean_text(text) == f"Kenya receives drones\n{ARTICLE}\nDeliveries start next year."


def test_clean_text_cuts_a_lead_in_sentence_next_to_an_appeal() -> None:
    # "trusted by" alone is weak; next to a strong appeal it goes too
    text = (
        f"{ARTICLE}\n"
        "The Ledger is trusted by readers across the political spectrum. We believe quality "
        "journalism should be available to everyone.\n"
        "The contract is worth about 4bn euros."
    )
    assert clean_text(text) == f"{ARTICLE}\nThe contract is worth about 4bn euros."


def test_clean_text_keeps_weak_sentences_away_from_appeals() -> None:
    text = f"{ARTICLE}\nThe ministry is trusted by few analysts. The deal will be signed in May."
    assert clean_text(text) == text


def test_clean_text_cuts_a_link_list_under_its_label() -> None:
    text = (
        f"{ARTICLE}\n"
        "Related\n"
        "Poland signs record tank deal with South Korea\n"
        "Why Europe is short of artillery shells\n"
        "The jets will be built in Mérignac."
    )
    assert clean_text(text) == f"{ARTICLE}\nThe jets will be built in Mérignac."


def test_clean_text_cuts_guardian_style_bullet_footers() -> None:
    text = (
        f"{ARTICLE} Jane Doe London • Join the debate – email letters@ledger.example • Read "
        "more Ledger letters – click here to visit ledger.example/letters"
    )
    assert clean_text(text) == f"{ARTICLE} Jane Doe London"


def test_clean_text_keeps_unflagged_text_byte_for_byte() -> None:
    text = (
        "WASHINGTON, April 7 - The Pentagon said it had approved\n"
        "the sale of   twelve F-16 fighters to  Pakistan.\n"
        "    The sale is worth 1.2 billion dlrs, officials said.\n"
        " Reuter"
    )
    assert find_boilerplate(text) == []
    assert clean_text(text) == text


def test_clean_text_does_not_split_wrapped_lines_into_labels() -> None:
    text = (
        "The company said it earned 1.50 dlrs per\n"
        "share. It will represent a quarterly dividend\n"
        "close to last year's, the company said."
    )
    assert clean_text(text) == text
