"""Analysis only: the Monitor (analyzer + ledger in process, no Kafka) on one core."""

from __future__ import annotations

import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass

from streams.analysis import Monitor, WatchConfig
from streams.bench.corpus import warmup_articles
from streams.bench.stats import per_second
from streams.records import Alert, Article

__all__ = ["AnalysisRun", "measure_analysis"]


@dataclass(frozen=True)
class AnalysisRun:
    """Articles/s and median time per article, and the alerts the ledger raised in order."""

    articles_per_s: float
    median_ms: float
    alerts: list[Alert]


def measure_analysis(
    articles: Sequence[Article],
    watch: WatchConfig | None = None,
    *,
    near_duplicates: bool = True,
) -> AnalysisRun:
    """Process ``articles`` in stream order with a fresh Monitor, after a warm-up in each
    language; with ``near_duplicates=False``, without its near-duplicate check."""
    monitor = Monitor(watch, near_duplicates=near_duplicates)
    for article in warmup_articles():
        monitor.process(article)
    alerts: list[Alert] = []
    durations: list[float] = []
    started = time.perf_counter()
    for article in articles:
        before = time.perf_counter()
        _, raised = monitor.process(article)
        durations.append(time.perf_counter() - before)
        alerts.extend(raised)
    elapsed = time.perf_counter() - started
    median_ms = statistics.median(durations) * 1000 if durations else 0.0
    return AnalysisRun(per_second(len(articles), elapsed), median_ms, alerts)
