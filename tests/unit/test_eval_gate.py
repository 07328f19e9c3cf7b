"""Quality gate: the analysis scores on the project's labelled corpora may not fall below the
floors pinned in ``tests/eval_baseline.json`` (raise a floor when quality improves)."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import pytest

from streams.evaluation import EvalReport, evaluate
from tests.conftest import ROOT

BASELINE = json.loads((ROOT / "tests" / "eval_baseline.json").read_text())


@cache
def _report(corpus: str) -> dict[str, Any]:
    report: EvalReport = evaluate(ROOT / "corpus" / corpus)
    return report.model_dump(mode="json")


def _lookup(report: dict[str, Any], dotted: str) -> float:
    value: Any = report
    for part in dotted.split("."):
        value = value[part]
    assert isinstance(value, int | float), f"{dotted} has no score ({value!r})"
    return float(value)


@pytest.mark.parametrize(
    ("corpus", "metric"),
    [(corpus, metric) for corpus, floors in BASELINE.items() for metric in floors],
)
def test_score_is_not_below_its_floor(corpus: str, metric: str) -> None:
    floor = BASELINE[corpus][metric]
    score = _lookup(_report(corpus), metric)
    assert score >= floor, f"{corpus}: {metric} fell to {score:.3f} (floor {floor:.3f})"
