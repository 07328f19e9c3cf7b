"""Prometheus metrics of one worker (``GET /metrics``).

Counts and timings come from Faust's sensor callbacks, so the agents stay free of metric code;
consumer lag is asked from Kafka at scrape time (end offset − the worker group's committed
offset, per partition of the articles Kafka topic), so every worker reports the whole group.
"""

from __future__ import annotations

import json
import logging
import time
from typing import Any

from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient
from faust.sensors.base import Sensor
from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest

from streams.kafka_topics import KafkaTopics
from streams.settings import Settings

__all__ = ["CONTENT_TYPE", "ConsumerLag", "PipelineMetrics"]

log = logging.getLogger(__name__)

#: The Prometheus text exposition format.
CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"

#: Records in processing at once, at most; beyond, the start times are dropped (a crashed agent).
_MAX_IN_FLIGHT = 100_000

_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 300.0)


class PipelineMetrics(Sensor):
    """This worker's articles, alerts, dead letters and timings, as Prometheus metrics."""

    def __init__(self, topics: KafkaTopics, registry: CollectorRegistry | None = None) -> None:
        super().__init__()
        self.topics = topics
        self.registry = registry or CollectorRegistry()
        self._stages = {topics.articles: "analyse", topics.claims: "ledger"}
        self._arrived: dict[tuple[Any, int], float] = {}
        self.articles = Counter(
            "claimwatch_articles",
            "Articles read by this worker's analysis agent (dead-lettered ones included).",
            registry=self.registry,
        )
        self.alerts = Counter(
            "claimwatch_alerts",
            "Alerts this worker produced, by alert type and news topic.",
            ["type", "news_topic"],
            registry=self.registry,
        )
        self.deadletters = Counter(
            "claimwatch_deadletters",
            "Records this worker sent to the dead-letter Kafka topic.",
            registry=self.registry,
        )
        self.processing = Histogram(
            "claimwatch_processing_seconds",
            "Time from a record's arrival in an agent until it was done: stage analyse = one "
            "article (its batch analysed, the claims sent), ledger = one batch of claims "
            "(decided, alerts delivered, entries stored).",
            ["stage"],
            buckets=_BUCKETS,
            registry=self.registry,
        )
        self.latency = Histogram(
            "claimwatch_latency_seconds",
            "From a record's Kafka timestamp to the end of its processing: stage analyse = "
            "article published → its claims sent; ledger = claim sent → its alerts sent.",
            ["stage"],
            buckets=_BUCKETS,
            registry=self.registry,
        )
        self.lag = Gauge(
            "claimwatch_consumer_lag",
            "Articles not yet committed by the worker group, per partition of the articles "
            "Kafka topic.",
            ["partition"],
            registry=self.registry,
        )

    def on_stream_event_in(self, tp: Any, offset: int, stream: Any, event: Any) -> None:
        # Kept here, not returned as sensor state: a stream that takes events in batches
        # acks them without it.
        if len(self._arrived) >= _MAX_IN_FLIGHT:
            self._arrived.clear()
        self._arrived[(tp, offset)] = time.monotonic()

    def on_stream_event_out(
        self, tp: Any, offset: int, stream: Any, event: Any, state: dict[str, Any] | None = None
    ) -> None:
        started = self._arrived.pop((tp, offset), None)
        stage = self._stages.get(tp.topic)
        if stage is None:
            return
        if stage == "analyse":
            self.articles.inc()
        if started is not None:
            self.processing.labels(stage).observe(time.monotonic() - started)
        stamp = getattr(event.message, "timestamp", None)
        if stamp:
            self.latency.labels(stage).observe(max(0.0, time.time() - stamp))

    def on_send_initiated(
        self, producer: Any, topic: str, message: Any, keysize: int, valsize: int
    ) -> None:
        if topic == self.topics.deadletter:
            self.deadletters.inc()
        elif topic == self.topics.alerts:
            self.count_alert(message.value)

    def count_alert(self, value: bytes) -> None:
        """Count one alert from its Kafka value (an Alert as JSON)."""
        try:
            fields = json.loads(value)
            self.alerts.labels(fields["type"], fields["topic"]).inc()
        except (ValueError, TypeError, KeyError):
            log.warning("metrics: an alert without type or news topic was sent")

    def set_lag(self, lag: dict[int, int]) -> None:
        """Replace the consumer lag gauges with these values (partition → records behind)."""
        self.lag.clear()
        for partition, behind in lag.items():
            self.lag.labels(str(partition)).set(behind)

    def render(self) -> bytes:
        """The metrics in Prometheus text format."""
        return generate_latest(self.registry)


class ConsumerLag:
    """Asks Kafka how far the worker group is behind on the articles Kafka topic."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.topic = KafkaTopics(settings.topic_prefix).articles
        self._consumer: AIOKafkaConsumer | None = None
        self._admin: AIOKafkaAdminClient | None = None

    async def _clients(self) -> tuple[AIOKafkaConsumer, AIOKafkaAdminClient]:
        if self._consumer is None or self._admin is None:
            options = self.settings.kafka_client_options()
            consumer = AIOKafkaConsumer(
                bootstrap_servers=self.settings.bootstrap_servers, group_id=None, **options
            )
            admin = AIOKafkaAdminClient(
                bootstrap_servers=self.settings.bootstrap_servers,
                request_timeout_ms=5_000,
                **options,
            )
            await consumer.start()
            try:
                await admin.start()
            except Exception:
                await consumer.stop()
                raise
            self._consumer, self._admin = consumer, admin
        return self._consumer, self._admin

    async def measure(self) -> dict[int, int]:
        """Lag per partition: end offset − committed offset (− first offset when none)."""
        consumer, admin = await self._clients()
        partitions = consumer.partitions_for_topic(self.topic)
        if not partitions:  # created after this consumer read the cluster's metadata
            await consumer.force_metadata_update()
            partitions = consumer.partitions_for_topic(self.topic) or set()
        tps = [TopicPartition(self.topic, p) for p in sorted(partitions)]
        if not tps:
            return {}
        ends = await consumer.end_offsets(tps)
        firsts = await consumer.beginning_offsets(tps)
        committed = await admin.list_consumer_group_offsets(self.settings.app_id, partitions=tps)
        lag = {}
        for tp in tps:
            done = committed[tp].offset if tp in committed else -1
            lag[tp.partition] = max(0, ends[tp] - (done if done >= 0 else firsts[tp]))
        return lag

    async def close(self) -> None:
        consumer, admin = self._consumer, self._admin
        self._consumer = self._admin = None
        if consumer is not None:
            await consumer.stop()
        if admin is not None:
            await admin.close()
