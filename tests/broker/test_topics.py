"""Kafka topics are created explicitly, with their partitions, on the real embedded broker."""

from __future__ import annotations

import pytest
from aiokafka import AIOKafkaProducer

from streams.broker import BrokerError, EmbeddedBroker, find_broker_binary
from streams.kafka_topics import KafkaTopics, TopicSetupError, ensure_topics
from streams.settings import Settings
from tests.support import read_topic

pytestmark = pytest.mark.broker


async def test_ensure_topics_creates_every_topic_with_its_partitions(
    kafka_settings: Settings,
) -> None:
    created = await ensure_topics(kafka_settings, ["ev", "ipo"])
    topics = KafkaTopics(kafka_settings.topic_prefix)
    assert created == {
        topics.articles: 1,
        topics.claims: 4,
        topics.alerts: 4,
        topics.alerts_for("ev"): 4,
        topics.alerts_for("ipo"): 4,
        topics.deadletter: 1,
    }
    # A second start-up finds them and changes nothing.
    assert await ensure_topics(kafka_settings, ["ev", "ipo"]) == created


async def test_a_claims_topic_with_other_partitions_is_refused(kafka_settings: Settings) -> None:
    await ensure_topics(kafka_settings, [])
    other = kafka_settings.model_copy(update={"claims_partitions": 2})
    with pytest.raises(TopicSetupError, match="CLAIMWATCH_CLAIMS_PARTITIONS"):
        await ensure_topics(other, [])


async def test_an_unreachable_broker_is_reported_after_the_deadline() -> None:
    settings = Settings(broker="127.0.0.1:1")
    with pytest.raises(TopicSetupError, match="unreachable"):
        await ensure_topics(settings, [], deadline_s=1.0)


async def test_produce_and_read_back(kafka_settings: Settings) -> None:
    await ensure_topics(kafka_settings, [])
    topic = KafkaTopics(kafka_settings.topic_prefix).articles
    producer = AIOKafkaProducer(bootstrap_servers=kafka_settings.bootstrap_servers)
    await producer.start()
    try:
        for i in range(3):
            await producer.send_and_wait(topic, f"v{i}".encode())
    finally:
        await producer.stop()
    assert await read_topic(kafka_settings, topic, min_count=3, quiet=0.2) == [b"v0", b"v1", b"v2"]


def test_broker_binary_override_must_be_executable(
    monkeypatch: pytest.MonkeyPatch, tmp_path: object
) -> None:
    monkeypatch.setenv("CLAIMWATCH_BROKER_BIN", "/nonexistent/tansu")
    with pytest.raises(BrokerError, match="CLAIMWATCH_BROKER_BIN"):
        find_broker_binary()


def test_embedded_broker_starts_and_stops() -> None:
    with EmbeddedBroker() as embedded:
        assert embedded.running
    assert not embedded.running
