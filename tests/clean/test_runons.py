"""Mending sentences that run into each other, and leaving look-alikes alone."""

from __future__ import annotations

import pytest

from armstrace.clean import mend_run_ons


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It made the difference.The leaders met.", "It made the difference. The leaders met."),
        ("Are they ready?Officials doubt it.", "Are they ready? Officials doubt it."),
        ("It was a surprise!Nobody expected it.", "It was a surprise! Nobody expected it."),
        (
            "he said it would (eventually).Talks resume",
            "he said it would (eventually). Talks resume",
        ),
        ("“We will sign,” he said.”The deal", "“We will sign,” he said.” The deal"),
        ("the talks ended.“We are ready,” he said", "the talks ended. “We are ready,” he said"),
        ("a wider deal.NATO members agreed", "a wider deal. NATO members agreed"),
        ("for the army.A second batch follows", "for the army. A second batch follows"),
    ],
)
def test_mend_run_ons_inserts_the_missing_space(text: str, expected: str) -> None:
    assert mend_run_ons(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Amazon.com reported higher sales.",
        "Shares of Booking.Com rose.",
        "The U.S.Army ordered more.",
        "J.R.R.Tolkien wrote it.",
        "A flight to St.Louis was cancelled.",
        "Dr.Smith and Mr.Jones agreed.",
        "The rate rose to 3.5 percent.",
        "Read it at www.Example.org/News today.",
        "See https://news.example/World.Politics for more.",
        "Write to press@ministry.Gov now.",
        "He cited examples, e.g.The Times and others.",
        "They waited...Then it came.",
        'The budget."We have to ask for sacrifices," he said.',
        "Ericsson <eric.St> shares fell.",
        "Cable and Wireless PLC (cawl.L) rose.",
        "The Zafi.D virus spread.",
        "Fans of Halo.Bungie.Org were upset.",
        "the #world.News tag and @user.Name handle",
    ],
)
def test_mend_run_ons_leaves_lookalikes_alone(text: str) -> None:
    assert mend_run_ons(text) == text
