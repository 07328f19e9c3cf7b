"""Raw transport: aiokafka produce and consume of the benchmark payloads, no processing.

The yardstick of what the broker allows, so the clients batch as a firehose's would: the
producer fills batches of up to 256 KiB and waits up to 5 ms for one to fill (aiokafka's
defaults, 16 KiB and no wait, hold five articles a batch and cap producing at about a fifth
of this), and the consumer fetches up to 8 MiB of a partition at a time.
"""

from __future__ import annotations

import asyncio
import itertools
import time
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer

from streams.bench.kafka_io import assign_from_start, create_topic, new_producer
from streams.bench.stats import per_second
from streams.settings import Settings

__all__ = ["Transport", "measure_transport"]

_BATCH_BYTES = 256 * 1024
_LINGER_MS = 5
_FETCH_BYTES = 8 * 1024 * 1024


@dataclass(frozen=True)
class Transport:
    """Messages/s on a 1-partition Kafka topic: producing only (until the last is
    acknowledged), consuming only (all of them, from the start), and both at once in one
    process (from the first send until the last record arrived)."""

    produce_msgs_per_s: float
    consume_msgs_per_s: float
    both_msgs_per_s: float


async def measure_transport(
    settings: Settings, payloads: Sequence[bytes], messages: int, timeout: float = 120.0
) -> Transport:
    """Send ``messages`` (``payloads`` in turn) to one Kafka topic, then read them back; then
    the same on a second Kafka topic with the reader running while they are sent."""
    alone, both = f"{settings.topic_prefix}.raw", f"{settings.topic_prefix}.raw-both"
    for topic in (alone, both):
        await create_topic(settings, topic)
    values = list(itertools.islice(itertools.cycle(payloads), messages))
    producer = new_producer(settings, max_batch_size=_BATCH_BYTES, linger_ms=_LINGER_MS)
    await producer.start()
    try:
        started = time.monotonic()
        await _produce(producer, alone, values)
        produced = per_second(messages, time.monotonic() - started)
        async with _reader(settings, alone) as consumer:
            started = time.monotonic()
            finished = await asyncio.wait_for(_consume(consumer, messages), timeout)
            consumed = per_second(messages, finished - started)
        async with _reader(settings, both) as consumer:
            reading = asyncio.create_task(_consume(consumer, messages))
            started = time.monotonic()
            await _produce(producer, both, values)
            finished = await asyncio.wait_for(reading, timeout)
            together = per_second(messages, finished - started)
    finally:
        await producer.stop()
    return Transport(produced, consumed, together)


async def _produce(producer: AIOKafkaProducer, topic: str, values: Sequence[bytes]) -> None:
    """Send ``values`` as fast as the producer takes them; return once all are acknowledged."""
    pending = [await producer.send(topic, value=value) for value in values]
    await asyncio.gather(*pending)


@asynccontextmanager
async def _reader(settings: Settings, topic: str) -> AsyncIterator[AIOKafkaConsumer]:
    """A started consumer (no group) of every partition of ``topic``, from the start."""
    consumer = AIOKafkaConsumer(
        bootstrap_servers=settings.bootstrap_servers,
        group_id=None,
        max_partition_fetch_bytes=_FETCH_BYTES,
        **settings.kafka_client_options(),
    )
    await consumer.start()
    try:
        await assign_from_start(consumer, topic)
        yield consumer
    finally:
        await consumer.stop()


async def _consume(consumer: AIOKafkaConsumer, messages: int) -> float:
    """Read ``messages`` records; the time the last one arrived."""
    seen = 0
    while seen < messages:
        batch = await consumer.getmany(timeout_ms=200)
        seen += sum(len(records) for records in batch.values())
    return time.monotonic()
