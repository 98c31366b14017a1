"""clean_document on real inputs: the seed, the dev gold, the corpora, a page and a feed."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import pytest

from armstrace.clean import CleanConfig, clean_document, find_boilerplate, mend_run_ons
from armstrace.ingest import read_path
from armstrace.model import Document, Skipped, make_document_id

SENTENCE_END = re.compile(r"(?<=[.!?”\"])\s+(?=[“\"A-Z])")
# Seed file layout (shared/data/seed/README.md): title, standfirst, then five appeal
# paragraphs, the last of which runs into the article's first sentence.
SEED_APPEAL_LINES = slice(2, 7)
APPEAL_END = "Your support makes all the difference."


def sentences(text: str) -> list[str]:
    return [part.strip() for part in SENTENCE_END.split(text) if part.strip()]


@pytest.fixture(scope="module")
def seed(shared_data: Path) -> tuple[str, Document]:
    path = shared_data / "seed" / "turkey-serbia-drones.txt"
    raw = path.read_text(encoding="utf-8")
    [document] = read_path(path)
    assert isinstance(document, Document)
    cleaned = clean_document(document)
    assert isinstance(cleaned, Document)
    return raw, cleaned


def seed_parts(raw: str) -> tuple[list[str], list[str]]:
    """Return (appeal sentences, article sentences) of the raw seed file."""
    lines = raw.split("\n")
    appeal_lines = lines[SEED_APPEAL_LINES]
    last_appeal, first_article = appeal_lines[-1].split(APPEAL_END)
    appeal = [s for line in appeal_lines[:-1] for s in sentences(line)]
    appeal += sentences(last_appeal + APPEAL_END)
    article = sentences(first_article) + [
        s for line in lines[1:2] + lines[SEED_APPEAL_LINES.stop :] for s in sentences(line)
    ]
    return appeal, article


def test_clean_document_removes_every_appeal_sentence_of_the_seed(seed: tuple) -> None:
    raw, cleaned = seed
    appeal, _ = seed_parts(raw)
    assert len(appeal) == 9
    for sentence in appeal:
        assert sentence not in cleaned.text


def test_clean_document_keeps_every_article_sentence_of_the_seed(seed: tuple) -> None:
    raw, cleaned = seed
    _, article = seed_parts(raw)
    assert len(article) > 20
    for sentence in article:
        assert sentence in cleaned.text
    assert cleaned.text.split("\n")[1].startswith("The leaders of Turkey and Serbia suggested")


def test_clean_document_recomputes_a_content_id_and_keeps_a_source_id() -> None:
    text = "Chile bought ten F-16s.The deal closed.\nSign up for our newsletter."
    hashed = Document(id=make_document_id(text), text=text, source="a")
    given = Document(id="reuters-00042", text=text, source="b")
    cleaned_hashed, cleaned_given = clean_document(hashed), clean_document(given)
    assert cleaned_hashed.text == "Chile bought ten F-16s. The deal closed."  # type: ignore[union-attr]
    assert cleaned_hashed.id == make_document_id(cleaned_hashed.text)  # type: ignore[union-attr]
    assert cleaned_given.id == "reuters-00042"  # type: ignore[union-attr]


def test_clean_document_returns_an_unchanged_document_as_is() -> None:
    document = Document(id="x", text="Peru ordered 24 KF-21 jets.", source="s")
    assert clean_document(document) is document


def test_clean_document_skips_a_document_that_is_all_boilerplate() -> None:
    document = Document(id="x", text="Advertisement\nSign up for our free newsletter.", source="s")
    skipped = clean_document(document)
    assert isinstance(skipped, Skipped)
    assert (skipped.stage, skipped.source, skipped.document_id) == ("clean", "s", "x")


def test_clean_document_can_be_told_to_leave_text_alone() -> None:
    text = "Advertisement\nPeru ordered 24 KF-21 jets.The deal closed."
    config = CleanConfig(mend_run_ons=False, remove_boilerplate=False)
    assert clean_document(Document(id="x", text=text, source="s"), config).text == text  # type: ignore[union-attr]


def test_clean_document_keeps_every_dev_gold_evidence_offset(shared_data: Path) -> None:
    gold = [json.loads(line) for line in (shared_data / "dev" / "gold.jsonl").open()]
    wanted = {record["doc"] for record in gold}
    corpora = shared_data / "corpora"
    documents: dict[str, Document] = {}
    for name in ("reuters21578.jsonl", "guardian-syria.jsonl"):
        for item in read_path(corpora / name):
            if isinstance(item, Document) and item.id in wanted:
                documents[item.id] = item
    for doc_id in (w for w in wanted if w.startswith("bbc/")):
        [documents[doc_id]] = read_path(corpora / doc_id)  # type: ignore[misc]
    with_evidence = [record for record in gold if record.get("evidence")]
    assert len(with_evidence) == 147
    for record in with_evidence:
        cleaned = clean_document(documents[record["doc"]])
        evidence = record["evidence"]
        assert isinstance(cleaned, Document), record["doc"]
        assert cleaned.text[evidence["start"] : evidence["end"]] == evidence["text"], record["doc"]


def test_find_boilerplate_drops_nothing_from_2000_reuters_stories(shared_data: Path) -> None:
    stories = itertools.islice(read_path(shared_data / "corpora" / "reuters21578.jsonl"), 2000)
    dropped = [
        (story.id, span) for story in stories for span in find_boilerplate(mend_run_ons(story.text))
    ]
    assert dropped == []


def test_find_boilerplate_drops_only_footers_and_credits_from_the_guardian(
    shared_data: Path,
) -> None:
    # Measured: 36 units, all reader-letter footers, live-blog promos and
    # "Additional reporting by" / "contributed to this report" credits.
    dropped = []
    for story in read_path(shared_data / "corpora" / "guardian-syria.jsonl"):
        assert isinstance(story, Document)
        text = mend_run_ons(story.text)
        dropped += [(span.reason, text[span.start : span.end]) for span in find_boilerplate(text)]
    assert {reason for reason, _ in dropped} == {"call to action", "credit"}
    assert len(dropped) == 36
    for reason, unit in dropped:
        assert reason != "credit" or re.search(r"reporting by|contributed to this report", unit)


def test_clean_document_cleans_the_donation_box_out_of_a_page(fixtures_dir: Path) -> None:
    [page] = read_path(fixtures_dir / "news-article.html")
    assert isinstance(page, Document)
    assert "Your donation allows us" in page.text  # inside <article>: extraction keeps it
    cleaned = clean_document(page)
    assert isinstance(cleaned, Document)
    for appeal in ("Your support helps us", "our reporters are there", "behind a paywall"):
        assert appeal not in cleaned.text
    assert "“We are not interested in escalation, but we must give Ukraine" in cleaned.text
    assert cleaned.text.endswith("said it would prolong the war.")
    assert len(cleaned.text.split("\n")) == 6


def test_clean_document_cleans_credits_and_prompts_out_of_feed_content(fixtures_dir: Path) -> None:
    [poland, *_] = read_path(fixtures_dir / "defence-news.rss")
    cleaned = clean_document(poland)  # type: ignore[arg-type]
    assert isinstance(cleaned, Document)
    assert cleaned.text.split("\n") == [
        "Poland has signed a contract with the United States for 96 AH-64E Apache attack "
        "helicopters, the defence ministry in Warsaw said on Friday.",
        "The first helicopters are due to arrive in 2028. Until then, the US army will lease "
        "eight of its own Apaches to Poland for training.",
    ]
    assert cleaned.id == poland.id  # a feed guid is a source id: kept
