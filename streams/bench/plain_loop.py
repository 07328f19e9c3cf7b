"""The peer a user would write instead of Faust: one plain aiokafka loop, as a child process.

Consume articles → the same :class:`Analyzer` → produce each article's claims as one record;
the same ``ledger.decide`` with a dict as the ledger → produce alerts. No changelog, no table
recovery, auto-committed offsets: what it lacks next to the Faust pipeline is what the
comparison prices.

The child runs ``python -m streams.bench.plain_child COUNT`` with the ``CLAIMWATCH_*``
environment; it prints ``ready`` once it owns the articles partitions and ``done`` after COUNT
articles.
"""

from __future__ import annotations

import asyncio
import os
import sys
import time
from collections.abc import Collection, Sequence
from datetime import UTC, datetime
from pathlib import Path

from aiokafka import AIOKafkaConsumer, ConsumerRebalanceListener, TopicPartition

from streams.analysis import Analyzer, LedgerEntry, decide
from streams.bench.corpus import warmup_articles
from streams.bench.kafka_io import AlertWatcher, new_producer, send_all
from streams.bench.proc import cpu_seconds
from streams.bench.stats import BenchError, Throughput, per_second
from streams.kafka_topics import KafkaTopics
from streams.messages import PoisonMessage, decode, encode
from streams.producing import prepare_topics
from streams.records import Article, ClaimBatch, claim_position
from streams.settings import Settings

__all__ = ["PlainLoopProcess", "run_plain_loop"]

READY, DONE = "ready", "done"


class _SayReady(ConsumerRebalanceListener):  # type: ignore[misc]
    async def on_partitions_revoked(self, revoked: list[TopicPartition]) -> None:
        """Nothing to clean up: offsets are auto-committed."""

    async def on_partitions_assigned(self, assigned: list[TopicPartition]) -> None:
        print(READY, flush=True)


async def run_plain_loop(settings: Settings, report_after: int) -> None:
    """Consume, analyse, decide and produce until cancelled; print ``done`` after N articles."""
    topics = KafkaTopics(settings.topic_prefix)
    analyzer = Analyzer()
    for article in warmup_articles():  # loads every language's data before the clock starts
        analyzer.analyze(article)
    ledger: dict[str, LedgerEntry] = {}
    consumer = AIOKafkaConsumer(
        bootstrap_servers=settings.bootstrap_servers,
        group_id=settings.app_id,
        auto_offset_reset="earliest",
        **settings.kafka_client_options(),
    )
    producer = new_producer(settings)
    await producer.start()
    await consumer.start()
    consumer.subscribe([topics.articles], listener=_SayReady())
    processed = 0
    try:
        async for message in consumer:
            try:
                article = decode(message.value, Article)
            except PoisonMessage:
                continue
            claims = analyzer.analyze(article).claims
            if claims:
                batch = ClaimBatch(claims=claims)
                await producer.send(topics.claims, key=claims[0].key.encode(), value=encode(batch))
            for index, claim in enumerate(claims):
                position = claim_position(message.offset, index)
                decision = decide(
                    ledger.get(claim.key), claim, offset=position, now=datetime.now(UTC)
                )
                ledger[claim.key] = decision.entry
                for alert in decision.alerts:
                    key, value = alert.claim_key.encode(), encode(alert)
                    await producer.send(topics.alerts, key=key, value=value)
                    await producer.send(topics.alerts_for(alert.topic), key=key, value=value)
            processed += 1
            if processed == report_after:
                print(DONE, flush=True)
    finally:
        await consumer.stop()
        await producer.stop()


class PlainLoopProcess:
    """The plain loop as a child process that reports after ``articles`` articles.

    An async context manager: the process starts on entry and stops on exit.
    """

    def __init__(self, settings: Settings, articles: int, log_file: Path) -> None:
        self.settings = settings
        self.articles = articles
        self.log_file = log_file
        self._child: asyncio.subprocess.Process | None = None

    async def __aenter__(self) -> PlainLoopProcess:
        await prepare_topics(self.settings)
        env = {
            **os.environ,
            "CLAIMWATCH_BROKER": self.settings.broker,
            "CLAIMWATCH_TOPIC_PREFIX": self.settings.topic_prefix,
            "CLAIMWATCH_APP_ID": self.settings.app_id,
        }
        self.log_file.parent.mkdir(parents=True, exist_ok=True)
        with open(self.log_file, "ab") as log:
            self._child = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "streams.bench.plain_child",
                str(self.articles),
                env=env,
                stdin=asyncio.subprocess.DEVNULL,
                stdout=asyncio.subprocess.PIPE,
                stderr=log,
            )
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        child, self._child = self._child, None
        if child is not None:
            if child.returncode is None:
                child.terminate()
            await child.wait()

    @property
    def _stdout(self) -> asyncio.StreamReader:
        assert self._child is not None and self._child.stdout is not None
        return self._child.stdout

    async def _expect_line(self, wanted: str, timeout: float) -> None:
        try:
            async with asyncio.timeout(timeout):
                while True:
                    line = await self._stdout.readline()
                    if not line:
                        raise BenchError(f"the plain loop exited; see {self.log_file}")
                    if line.decode().strip() == wanted:
                        return
        except TimeoutError:
            raise BenchError(
                f"the plain loop did not say {wanted!r} within {timeout:.0f} s; see {self.log_file}"
            ) from None

    async def ready(self, timeout: float = 90.0) -> None:
        """Wait until the loop owns the articles partitions."""
        await self._expect_line(READY, timeout)

    async def throughput(
        self, articles: Sequence[Article], expected_alerts: Collection[str], timeout: float
    ) -> Throughput:
        """Produce ``articles`` at once; articles/s until all are processed and alerted."""
        assert self._child is not None
        async with AlertWatcher(self.settings, articles) as watcher:
            cpu_before = cpu_seconds(self._child.pid)
            started = await send_all(self.settings, articles)
            await self._expect_line(DONE, timeout)
            done = time.monotonic()
            await watcher.wait_for(expected_alerts, timeout=30)
            finished = max([done, *(a.at for a in watcher.arrivals)])
            cpu_ms = (cpu_seconds(self._child.pid) - cpu_before) * 1000
        return Throughput(
            per_second(len(articles), finished - started),
            watcher.tally(expected_alerts),
            cpu_ms / len(articles),
        )
