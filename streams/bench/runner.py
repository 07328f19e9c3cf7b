"""One benchmark run: generate the corpus, start the embedded broker, measure every phase."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable
from pathlib import Path

from streams.bench.corpus import generate_articles
from streams.bench.faust_worker import measure_latency, measure_pipeline
from streams.bench.inprocess import measure_analysis
from streams.bench.plain_loop import measure_plain_loop
from streams.bench.report import BenchReport
from streams.bench.transport import measure_transport
from streams.broker import EmbeddedBroker, free_port
from streams.messages import encode
from streams.settings import Settings

__all__ = ["DEFAULT_ARTICLES", "LATENCY_RATE", "run_bench"]

DEFAULT_ARTICLES = 2_000
#: Offered load of the latency phase, articles/s, and how long it lasts at most.
LATENCY_RATE = 20.0
LATENCY_SECONDS = 15
#: The raw transport phase sends at least this many messages, so that it lasts long enough.
MIN_RAW_MESSAGES = 10_000


def _phase_settings(
    base: Settings, broker: EmbeddedBroker, run_id: str, phase: str, workdir: Path
) -> Settings:
    """Settings of one phase: its own Kafka topic prefix, consumer group and web port."""
    name = f"bench-{run_id}-{phase}"
    return base.model_copy(
        update={
            "broker": broker.url,
            "topic_prefix": name,
            "app_id": name,
            "config_file": None,
            "data_dir": workdir / "data",
            "web_port": free_port(),
            "session_timeout_s": 6.0,
            "log_level": "warning",
        }
    )


def run_bench(
    base: Settings,
    *,
    articles: int = DEFAULT_ARTICLES,
    workdir: Path,
    seed: int = 2024,
    progress: Callable[[str], None] = lambda message: None,
) -> BenchReport:
    """Measure the six phases on ``articles`` generated articles; logs go to ``workdir``."""
    run_id = uuid.uuid4().hex[:8]
    corpus = generate_articles(articles, seed=seed)
    latency_corpus = generate_articles(
        min(articles, int(LATENCY_RATE * LATENCY_SECONDS)), seed=seed + 1, id_prefix="latency"
    )
    progress(f"analysis only: {articles} articles through the Monitor")
    analysis = measure_analysis(corpus)
    latency_alerts = len(measure_analysis(latency_corpus).alerts)
    timeout = 60 + articles / 20
    workdir.mkdir(parents=True, exist_ok=True)
    with EmbeddedBroker(log_file=workdir / "broker.log") as broker:

        def settings(phase: str) -> Settings:
            return _phase_settings(base, broker, run_id, phase, workdir)

        async def kafka_phases() -> BenchReport:
            progress("raw transport: aiokafka produce + consume")
            messages = max(articles, MIN_RAW_MESSAGES)
            raw = await measure_transport(settings("raw"), [encode(a) for a in corpus], messages)
            progress("Faust pipeline: worker process, all articles at once")
            expected = len(analysis.alerts)
            pipeline = await measure_pipeline(
                settings("pipeline"), corpus, expected, workdir / "pipeline-worker.log", timeout
            )
            progress("plain aiokafka loop: child process, all articles at once")
            plain = await measure_plain_loop(
                settings("plain"), corpus, expected, workdir / "plain-loop.log", timeout
            )
            progress(f"latency: {len(latency_corpus)} articles at {LATENCY_RATE:g} articles/s")
            latency = await measure_latency(
                settings("latency"),
                latency_corpus,
                latency_alerts,
                LATENCY_RATE,
                workdir / "latency-worker.log",
            )
            return BenchReport(
                articles=articles,
                analysis_articles_per_s=analysis.articles_per_s,
                analysis_median_ms=analysis.median_ms,
                pipeline_articles_per_s=pipeline.articles_per_s,
                plain_loop_articles_per_s=plain.articles_per_s,
                raw_transport_msgs_per_s=raw,
                raw_transport_messages=messages,
                latency_ms=latency,
                latency_rate=LATENCY_RATE,
                rss_mb=pipeline.rss_mb,
                expected_alerts=expected,
                pipeline_alerts=pipeline.alerts,
                plain_loop_alerts=plain.alerts,
            )

        return asyncio.run(kafka_phases())
