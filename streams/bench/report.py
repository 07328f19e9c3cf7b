"""The benchmark's result: numbers, targets met or missed, a rich table and one JSON object."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from rich.console import Console
from rich.table import Table

from streams.bench.scale_out import ScaleOut
from streams.bench.stats import AlertTally, Latency

__all__ = ["BenchReport", "Target", "render"]

#: Targets of issue 6, checked by the benchmark (never by timed tests).
ANALYSIS_FLOOR = 1_000.0
PIPELINE_FLOOR = 300.0
PLAIN_LOOP_SHARE = 0.7
P99_CEILING_MS = 200.0


@dataclass(frozen=True)
class Target:
    """One goal, what was measured, and whether it was met."""

    goal: str
    measured: str
    met: bool


@dataclass(frozen=True)
class BenchReport:
    """Everything one ``claimwatch bench`` run measured."""

    articles: int
    analysis_articles_per_s: float
    analysis_median_ms: float
    pipeline_articles_per_s: float
    pipeline_cpu_ms_per_article: float
    plain_loop_articles_per_s: float
    plain_loop_cpu_ms_per_article: float
    #: Producing and consuming at once, one process (below: each alone), messages/s.
    raw_transport_msgs_per_s: float
    raw_transport_messages: int
    raw_produce_msgs_per_s: float
    raw_consume_msgs_per_s: float
    latency_ms: Latency
    latency_rate: float
    rss_mb: float
    pipeline_alerts: AlertTally
    plain_loop_alerts: AlertTally
    #: The analysis and the ledger alone: what the pipeline's agents and the plain loop run.
    analysis_without_near_duplicates_articles_per_s: float = 0.0
    #: The analysis on other articles (``--text``; by default the hand-written corpora), whose
    #: words the warm-up has not seen: the generated corpus repeats a small vocabulary.
    text_articles: int = 0
    text_analysis_articles_per_s: float = 0.0
    scale_out: ScaleOut | None = None

    def targets(self) -> list[Target]:
        share = (
            self.pipeline_articles_per_s / self.plain_loop_articles_per_s
            if self.plain_loop_articles_per_s
            else 0.0
        )
        rate = f"{self.latency_rate:g} articles/s"
        return [
            Target(
                f"analysis ≥ {ANALYSIS_FLOOR:,.0f} articles/s on one core",
                f"{self.analysis_articles_per_s:,.0f}",
                self.analysis_articles_per_s >= ANALYSIS_FLOOR,
            ),
            Target(
                f"pipeline ≥ {PIPELINE_FLOOR:,.0f} articles/s",
                f"{self.pipeline_articles_per_s:,.0f}",
                self.pipeline_articles_per_s >= PIPELINE_FLOOR,
            ),
            Target(
                f"pipeline ≥ {PLAIN_LOOP_SHARE} × plain loop",
                f"{share:.2f} ×",
                share >= PLAIN_LOOP_SHARE,
            ),
            Target(
                f"p99 ≤ {P99_CEILING_MS:.0f} ms at {rate}",
                f"{self.latency_ms.p99:.0f} ms",
                self.latency_ms.p99 <= P99_CEILING_MS,
            ),
            _alerts_target("pipeline", self.pipeline_alerts),
            _alerts_target("plain loop", self.plain_loop_alerts),
        ]

    def to_json(self) -> dict[str, Any]:
        """The JSON object ``--json`` prints last; ``latency_ms`` is ``{p50, p99, samples}``."""
        data = asdict(self)
        data["targets"] = [asdict(t) for t in self.targets()]
        return data


def _alerts_target(name: str, tally: AlertTally) -> Target:
    measured = f"{tally.arrived} of {tally.expected}"
    if tally.unexpected:
        measured += f", {tally.unexpected} others"
    if tally.repeated:
        measured += f" ({tally.repeated} redelivered)"
    return Target(f"{name} raised the Monitor's alerts, no others", measured, tally.complete)


def render(report: BenchReport, console: Console) -> None:
    """Print the measurements and the targets as two tables."""
    numbers = Table(title=f"claimwatch bench ({report.articles} articles)")
    numbers.add_column("measure")
    numbers.add_column("value", justify="right")
    numbers.add_row(
        "analysis only (Monitor, 1 core)", f"{report.analysis_articles_per_s:,.0f} articles/s"
    )
    numbers.add_row("  median per article", f"{report.analysis_median_ms:.2f} ms")
    numbers.add_row(
        "  without the near-duplicate check",
        f"{report.analysis_without_near_duplicates_articles_per_s:,.0f} articles/s",
    )
    if report.text_articles:
        numbers.add_row(
            f"  on {report.text_articles} other articles (--text)",
            f"{report.text_analysis_articles_per_s:,.0f} articles/s",
        )
    numbers.add_row(
        "Faust pipeline end to end", f"{report.pipeline_articles_per_s:,.0f} articles/s"
    )
    numbers.add_row("  worker CPU per article", f"{report.pipeline_cpu_ms_per_article:.2f} ms")
    numbers.add_row("plain aiokafka loop", f"{report.plain_loop_articles_per_s:,.0f} articles/s")
    numbers.add_row(
        "  plain loop CPU per article", f"{report.plain_loop_cpu_ms_per_article:.2f} ms"
    )
    numbers.add_row(
        f"raw transport, both at once ({report.raw_transport_messages:,} messages)",
        f"{report.raw_transport_msgs_per_s:,.0f} msgs/s",
    )
    numbers.add_row("  produce alone", f"{report.raw_produce_msgs_per_s:,.0f} msgs/s")
    numbers.add_row("  consume alone", f"{report.raw_consume_msgs_per_s:,.0f} msgs/s")
    numbers.add_row(
        f"latency at {report.latency_rate:g} articles/s (p50 / p99, {report.latency_ms.samples} alerts)",
        f"{report.latency_ms.p50:.0f} / {report.latency_ms.p99:.0f} ms",
    )
    numbers.add_row("worker peak RSS (VmHWM)", f"{report.rss_mb:.0f} MiB")
    if report.scale_out is not None:
        _scale_out_rows(numbers, report.scale_out)
    console.print(numbers)
    targets = Table(title="targets")
    targets.add_column("goal")
    targets.add_column("measured", justify="right")
    targets.add_column("result")
    for target in report.targets():
        targets.add_row(
            target.goal, target.measured, "[green]PASS[/]" if target.met else "[red]MISS[/]"
        )
    console.print(targets)


def _scale_out_rows(numbers: Table, scaled: ScaleOut) -> None:
    numbers.add_row(
        f"{scaled.workers} workers together ({scaled.articles_partitions} articles, "
        f"{scaled.claims_partitions} claims partitions)",
        f"{scaled.articles_per_s:,.0f} articles/s",
    )
    numbers.add_row(
        "  articles analysed, by worker", " / ".join(map(str, scaled.analysed_by_worker))
    )
    numbers.add_row(
        "  ledger partitions, by worker",
        " / ".join(
            ",".join(map(str, owned)) or "-" for owned in scaled.ledger_partitions_by_worker
        ),
    )
    tally = scaled.alerts
    numbers.add_row(
        "  alerts (Monitor's / others / twice)",
        f"{tally.arrived} of {tally.expected} / {tally.unexpected} / {tally.repeated}",
    )
