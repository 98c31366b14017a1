import pytest

from armstrace.extract.sentences import split_sentences


def _sentences(text: str) -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Egypt ordered jets. France delivered them.",
            ["Egypt ordered jets.", "France delivered them."],
        ),
        (
            "The U.S. Navy ordered 12 ships. It paid $1.5 bln.",
            ["The U.S. Navy ordered 12 ships.", "It paid $1.5 bln."],
        ),
        ("Gen. Smith said so. Then he left.", ["Gen. Smith said so.", "Then he left."]),
        (
            "He said: “We will buy them.” The deal was signed.",
            ["He said: “We will buy them.”", "The deal was signed."],
        ),
        ("Is it sold? Yes, it is.", ["Is it sold?", "Yes, it is."]),
        (
            "J. R. Smith of Lockheed Corp. spoke on Jan. 5 in Washington.",
            ["J. R. Smith of Lockheed Corp. spoke on Jan. 5 in Washington."],
        ),
    ],
)
def test_split_sentences_boundaries(text: str, expected: list[str]) -> None:
    assert _sentences(text) == expected


def test_split_sentences_offsets_slice_the_text() -> None:
    text = (
        "PARIS, April 7 - Dassault has suspended deliveries\nof Mirage jets to Egypt.\n"
        "    Deliveries started\nlast year. REUTER"
    )
    for span in split_sentences(text):
        assert text[span.start : span.end].strip() == text[span.start : span.end]
        assert span.end > span.start


def test_split_sentences_wrapped_newswire_keeps_lines_together() -> None:
    text = (
        "The sources said the last six of 20 fighters ordered by\n"
        "Cairo in 1983 were being held back, although the contract is\n"
        "expected to be completed in the near future. Deliveries started\n"
        "last year.\n"
    )
    assert _sentences(text)[0].endswith("in the near future.")
    assert _sentences(text)[1] == "Deliveries started\nlast year."


def test_split_sentences_one_paragraph_per_line() -> None:
    text = (
        "Your support helps us to tell the story\n"
        "The leaders of Turkey and Serbia suggested on Friday that their countries might "
        "jointly produce military drones, months after a shipment to Kosovo that angered Belgrade."
    )
    assert _sentences(text)[0] == "Your support helps us to tell the story"
