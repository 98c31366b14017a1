"""A bounded sample of benchmarks/hostile_inputs.py: every input stored or skipped, none lost.

The full run (5,000 inputs, its table in docs/reliability.md) takes minutes; CI makes
250 of the same kinds (a seed of its own) and ingests them in one two-worker process.
"""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from pathlib import Path

import pytest

BENCHMARK = Path(__file__).resolve().parents[1] / "benchmarks" / "hostile_inputs.py"


@pytest.mark.slow
def test_hostile_inputs_are_each_stored_or_skipped(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("hostile_inputs", BENCHMARK)
    assert spec is not None and spec.loader is not None
    hostile = importlib.util.module_from_spec(spec)
    sys.modules["hostile_inputs"] = hostile  # its dataclasses look their module up there
    spec.loader.exec_module(hostile)

    cases, runs = hostile.run(count=250, seed=1216, root=tmp_path, workers=2, timeout=120.0,
                              heavy=1)

    outcomes = Counter(case.outcome for case in cases)
    lost = [f"{case.outcome}: {case.kind}: {case.path}" for case in cases
            if case.outcome not in ("stored", "skipped")]
    assert lost == [], runs[0].stderr[-2000:]
    assert outcomes["stored"] > 0 and outcomes["skipped"] > 0
    assert all(run.exit_status == 0 for run in runs)
