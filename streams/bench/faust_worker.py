"""The Faust pipeline end to end: throughput, latency at a fixed rate, peak memory of the worker.

The worker is ``claimwatch worker`` as a child process (:class:`streams.demo.WorkerProcess`).
Before anything is timed it has joined its consumer group and analysed a few warm-up articles.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

from streams.bench.corpus import warmup_articles
from streams.bench.kafka_io import AlertWatcher, new_producer, produce_articles
from streams.bench.stats import per_second, percentile
from streams.demo import WorkerProcess
from streams.kafka_topics import KafkaTopics
from streams.messages import encode
from streams.producing import prepare_topics
from streams.records import Article
from streams.settings import Settings

__all__ = ["Latency", "PipelineRun", "measure_latency", "measure_pipeline", "peak_rss_mb"]

WARMUP_ARTICLES = 20


@dataclass(frozen=True)
class PipelineRun:
    """Articles/s end to end, alerts that arrived, the worker's peak resident memory."""

    articles_per_s: float
    alerts: int
    rss_mb: float


@dataclass(frozen=True)
class Latency:
    """Article produced → alert consumed, in milliseconds, over ``samples`` alerts."""

    p50: float
    p99: float
    samples: int


def peak_rss_mb(pid: int) -> float:
    """Peak resident set size of a live process (``VmHWM``), in MiB."""
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmHWM in /proc/{pid}/status")


async def _counted(worker: WorkerProcess, articles: int, timeout: float) -> float:
    """Poll the worker's counters until it analysed ``articles``; when it was seen."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        counters = await asyncio.to_thread(worker.counters)
        if counters.get("articles", 0) + counters.get("deadletters", 0) >= articles:
            return time.monotonic()
        if worker.process is None or worker.process.poll() is not None:
            raise RuntimeError(f"the worker exited; see {worker.log_file}")
        await asyncio.sleep(0.05)
    raise TimeoutError(f"the worker analysed fewer than {articles} articles in {timeout:.0f} s")


@asynccontextmanager
async def _ready_worker(settings: Settings, log_file: Path) -> AsyncIterator[WorkerProcess]:
    """A worker that has analysed the warm-up articles; stopped on the way out."""
    await prepare_topics(settings)
    worker = WorkerProcess(settings, log_file).start()
    try:
        producer = new_producer(settings)
        await producer.start()
        try:
            topic = KafkaTopics(settings.topic_prefix).articles
            await produce_articles(producer, topic, warmup_articles(WARMUP_ARTICLES))
        finally:
            await producer.stop()
        await _counted(worker, WARMUP_ARTICLES, timeout=90)
        yield worker
    finally:
        worker.stop()


async def measure_pipeline(
    settings: Settings,
    articles: Sequence[Article],
    expected_alerts: int,
    log_file: Path,
    timeout: float,
) -> PipelineRun:
    """Produce ``articles`` as fast as possible; time until all are counted and alerts arrived."""
    async with (
        _ready_worker(settings, log_file) as worker,
        AlertWatcher(settings, articles) as watcher,
    ):
        producer = new_producer(settings)
        await producer.start()
        try:
            started = time.monotonic()
            await produce_articles(producer, KafkaTopics(settings.topic_prefix).articles, articles)
        finally:
            await producer.stop()
        counted = await _counted(worker, WARMUP_ARTICLES + len(articles), timeout)
        await watcher.wait_for(expected_alerts, timeout=30)
        finished = max([counted, *(a.at for a in watcher.arrivals)])
        assert worker.process is not None
        rss = peak_rss_mb(worker.process.pid)
        return PipelineRun(
            per_second(len(articles), finished - started), len(watcher.arrivals), rss
        )


async def measure_latency(
    settings: Settings,
    articles: Sequence[Article],
    expected_alerts: int,
    rate: float,
    log_file: Path,
) -> Latency:
    """Offer ``articles`` at ``rate`` per second; latency of every alert from its article's send."""
    async with _ready_worker(settings, log_file), AlertWatcher(settings, articles) as watcher:
        producer = new_producer(settings)
        await producer.start()
        sent_at: dict[str, float] = {}
        try:
            topic = KafkaTopics(settings.topic_prefix).articles
            started = time.monotonic()
            for index, article in enumerate(articles):
                await asyncio.sleep(max(0.0, started + index / rate - time.monotonic()))
                sent_at[article.article_id] = time.monotonic()
                await producer.send(topic, key=article.article_id.encode(), value=encode(article))
            await producer.flush()
        finally:
            await producer.stop()
        await watcher.wait_for(expected_alerts, timeout=30)
    latencies = [
        (arrival.at - sent_at[arrival.article_id]) * 1000
        for arrival in watcher.arrivals
        if arrival.article_id in sent_at
    ]
    if not latencies:
        raise RuntimeError("no alert arrived during the latency run")
    return Latency(percentile(latencies, 0.5), percentile(latencies, 0.99), len(latencies))
