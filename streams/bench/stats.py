"""Measured rates and latencies, and the small statistics that make them."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["AlertTally", "BenchError", "Latency", "Throughput", "per_second", "percentile"]


class BenchError(RuntimeError):
    """A benchmark phase could not finish: a process exited, or a wait timed out."""


@dataclass(frozen=True)
class AlertTally:
    """Alerts that arrived, against the ids the in-process Monitor raised for the same input.

    ``repeated`` counts deliveries of an id already seen: at-least-once redeliveries.
    """

    expected: int
    arrived: int
    unexpected: int
    repeated: int

    @property
    def complete(self) -> bool:
        """Every expected alert arrived, and nothing else."""
        return self.arrived == self.expected and self.unexpected == 0


@dataclass(frozen=True)
class Throughput:
    """Articles/s end to end, the alerts that arrived, and the CPU time the processing
    process spent per article meanwhile."""

    articles_per_s: float
    alerts: AlertTally
    cpu_ms_per_article: float


@dataclass(frozen=True)
class Latency:
    """Article produced → alert consumed, in milliseconds, over ``samples`` alerts."""

    p50: float
    p99: float
    samples: int


def percentile(values: Sequence[float], fraction: float) -> float:
    """The nearest-rank percentile (``fraction`` in 0..1) of a non-empty sample."""
    if not values:
        raise ValueError("percentile of an empty sample")
    if not 0 <= fraction <= 1:
        raise ValueError(f"fraction must be in 0..1, got {fraction}")
    ordered = sorted(values)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]


def per_second(count: int, seconds: float) -> float:
    """A rate; 0 when nothing was timed."""
    return count / seconds if seconds > 0 else 0.0
