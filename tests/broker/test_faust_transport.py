"""The worker consumer's seek to committed offsets leaves no record behind (real broker)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any, cast

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition

from streams.faust_transport import _seek_to_committed
from streams.kafka_topics import KafkaTopics, ensure_topics
from streams.settings import Settings

pytestmark = pytest.mark.broker


async def _offsets_read(consumer: AIOKafkaConsumer) -> list[int]:
    batch = await consumer.getmany(timeout_ms=3_000)
    return [record.offset for records in batch.values() for record in records]


async def test_a_partition_without_a_committed_offset_goes_back_to_its_first_record(
    kafka_settings: Settings,
) -> None:
    """After a rebalance Faust may have fetched and dropped records of a partition nobody
    committed yet; aiokafka's seek_to_committed leaves such a partition past them. Ours
    reads them again; a partition with a committed offset goes back to that offset."""
    await ensure_topics(kafka_settings, [])
    topic = KafkaTopics(kafka_settings.topic_prefix).claims
    producer = AIOKafkaProducer(bootstrap_servers=kafka_settings.bootstrap_servers)
    await producer.start()
    try:
        for partition in (0, 1):
            for n in range(3):
                await producer.send_and_wait(
                    topic, f"{partition}-{n}".encode(), partition=partition
                )
    finally:
        await producer.stop()
    consumer = AIOKafkaConsumer(
        bootstrap_servers=kafka_settings.bootstrap_servers,
        group_id=kafka_settings.app_id,
        enable_auto_commit=False,
        auto_offset_reset="earliest",
    )
    await consumer.start()
    try:
        partitions = [TopicPartition(topic, 0), TopicPartition(topic, 1)]
        consumer.assign(partitions)
        await consumer.commit({partitions[1]: 2})
        read = await _offsets_read(consumer)
        while len(read) < 4:  # partition 0 from 0, partition 1 from its committed 2
            read += await _offsets_read(consumer)
        assert sorted(read) == [0, 1, 2, 2]

        thread = SimpleNamespace(_ensure_consumer=lambda: consumer)
        committed = await _seek_to_committed(cast(Any, thread))

        assert committed == {partitions[0]: None, partitions[1]: 2}
        assert await consumer.position(partitions[0]) == 0
        assert await consumer.position(partitions[1]) == 2
    finally:
        await consumer.stop()
