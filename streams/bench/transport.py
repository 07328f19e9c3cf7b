"""Raw transport: aiokafka produce and consume of the benchmark payloads, no processing."""

from __future__ import annotations

import asyncio
import itertools
import time
from collections.abc import Sequence

from aiokafka import AIOKafkaConsumer

from streams.bench.kafka_io import assign_from_start, create_topic, new_producer
from streams.bench.stats import per_second
from streams.settings import Settings

__all__ = ["measure_transport"]


async def _consume(consumer: AIOKafkaConsumer, messages: int) -> float:
    """Read ``messages`` records; the time the last one arrived."""
    seen = 0
    while seen < messages:
        batch = await consumer.getmany(timeout_ms=200)
        seen += sum(len(records) for records in batch.values())
    return time.monotonic()


async def measure_transport(
    settings: Settings, payloads: Sequence[bytes], messages: int, timeout: float = 120.0
) -> float:
    """Messages/s from the first send to the last record consumed, on a 1-partition Kafka topic.

    ``payloads`` are sent in turn until ``messages`` were sent.
    """
    topic = f"{settings.topic_prefix}.raw"
    await create_topic(settings, topic)
    consumer = AIOKafkaConsumer(
        bootstrap_servers=settings.bootstrap_servers,
        group_id=None,
        **settings.kafka_client_options(),
    )
    producer = new_producer(settings)
    await consumer.start()
    await producer.start()
    try:
        await assign_from_start(consumer, topic)
        reader = asyncio.create_task(_consume(consumer, messages))
        started = time.monotonic()
        pending = [
            await producer.send(topic, value=value)
            for value in itertools.islice(itertools.cycle(payloads), messages)
        ]
        await asyncio.gather(*pending)
        finished = await asyncio.wait_for(reader, timeout)
    finally:
        await producer.stop()
        await consumer.stop()
    return per_second(messages, finished - started)
