"""The Faust pipeline end to end: throughput, latency at a fixed rate, peak memory of the worker.

The worker is ``claimwatch worker`` as a child process (:class:`streams.demo.WorkerProcess`).
Before anything is timed it has joined its consumer group and analysed a few warm-up articles.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Collection, Mapping, Sequence
from pathlib import Path

from streams.bench.corpus import warmup_articles
from streams.bench.kafka_io import AlertWatcher, send_all, send_at_rate
from streams.bench.proc import cpu_seconds, peak_rss_mb
from streams.bench.stats import BenchError, Latency, Throughput, per_second, percentile
from streams.demo import WorkerProcess
from streams.producing import prepare_topics
from streams.records import Article
from streams.settings import Settings

__all__ = ["BenchWorker", "analysed", "wait_analysed"]

WARMUP_ARTICLES = 60


async def analysed(workers: Sequence[WorkerProcess]) -> list[int]:
    """Articles each worker has taken from the articles Kafka topic (dead letters included)."""
    counters = await asyncio.gather(*(asyncio.to_thread(w.counters) for w in workers))
    return [c.get("articles", 0) + c.get("deadletters", 0) for c in counters]


async def wait_analysed(workers: Sequence[WorkerProcess], total: int, timeout: float) -> float:
    """Poll the workers' counters until together they analysed ``total``; when it was seen."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if sum(await analysed(workers)) >= total:
            return time.monotonic()
        for worker in workers:
            if worker.process is None or worker.process.poll() is not None:
                raise BenchError(f"a worker exited; see {worker.log_file}")
        await asyncio.sleep(0.05)
    logs = ", ".join(str(w.log_file) for w in workers)
    raise BenchError(f"fewer than {total} articles analysed in {timeout:.0f} s; see {logs}")


class BenchWorker:
    """``claimwatch worker`` as a child process, measured phase after phase.

    An async context manager: the process starts on entry and stops on exit. :meth:`warm_up`
    waits until it has joined its consumer group and analysed the warm-up articles.
    """

    def __init__(
        self, settings: Settings, log_file: Path, environ: Mapping[str, str] | None = None
    ) -> None:
        self.settings = settings
        self._worker = WorkerProcess(settings, log_file, environ)
        self._analysed = 0

    async def __aenter__(self) -> BenchWorker:
        await prepare_topics(self.settings)
        self._worker.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await asyncio.to_thread(self._worker.stop)

    async def warm_up(self, timeout: float = 90.0) -> None:
        await send_all(self.settings, warmup_articles(WARMUP_ARTICLES))
        self._analysed = WARMUP_ARTICLES
        await wait_analysed([self._worker], self._analysed, timeout)

    @property
    def pid(self) -> int:
        assert self._worker.process is not None, "the worker is not running"
        return self._worker.process.pid

    def peak_rss_mb(self) -> float:
        """Peak resident memory of the worker process so far, in MiB."""
        return peak_rss_mb(self.pid)

    async def throughput(
        self, articles: Sequence[Article], expected_alerts: Collection[str], timeout: float
    ) -> Throughput:
        """Produce ``articles`` at once; articles/s until all are analysed and alerted."""
        async with AlertWatcher(self.settings, articles) as watcher:
            cpu_before = cpu_seconds(self.pid)
            started = await send_all(self.settings, articles)
            self._analysed += len(articles)
            counted = await wait_analysed([self._worker], self._analysed, timeout)
            await watcher.wait_for(expected_alerts, timeout=30)
            finished = max([counted, *(a.at for a in watcher.arrivals)])
            cpu_ms = (cpu_seconds(self.pid) - cpu_before) * 1000
        return Throughput(
            per_second(len(articles), finished - started),
            watcher.tally(expected_alerts),
            cpu_ms / len(articles),
        )

    async def latency(
        self, articles: Sequence[Article], expected_alerts: Collection[str], rate: float
    ) -> Latency:
        """Offer ``articles`` at ``rate`` per second; each alert's delay after its article (the
        first delivery of each alert id)."""
        async with AlertWatcher(self.settings, articles) as watcher:
            sent_at = await send_at_rate(self.settings, articles, rate)
            self._analysed += len(articles)
            await watcher.wait_for(expected_alerts, timeout=30)
        first = {a.alert_id: a for a in reversed(watcher.arrivals)}.values()
        latencies = [(a.at - sent_at[a.article_id]) * 1000 for a in first]
        if not latencies:
            raise BenchError("no alert arrived during the latency run")
        return Latency(percentile(latencies, 0.5), percentile(latencies, 0.99), len(latencies))
