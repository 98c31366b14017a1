"""Clean a Document's plain text: mend run-on sentences, cut boilerplate, check the language.

    >>> cleaned = clean_document(document)   # a Document, or a Skipped saying why

The cleaned text is what is stored and what evidence offsets point into.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from armstrace.clean.boilerplate import Boilerplate, find_boilerplate, remove_spans
from armstrace.clean.language import count_words, detect_language, load_language_identifier
from armstrace.clean.runons import mend_run_ons
from armstrace.model import Document, Skipped, make_document_id

__all__ = [
    "Boilerplate",
    "CleanConfig",
    "clean_document",
    "clean_text",
    "detect_language",
    "find_boilerplate",
    "mend_run_ons",
    "prepare_clean",
]


@dataclass(frozen=True)
class CleanConfig:
    """Options of the clean stage."""

    mend_run_ons: bool = True
    remove_boilerplate: bool = True
    check_language: bool = True
    languages: tuple[str, ...] = ("en",)
    # Under 20 words the identifier is unreliable (headlines, one-line items);
    # such texts are kept rather than rejected on a guess.
    min_language_words: int = 20
    # Reject only confident calls: the English corpora here (Reuters tables of
    # figures, BBC, Guardian) are all above this when they are called English,
    # and mixed or figure-heavy texts that score lower are kept.
    min_language_probability: float = 0.9


DEFAULT_CONFIG = CleanConfig()


def prepare_clean(config: CleanConfig = DEFAULT_CONFIG) -> None:
    """Load what cleaning needs (the language model, about a second) before the first document.

    A process pool calls it before forking, so the workers share one copy.
    """
    if config.check_language:
        load_language_identifier()


def clean_text(text: str, config: CleanConfig = DEFAULT_CONFIG) -> str:
    """Return the text with run-ons mended and boilerplate cut out."""
    if config.mend_run_ons:
        text = mend_run_ons(text)
    if config.remove_boilerplate:
        text = remove_spans(text, find_boilerplate(text))
    return text


def clean_document(document: Document, config: CleanConfig = DEFAULT_CONFIG) -> Document | Skipped:
    """Return the document with clean text, or a Skipped (empty after cleaning, not English).

    A content-hash id is recomputed from the new text; an id the source gave is kept.
    """
    text = clean_text(document.text, config)
    if not text.strip():
        return Skipped(
            source=document.source,
            stage="clean",
            reason="no text left after removing boilerplate",
            document_id=document.id,
        )
    if config.check_language and count_words(text) >= config.min_language_words:
        language, probability = detect_language(text)
        # "zxx" (no linguistic content) is what tables of figures get: not a language.
        if (
            language not in config.languages
            and language != "zxx"
            and probability >= config.min_language_probability
        ):
            return Skipped(
                source=document.source,
                stage="clean",
                reason=f"language is not English (detected: {language}, {probability:.2f})"
                if config.languages == ("en",)
                else f"language {language} ({probability:.2f}) is not one of {config.languages}",
                document_id=document.id,
            )
    if text == document.text:
        return document
    is_content_id = document.id == make_document_id(document.text)
    return replace(
        document,
        text=text,
        id=make_document_id(text) if is_content_id else document.id,
    )
