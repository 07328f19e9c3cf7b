"""Prometheus metrics fed by Faust's sensor callbacks: articles, alerts, dead letters, timings."""

from __future__ import annotations

import json
import time
from types import SimpleNamespace

import pytest
from faust.types import TP
from prometheus_client.parser import text_string_to_metric_families

from streams.kafka_topics import KafkaTopics
from streams.metrics import PipelineMetrics

TOPICS = KafkaTopics("cw")


def _event(topic: str, *, age_s: float) -> tuple[TP, SimpleNamespace]:
    tp = TP(topic=topic, partition=0)
    event = SimpleNamespace(message=SimpleNamespace(timestamp=time.time() - age_s))
    return tp, event


def _process(metrics: PipelineMetrics, topic: str, age_s: float = 2.0) -> None:
    tp, event = _event(topic, age_s=age_s)
    metrics.on_stream_event_in(tp, 0, None, event)
    metrics.on_stream_event_out(tp, 0, None, event)


def _alert_value(type_: str, news_topic: str) -> bytes:
    return json.dumps({"type": type_, "topic": news_topic, "entity": "X"}).encode()


def test_articles_and_their_timings_are_counted_per_stage() -> None:
    metrics = PipelineMetrics(TOPICS)
    for _ in range(3):
        _process(metrics, TOPICS.articles, age_s=2.0)
    _process(metrics, TOPICS.claims, age_s=0.0)
    _process(metrics, "cw.something-else")
    sample = metrics.registry.get_sample_value
    assert sample("claimwatch_articles_total") == 3
    assert sample("claimwatch_processing_seconds_count", {"stage": "analyse"}) == 3
    assert sample("claimwatch_processing_seconds_count", {"stage": "ledger"}) == 1
    assert sample("claimwatch_latency_seconds_bucket", {"stage": "analyse", "le": "1.0"}) == 0
    assert sample("claimwatch_latency_seconds_bucket", {"stage": "analyse", "le": "2.5"}) == 3


def test_claims_taken_in_a_batch_are_timed_until_the_batch_is_acked() -> None:
    # Faust's take_events() acks a batch's events without the sensor state of each.
    metrics = PipelineMetrics(TOPICS)
    tp, event = _event(TOPICS.claims, age_s=0.0)
    for offset in range(3):
        metrics.on_stream_event_in(tp, offset, None, event)
    time.sleep(0.02)
    for offset in range(3):
        metrics.on_stream_event_out(tp, offset, None, event)
    sample = metrics.registry.get_sample_value
    assert sample("claimwatch_processing_seconds_count", {"stage": "ledger"}) == 3
    assert sample("claimwatch_processing_seconds_bucket", {"stage": "ledger", "le": "0.01"}) == 0
    assert metrics._arrived == {}


def test_alerts_are_counted_by_type_and_news_topic_and_dead_letters_apart() -> None:
    metrics = PipelineMetrics(TOPICS)
    send = metrics.on_send_initiated
    send(None, TOPICS.alerts, SimpleNamespace(value=_alert_value("new_claim", "ev")), 0, 0)
    send(None, TOPICS.alerts, SimpleNamespace(value=_alert_value("new_claim", "ev")), 0, 0)
    send(None, TOPICS.alerts, SimpleNamespace(value=_alert_value("timeline_changed", "ev")), 0, 0)
    # The same alert again on its news topic's Kafka topic is not a second alert.
    send(
        None, TOPICS.alerts_for("ev"), SimpleNamespace(value=_alert_value("new_claim", "ev")), 0, 0
    )
    send(None, TOPICS.deadletter, SimpleNamespace(value=b"{}"), 0, 0)
    sample = metrics.registry.get_sample_value
    assert sample("claimwatch_alerts_total", {"type": "new_claim", "news_topic": "ev"}) == 2
    assert sample("claimwatch_alerts_total", {"type": "timeline_changed", "news_topic": "ev"}) == 1
    assert sample("claimwatch_deadletters_total") == 1


def test_an_unreadable_alert_value_is_logged_not_raised(caplog: pytest.LogCaptureFixture) -> None:
    metrics = PipelineMetrics(TOPICS)
    metrics.count_alert(b"not json")
    assert "without type" in caplog.text


def test_lag_is_replaced_per_partition_and_rendered_in_prometheus_text() -> None:
    metrics = PipelineMetrics(TOPICS)
    metrics.set_lag({0: 5, 1: 0})
    metrics.set_lag({0: 2})
    families = {f.name: f for f in text_string_to_metric_families(metrics.render().decode())}
    lag = {s.labels["partition"]: s.value for s in families["claimwatch_consumer_lag"].samples}
    assert lag == {"0": 2}
    assert {"claimwatch_articles", "claimwatch_alerts", "claimwatch_deadletters"} <= set(families)


def test_each_worker_has_its_own_registry() -> None:
    first, second = PipelineMetrics(TOPICS), PipelineMetrics(TOPICS)
    _process(first, TOPICS.articles)
    assert second.registry.get_sample_value("claimwatch_articles_total") == 0
