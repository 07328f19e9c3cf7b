"""The Faust app: Kafka topics, the claim ledger table and two thin agents.

    <prefix>.articles ──analyse──▶ <prefix>.claims ──ledger──▶ <prefix>.alerts, <prefix>.alerts.<news topic>
            └──────────────── anything unreadable or failing ──▶ <prefix>.deadletter

Agents receive, call the pure functions of :mod:`streams.analysis`, and send. Both run with
concurrency 1 (faust-streaming #606: with more, a commit can pass an unprocessed message).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, TypeVar

import faust
from faust.types import EventT, StreamT, TopicT

from streams.analysis import Analyzer, LedgerEntry, WatchConfig, decide
from streams.broker_watch import EXIT_BROKER_LOST, BrokerWatch
from streams.faust_transport import ClaimwatchApp
from streams.kafka_topics import KafkaTopics
from streams.messages import PoisonMessage, dead_letter, decode, encode
from streams.records import Alert, Article, ArticleAnalysis, Claim
from streams.settings import Settings
from streams.web import register_web

__all__ = ["Pipeline", "create_app"]

log = logging.getLogger(__name__)

LEDGER_TABLE = "claim-ledger"

T = TypeVar("T")

#: Parsed ledger entries kept in memory (the table keeps their JSON).
ENTRY_CACHE_SIZE = 50_000


@dataclass
class Pipeline:
    """The app and what its agents use, so tests and web views can reach them."""

    app: faust.App
    settings: Settings
    topics: KafkaTopics
    analyzer: Analyzer
    kafka_topics: dict[str, TopicT] = field(default_factory=dict)
    ledger: Any = None  # faust Table: claim key -> LedgerEntry JSON
    counters: dict[str, int] = field(default_factory=dict)
    _entries: dict[str, tuple[bytes, LedgerEntry]] = field(default_factory=dict, repr=False)

    def parsed_entry(self, key: str, stored: bytes | None) -> LedgerEntry | None:
        """The ledger entry stored under ``key``, parsed once: the parse is kept as long as the
        table holds the very bytes it came from (after a rebalance or recovery it does not)."""
        if stored is None:
            return None
        cached = self._entries.get(key)
        if cached is not None and cached[0] is stored:
            return cached[1]
        entry = LedgerEntry.model_validate_json(stored)
        self.remember_entry(key, stored, entry)
        return entry

    def remember_entry(self, key: str, stored: bytes, entry: LedgerEntry) -> None:
        if len(self._entries) >= ENTRY_CACHE_SIZE:
            self._entries.pop(next(iter(self._entries)))
        self._entries[key] = (stored, entry)

    def count(self, name: str, by: int = 1) -> None:
        self.counters[name] = self.counters.get(name, 0) + by

    async def send_dead_letter(self, event: EventT[Any], error: str | BaseException) -> None:
        message = event.message
        letter = dead_letter(
            source_topic=message.topic,
            partition=message.partition,
            offset=message.offset,
            key=message.key if isinstance(message.key, bytes) else None,
            value=message.value if isinstance(message.value, bytes) else None,
            error=error,
        )
        log.warning(
            "dead letter from %s[%s]@%s: %s",
            message.topic,
            message.partition,
            message.offset,
            letter.error,
        )
        self.count("deadletters")
        await self.kafka_topics["deadletter"].send(value=encode(letter))

    async def attempt(
        self, event: EventT[Any], stage: str, work: Callable[..., T], *args: Any
    ) -> T | None:
        """``work(*args)`` for one record; if it fails, the record goes to the dead-letter topic."""
        try:
            return work(*args)
        except PoisonMessage as exc:
            await self.send_dead_letter(event, str(exc))
        except Exception as exc:
            log.exception("%s failed on %s", stage, event.message.key)
            await self.send_dead_letter(event, exc)
        return None

    def alert_topic(self, news_topic: str) -> TopicT:
        name = self.topics.alerts_for(news_topic)
        topic = self.kafka_topics.get(name)
        if topic is None:  # a news topic added by config after start-up
            topic = self.kafka_topics[name] = _raw_topic(
                self.app, name, self.settings.claims_partitions
            )
        return topic


def _raw_topic(app: faust.App, name: str, partitions: int) -> TopicT:
    """A Kafka topic of raw bytes: records are (de)serialised by pydantic, not by Faust."""
    return app.topic(
        name,
        key_type=bytes,
        value_type=bytes,
        key_serializer="raw",
        value_serializer="raw",
        partitions=partitions,
    )


def faust_options(settings: Settings) -> dict[str, Any]:
    """Faust settings derived from ours (see the README for the reasons of each)."""
    options: dict[str, Any] = {
        "broker": [f"kafka://{host}" for host in settings.bootstrap_servers.split(",")],
        "store": "memory://",
        "processing_guarantee": "at_least_once",
        # Stop within seconds on SIGTERM even when an agent crashed with an unacked message.
        "stream_wait_empty": False,
        "broker_session_timeout": settings.session_timeout_s,
        "broker_heartbeat_interval": min(3.0, settings.session_timeout_s / 3),
        "broker_rebalance_timeout": max(settings.session_timeout_s, 10.0),
        "broker_commit_interval": 1.0,
        "consumer_auto_offset_reset": "earliest",
        "producer_acks": 1,
        "topic_replication_factor": settings.replication_factor,
        "topic_partitions": settings.claims_partitions,
        "web_host": settings.web_host,
        "web_port": settings.web_port,
        "web_enabled": True,
        "datadir": str(settings.data_dir / settings.app_id),
    }
    credentials = _credentials(settings)
    if credentials is not None:
        options["broker_credentials"] = credentials
    return options


def _credentials(settings: Settings) -> Any:
    client = settings.kafka_client_options()
    protocol = settings.security_protocol
    if protocol == "SSL":
        return faust.SSLCredentials(client["ssl_context"])
    if protocol.startswith("SASL"):
        return faust.SASLCredentials(
            username=client["sasl_plain_username"],
            password=client["sasl_plain_password"],
            mechanism=client["sasl_mechanism"],
            ssl_context=client.get("ssl_context"),
        )
    return None


def create_app(settings: Settings, watch: WatchConfig | None = None) -> Pipeline:
    """Build the Faust app for these settings (read once, at start-up)."""
    app = ClaimwatchApp(
        settings.app_id, fetch_max_wait_ms=settings.fetch_max_wait_ms, **faust_options(settings)
    )
    topics = KafkaTopics(settings.topic_prefix)
    analyzer = Analyzer(watch)
    pipeline = Pipeline(app=app, settings=settings, topics=topics, analyzer=analyzer)
    kafka_topics = pipeline.kafka_topics
    kafka_topics["articles"] = _raw_topic(app, topics.articles, settings.articles_partitions)
    kafka_topics["claims"] = _raw_topic(app, topics.claims, settings.claims_partitions)
    kafka_topics["alerts"] = _raw_topic(app, topics.alerts, settings.claims_partitions)
    kafka_topics["deadletter"] = _raw_topic(app, topics.deadletter, 1)
    for news_topic in analyzer.news_topics:
        name = topics.alerts_for(news_topic)
        kafka_topics[name] = _raw_topic(app, name, settings.claims_partitions)
    pipeline.ledger = app.Table(
        LEDGER_TABLE,
        key_type=str,
        value_type=bytes,
        partitions=settings.claims_partitions,
        help="The claim ledger: claim key -> history of that claim.",
    )

    @app.agent(kafka_topics["articles"], name="analyse", concurrency=1)
    async def analyse(stream: StreamT[bytes]) -> None:
        """Article → claims, keyed by claim key."""
        async for event in stream.events():
            analysis = await pipeline.attempt(event, "analysis", _analyse, analyzer, event.value)
            if analysis is None:
                continue
            pipeline.count("articles")
            for claim in analysis.claims:
                await kafka_topics["claims"].send(key=claim.key.encode(), value=encode(claim))

    @app.agent(kafka_topics["claims"], name="ledger", concurrency=1)
    async def ledger(stream: StreamT[bytes]) -> None:
        """Claim → the ledger's decision → alerts (idempotent: see ledger.decide)."""
        async for event in stream.events():
            offset = event.message.offset
            alerts = await pipeline.attempt(event, "ledger", _decide, pipeline, event.value, offset)
            for alert in alerts or ():
                await publish_alert(pipeline, alert)

    watch_topics = [topics.articles, topics.claims, topics.alerts]

    async def watch_broker() -> None:
        """Warn while the broker is away; stop loudly if it came back without our Kafka topics."""
        await BrokerWatch(settings, watch_topics, on_lost=_exit_broker_lost).run()

    app.task(watch_broker)

    @app.page("/api/stats")
    async def stats(view: Any, request: Any) -> Any:
        """This worker's counters: articles analysed, alerts by type, dead letters."""
        return view.json({"counters": pipeline.counters})

    register_web(pipeline)
    return pipeline


