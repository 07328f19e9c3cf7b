"""Faust's aiokafka transport, with two changes to its worker consumer.

A configurable fetch wait: faust-streaming hard-codes ``fetch_max_wait_ms=1500`` for the worker's
consumer. The embedded broker holds a waiting fetch for much of that even when data has arrived,
and an article crosses two fetches (articles, then claims), so alerts lagged by 1-1.5 s. Measured
with ``claimwatch bench`` at 20 articles/s: p99 1,535 ms with 1,500 ms, 144 ms with 100 ms
(docs/benchmarks.md).

No partition left behind after a rebalance: Faust resumes fetching before it seeks each
partition back to its committed offset, and drops records it fetched meanwhile. aiokafka's
``seek_to_committed`` leaves a partition with no committed offset (or 0) where its fetcher
stands, past those records, so they were never read again: a worker restarted within the
session timeout of the one it replaced stopped reading some claims partitions
(tests/reliability/test_crash_recovery.py, under load). Such partitions now go back to their
first record; what was processed already is redelivered, and the ledger ignores it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import aiokafka
import faust
from aiokafka import TopicPartition
from faust.transport.drivers import aiokafka as faust_aiokafka
from faust.types import TransportT

__all__ = ["ClaimwatchApp"]


class _ConsumerThread(faust_aiokafka.AIOKafkaConsumerThread):
    def _create_worker_consumer(self, transport: Any) -> aiokafka.AIOKafkaConsumer:
        consumer = super()._create_worker_consumer(transport)
        # Read when the consumer starts; the app is a ClaimwatchApp.
        consumer._fetch_max_wait_ms = getattr(self.app, "fetch_max_wait_ms", 1500)
        return consumer

    async def seek_to_committed(self) -> Mapping[Any, int]:
        """Seek to the committed offsets; a partition without one to its first record."""
        committed: Mapping[Any, int] = await self.call_thread(_seek_to_committed, self)
        return committed


async def _seek_to_committed(thread: faust_aiokafka.AIOKafkaConsumerThread) -> Mapping[Any, int]:
    consumer = thread._ensure_consumer()
    committed: dict[TopicPartition, int | None] = await consumer.seek_to_committed()
    uncommitted = [tp for tp, offset in committed.items() if not offset or offset < 0]
    if uncommitted:
        await consumer.seek_to_beginning(*uncommitted)
    return committed  # type: ignore[return-value]


class _Consumer(faust_aiokafka.Consumer):
    def _new_consumer_thread(self) -> faust_aiokafka.AIOKafkaConsumerThread:
        return _ConsumerThread(self, loop=self.loop, beacon=self.beacon)


class _Transport(faust_aiokafka.Transport):
    Consumer = _Consumer


class ClaimwatchApp(faust.App):
    """A Faust app whose worker consumer waits at most ``fetch_max_wait_ms`` for new data."""

    def __init__(self, *args: Any, fetch_max_wait_ms: int = 100, **kwargs: Any) -> None:
        self.fetch_max_wait_ms = fetch_max_wait_ms
        super().__init__(*args, **kwargs)

    def _new_transport(self) -> TransportT:
        return _Transport(self.conf.broker_consumer, self)
