"""One benchmark run: generate the corpus, start the embedded broker, measure every phase."""

from __future__ import annotations

import asyncio
import dataclasses
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path

from streams.bench.corpus import generate_articles
from streams.bench.faust_worker import BenchWorker
from streams.bench.inprocess import AnalysisRun, measure_analysis
from streams.bench.plain_loop import PlainLoopProcess
from streams.bench.report import BenchReport
from streams.bench.scale_out import measure_scale_out
from streams.bench.transport import measure_transport
from streams.broker import EmbeddedBroker, free_port
from streams.messages import encode
from streams.records import Article
from streams.settings import Settings

__all__ = ["DEFAULT_ARTICLES", "LATENCY_RATE", "phase_settings", "run_bench"]

DEFAULT_ARTICLES = 2_000
#: Offered load of the latency phase, articles/s, and how long it lasts at most.
LATENCY_RATE = 20.0
LATENCY_SECONDS = 15
#: The raw transport phase sends at least this many messages, so that it lasts long enough
#: (about half a second each way at the rates measured here).
MIN_RAW_MESSAGES = 30_000
#: The latency phase's articles are about another watched company: fresh ledger keys on a
#: worker that already processed the throughput corpus.
LATENCY_ENTITY = "Huawei"


def run_bench(
    base: Settings,
    *,
    articles: int = DEFAULT_ARTICLES,
    workdir: Path,
    seed: int = 2024,
    scale_out: int = 0,
    texts: Sequence[Article] = (),
    progress: Callable[[str], None] = lambda message: None,
) -> BenchReport:
    """Measure the six phases on ``articles`` generated articles, the analysis also on
    ``texts``, and with ``scale_out`` > 0 that many workers together; logs go to ``workdir``."""
    corpus = generate_articles(articles, seed=seed)
    latency_corpus = generate_articles(
        min(articles, int(LATENCY_RATE * LATENCY_SECONDS)),
        seed=seed + 1,
        id_prefix="latency",
        entity=LATENCY_ENTITY,
    )
    progress(f"analysis only: {articles} articles through the Monitor")
    analysis = measure_analysis(corpus)
    progress("analysis only, without the near-duplicate check (the work of the pipeline)")
    pipeline_work = measure_analysis(corpus, near_duplicates=False)
    other: AnalysisRun | None = None
    if texts:  # once only: a second pass would find their words already looked up
        progress(f"analysis only: {len(texts)} other articles, words the warm-up has not seen")
        other = measure_analysis(texts)
    latency_alerts = {alert.alert_id for alert in measure_analysis(latency_corpus).alerts}
    workdir.mkdir(parents=True, exist_ok=True)
    with EmbeddedBroker(log_file=workdir / "broker.log") as broker:
        phases = _KafkaPhases(base, broker, workdir, timeout=60 + articles / 20)
        report = asyncio.run(phases.run(corpus, latency_corpus, analysis, latency_alerts, progress))
        report = dataclasses.replace(
            report,
            analysis_without_near_duplicates_articles_per_s=pipeline_work.articles_per_s,
            text_articles=len(texts),
            text_analysis_articles_per_s=other.articles_per_s if other else 0.0,
        )
        if scale_out:
            progress(f"scale-out: {scale_out} workers, all articles at once")
            expected = {alert.alert_id for alert in analysis.alerts}
            scaled = asyncio.run(
                measure_scale_out(
                    phases.settings("scale"),
                    corpus,
                    expected,
                    workdir,
                    workers=scale_out,
                    timeout=phases.timeout,
                )
            )
            report = dataclasses.replace(report, scale_out=scaled)
        return report


def phase_settings(base: Settings, broker: str, name: str, workdir: Path) -> Settings:
    """``base`` for one phase on ``broker``: Kafka topic prefix and consumer group ``name``,
    no watch file, its data under ``workdir``, a free web port, a short session timeout (a
    worker stopped between phases does not hold up the next join) and quiet logs."""
    return base.model_copy(
        update={
            "broker": broker,
            "topic_prefix": name,
            "app_id": name,
            "config_file": None,
            "data_dir": workdir / "data",
            "web_port": free_port(),
            "session_timeout_s": 6.0,
            "log_level": "warning",
        }
    )


class _KafkaPhases:
    """The phases that need the broker; each has its own Kafka topic prefix and group."""

    def __init__(
        self, base: Settings, broker: EmbeddedBroker, workdir: Path, timeout: float
    ) -> None:
        self.base = base
        self.broker = broker
        self.workdir = workdir
        self.timeout = timeout
        self.run_id = uuid.uuid4().hex[:8]

    def settings(self, phase: str) -> Settings:
        return phase_settings(
            self.base, self.broker.url, f"bench-{self.run_id}-{phase}", self.workdir
        )

    async def run(
        self,
        corpus: list[Article],
        latency_corpus: list[Article],
        analysis: AnalysisRun,
        latency_alerts: set[str],
        progress: Callable[[str], None],
    ) -> BenchReport:
        expected = {alert.alert_id for alert in analysis.alerts}
        progress("starting the Faust worker and the plain loop (not timed)")
        async with (
            BenchWorker(self.settings("pipeline"), self.workdir / "worker.log") as worker,
            PlainLoopProcess(
                self.settings("plain"), len(corpus), self.workdir / "plain-loop.log"
            ) as plain,
        ):
            await asyncio.gather(worker.warm_up(), plain.ready())
            progress("Faust pipeline: all articles at once")
            pipeline = await worker.throughput(corpus, expected, self.timeout)
            progress(f"latency: {len(latency_corpus)} articles at {LATENCY_RATE:g} articles/s")
            latency = await worker.latency(latency_corpus, latency_alerts, LATENCY_RATE)
            rss_mb = worker.peak_rss_mb()
            progress("plain aiokafka loop: all articles at once")
            plain_run = await plain.throughput(corpus, expected, self.timeout)
        # After the worker and the plain loop stopped: the phases above do not run beside what
        # this one leaves in the broker's memory (two Kafka topics of 30,000 messages or more,
        # about 170 MB at the least).
        progress("raw transport: aiokafka produce, consume, then both at once")
        messages = max(len(corpus), MIN_RAW_MESSAGES)
        payloads = [encode(a) for a in corpus]
        raw = await measure_transport(self.settings("raw"), payloads, messages)
        return BenchReport(
            articles=len(corpus),
            analysis_articles_per_s=analysis.articles_per_s,
            analysis_median_ms=analysis.median_ms,
            pipeline_articles_per_s=pipeline.articles_per_s,
            pipeline_cpu_ms_per_article=pipeline.cpu_ms_per_article,
            plain_loop_articles_per_s=plain_run.articles_per_s,
            plain_loop_cpu_ms_per_article=plain_run.cpu_ms_per_article,
            raw_transport_msgs_per_s=raw.both_msgs_per_s,
            raw_transport_messages=messages,
            raw_produce_msgs_per_s=raw.produce_msgs_per_s,
            raw_consume_msgs_per_s=raw.consume_msgs_per_s,
            latency_ms=latency,
            latency_rate=LATENCY_RATE,
            rss_mb=rss_mb,
            pipeline_alerts=pipeline.alerts,
            plain_loop_alerts=plain_run.alerts,
        )
