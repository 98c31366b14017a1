"""The language check: non-English documents are skipped with the detected language."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import pytest

from armstrace.clean import clean_document, detect_language
from armstrace.clean.language import _library_identifier, load_language_identifier
from armstrace.model import Document, Skipped, make_document_id

TEXTS = {
    "de": (
        "Die Bundesregierung hat am Freitag beschlossen, der Ukraine weitere Flugabwehrsysteme "
        "vom Typ Iris-T zu liefern. Das Verteidigungsministerium teilte mit, die ersten Systeme "
        "sollten noch vor dem Winter übergeben werden. Die Opposition kritisierte die Entscheidung."
    ),
    "fr": (
        "Le gouvernement a annoncé vendredi la commande de douze avions de combat Rafale "
        "supplémentaires pour l'armée de l'air. Les premières livraisons sont prévues pour 2027, "
        "selon le ministère des Armées, qui n'a pas précisé le montant du contrat."
    ),
    "es": (
        "El Gobierno de Brasil confirmó el jueves la compra de 98 vehículos blindados a Italia, "
        "según informó el Ministerio de Defensa en un comunicado. Las primeras unidades llegarán "
        "el próximo año y el resto se entregará antes de que termine la década."
    ),
}
ENGLISH = (
    "The government announced on Friday that it had ordered twelve more Rafale fighter jets for "
    "the air force. The first deliveries are planned for 2027, the defence ministry said, without "
    "giving the value of the contract."
)
FIGURES = (
    "NY COMEX GOLD OPG 7-APR\n OPEN P SETT\n APR7 4205 4185\n MAY7 4222B 4227A 4202\n"
    " JUN7 4240 4220\n AUG7 4280 4262\n OCT7 4320 4301\n DEC7 4360 4342\n FEB8 4400 4383\n"
    " APR8 4440 4424\n JUN8 4480 4466\n AUG8 4520 4507\n OCT8 4560 4549\n DEC8 4600 4591"
)


def document(text: str) -> Document:
    return Document(id=make_document_id(text), text=text, source="test")


@pytest.mark.parametrize("language", sorted(TEXTS))
def test_clean_document_skips_other_languages_naming_them(language: str) -> None:
    skipped = clean_document(document(TEXTS[language]))
    assert isinstance(skipped, Skipped)
    assert skipped.stage == "clean"
    assert re.fullmatch(
        rf"language is not English \(detected: {language}, (0\.9\d|1\.00)\)", skipped.reason
    )


@pytest.mark.parametrize(
    "text",
    [ENGLISH, FIGURES, "Der Bundestag stimmte zu."],
    ids=["english", "table-of-figures", "short-german"],
)
def test_clean_document_keeps_english_tables_and_short_texts(text: str) -> None:
    assert isinstance(clean_document(document(text)), Document)


def test_detect_language_returns_code_and_probability() -> None:
    language, probability = detect_language(ENGLISH)
    assert language == "en"
    assert 0.9 < probability <= 1.0


EDGE_CASES = [
    "",  # no bytes at all
    "a",  # shorter than the automaton's window
    "NATO ALLIES AGREE NEW AIR DEFENCE PLAN",  # all capitals: py3langid lower-cases it
    "Kılıç and Şahin met in İzmir — «çok güzel» 武器 🚀",  # multi-byte characters
    "1987 4,205 4,185 -- 12.5 pct",  # figures, few features
]


def test_windowed_identifier_answers_exactly_as_py3langid(shared_data: Path) -> None:
    # The numpy walk must give py3langid's answers to the last bit: the clean stage's
    # decisions (and so every stored text) depend on them.
    library = _library_identifier()
    windowed = load_language_identifier()
    texts = [*TEXTS.values(), ENGLISH, FIGURES, *EDGE_CASES]
    for corpus, count in (("reuters21578.jsonl", 400), ("guardian-syria.jsonl", 40)):
        path = shared_data / "corpora" / corpus
        with path.open(encoding="utf-8") as lines:
            texts += [json.loads(line)["text"] for line in itertools.islice(lines, count)]
    for text in texts:
        sample = text[:2500]
        assert windowed.classify(sample) == library.classify(sample), sample[:60]


def test_automaton_depth_is_what_the_walk_assumes() -> None:
    # Every state of the bundled model stands for at most 6 bytes (n-grams of up to 4
    # characters); a model with longer ones would need a longer window, which is
    # computed, not assumed.
    assert load_language_identifier().depth == 6
