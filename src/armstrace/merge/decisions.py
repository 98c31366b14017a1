"""Analysts' merge and split decisions over the deals the rules made: a pure function.

The rules group records into deals (`merge.deals`); `apply_deal_decisions`
then replays every decision, oldest first, on those groups:

- `merge` unites every group that holds any record the decision names (its
  records at the time of the decision), so news that joins one of the merged
  deals later joins the merged deal.
- `split` takes the records it names out of whatever groups hold them into one
  group of their own (a no-op when they already are one whole group).

A merged group keeps the key and id of the first group it was made of; the part
of a split deal that stays keeps the deal's id, and the part taken out keeps the
key of the group it came from and gets an id made from the decision's record ids,
so all are stable across re-merges.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from armstrace.model import Record
from armstrace.review.decisions import DealDecision


@dataclass
class DealGroup:
    """Records that form one deal, with what names it: the key, and how its id is made."""

    key: str
    records: list[Record] = field(default_factory=list)
    first_of_key: bool = True
    deal_id: str | None = None  # None: made from the key and the opening record


def apply_deal_decisions(
    groups: Sequence[DealGroup], decisions: Iterable[DealDecision]
) -> list[DealGroup]:
    """Return the groups after replaying the decisions oldest first; empty groups dropped."""
    current = [DealGroup(g.key, list(g.records), g.first_of_key, g.deal_id) for g in groups]
    for decision in sorted(decisions, key=lambda item: item.at):
        apply = _merge if decision.action == "merge" else _split
        current = apply(current, set(decision.record_ids))
    return [group for group in current if group.records]


def _merge(groups: list[DealGroup], wanted: set[str]) -> list[DealGroup]:
    touched = [group for group in groups if any(r.id in wanted for r in group.records)]
    if len(touched) < 2:
        return groups
    into = touched[0]
    for group in touched[1:]:
        into.records.extend(group.records)
        group.records = []
    return groups


def _split(groups: list[DealGroup], wanted: set[str]) -> list[DealGroup]:
    taken: list[Record] = []
    holders = []
    for group in groups:
        moving = [r for r in group.records if r.id in wanted]
        if moving:
            holders.append((group, moving))
            taken.extend(moving)
    if not taken:
        return groups
    if len(holders) == 1 and len(holders[0][1]) == len(holders[0][0].records):
        return groups  # already a deal of their own
    for group, moving in holders:
        ids = {r.id for r in moving}
        group.records = [r for r in group.records if r.id not in ids]
    name = "split|" + ",".join(sorted(wanted))
    split_id = hashlib.sha256(name.encode()).hexdigest()[:16]
    # Filed under the key of the deal it came from, which every re-merge of it includes.
    return [*groups, DealGroup(holders[0][0].key, taken, first_of_key=False, deal_id=split_id)]
