"""Choose the documents of the second development set (issue 12), by keyword only.

The choice reads the corpora's text with regular expressions and never runs the
extractor, so the set is picked (and then labelled) before anyone looks at what the
extractor says about it. Run from the repository root:

    python eval/select_documents.py ../shared/data > eval/documents.txt
    python eval/select_documents.py ../shared/data 2 > eval/documents-round-2.txt

Round 2 takes every likely positive that round 1 left out (round 1 drew 110 of them).

Two groups, drawn with a fixed seed from Reuters-21578 (not in ../shared/data/dev) and
the BBC corpus:
- likely positives: a sentence with a weapon word and a transfer word;
- hard negatives: a weapon or military word but no such sentence (strikes, budgets,
  own-forces procurement, civil aircraft orders), which an extractor must leave alone.
"""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

SEED = 20261205
POSITIVES = 110
NEGATIVES = 60

WEAPON = re.compile(
    r"\b(arms|weapons?|weaponry|missiles?|fighters?|jets?|warplanes?|aircraft|helicopters?|"
    r"tanks?|submarines?|frigates?|warships?|destroyers?|corvettes?|howitzers?|artillery|"
    r"rifles?|ammunition|munitions|radars?|gunships?|bombers?|drones?|patrol boats?|"
    r"armou?red vehicles?|military equipment|military hardware|defen[cs]e systems?)\b",
    re.I,
)
TRANSFER = re.compile(
    r"\b(sell|sells|sold|sale|sales|buy|buys|bought|purchas\w*|order\w*|deliver\w*|suppl\w*|"
    r"export\w*|import\w*|acquir\w*|acquisition|donat\w*|ship\w*|contract\w*|licen[cs]\w*|"
    r"co-?produc\w*|jointly|provid\w*|send\w*|sent|give|gave|transfer\w*|aid)\b",
    re.I,
)
MILITARY = re.compile(r"\b(military|defen[cs]e|army|navy|air force|armed forces|pentagon)\b", re.I)
SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'])")


def _documents(data: Path):
    with open(data / "corpora" / "reuters21578.jsonl", encoding="utf-8") as lines:
        for line in lines:
            item = json.loads(line)
            yield item["id"], item["text"]
    for path in sorted((data / "corpora" / "bbc").rglob("*.txt")):
        raw = path.read_text(encoding="utf-8", errors="replace")
        body = raw.split("\n", 1)[1].strip() if "\n" in raw else ""
        yield path.relative_to(data / "corpora").as_posix(), body


def _transfer_sentences(text: str) -> int:
    flat = " ".join(text.split())
    return sum(1 for s in SENTENCE.split(flat) if WEAPON.search(s) and TRANSFER.search(s))


def main(data: Path, round_number: int = 1) -> None:
    dev = set((data / "dev" / "documents.txt").read_text().split())
    positives, negatives = [], []
    for doc_id, text in _documents(data):
        if doc_id in dev or not text.strip():
            continue
        hits = _transfer_sentences(text)
        if hits >= 1 and (MILITARY.search(text) or re.search(r"\barms\b", text, re.I)):
            positives.append(doc_id)
        elif WEAPON.search(text) and MILITARY.search(text):
            negatives.append(doc_id)
    chooser = random.Random(SEED)
    chosen = chooser.sample(sorted(positives), min(POSITIVES, len(positives)))
    chosen += chooser.sample(sorted(negatives), min(NEGATIVES, len(negatives)))
    if round_number == 2:
        chosen = [d for d in sorted(positives) if d not in set(chosen)]
    print(f"# {len(positives)} likely positives, {len(negatives)} hard negatives found", file=sys.stderr)
    for doc_id in chosen:
        print(doc_id)


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data"), int(sys.argv[2]) if len(sys.argv) > 2 else 1)