def _exit_broker_lost(missing: list[str]) -> None:
    logging.shutdown()
    os._exit(EXIT_BROKER_LOST)


def _analyse(analyzer: Analyzer, value: bytes | None) -> ArticleAnalysis:
    return analyzer.analyze(decode(value, Article))


def _decide(pipeline: Pipeline, value: bytes | None, offset: int) -> list[Alert]:
    claim = decode(value, Claim)
    stored = pipeline.ledger.get(claim.key)
    entry = pipeline.parsed_entry(claim.key, stored)
    decision = decide(entry, claim, offset=offset, now=datetime.now(UTC))
    if decision.entry is not entry:
        encoded = decision.entry.model_dump_json().encode()
        pipeline.ledger[claim.key] = encoded
        pipeline.remember_entry(claim.key, encoded, decision.entry)
    return decision.alerts


async def publish_alert(pipeline: Pipeline, alert: Alert) -> None:
    """Send one alert to ``<prefix>.alerts`` and to its news topic's Kafka topic."""
    key = alert.claim_key.encode()
    value = encode(alert)
    await pipeline.kafka_topics["alerts"].send(key=key, value=value)
    await pipeline.alert_topic(alert.topic).send(key=key, value=value)
    pipeline.count(f"alerts.{alert.type.value}")
