"""The Faust app: Kafka topics, the claim ledger table and two thin agents.

    <prefix>.articles ──analyse──▶ <prefix>.claims ──ledger──▶ <prefix>.alerts, <prefix>.alerts.<news topic>
            └──────────────── anything unreadable or failing ──▶ <prefix>.deadletter

Agents receive and hand over to :mod:`streams.steps`, which calls the pure functions of
:mod:`streams.analysis` and sends. Both run with concurrency 1 (faust-streaming #606: with
more, a commit can pass an unprocessed message).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import faust
from faust.streams import Stream
from faust.types import EventT, StreamT, TopicT

from streams.analysis import Analyzer, WatchConfig
from streams.broker_watch import EXIT_BROKER_LOST, BrokerWatch
from streams.faust_transport import ClaimwatchApp
from streams.kafka_topics import KafkaTopics
from streams.ledger_table import LedgerTable
from streams.messages import PoisonMessage, dead_letter, encode
from streams.settings import Settings
from streams.steps import DeliveryFailed, analyse_articles, record_claims
from streams.web import register_web

__all__ = ["EXIT_DELIVERY_FAILED", "Pipeline", "create_app"]

log = logging.getLogger(__name__)

LEDGER_TABLE = "claim-ledger"

T = TypeVar("T")

#: The analyse agent takes up to this many articles at once, waiting at most this long for
#: them; their claims then travel as one record per claims partition.
ARTICLE_BATCH = 100
ARTICLE_BATCH_WAIT_S = 0.01
#: Exit code of a worker that could not deliver alerts (nothing after them is committed).
EXIT_DELIVERY_FAILED = 4


@dataclass
class Pipeline:
    """The app and what its agents use, so tests and web views can reach them."""

    app: faust.App
    settings: Settings
    topics: KafkaTopics
    analyzer: Analyzer
    kafka_topics: dict[str, TopicT] = field(default_factory=dict)
    ledger: LedgerTable | None = None
    counters: dict[str, int] = field(default_factory=dict)

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
    table = app.Table(
        LEDGER_TABLE,
        key_type=str,
        value_type=bytes,
        partitions=settings.claims_partitions,
        help="The claim ledger: claim key -> history of that claim.",
    )
    pipeline.ledger = LedgerTable(table)

    @app.agent(kafka_topics["articles"], name="analyse", concurrency=1)
    async def analyse(stream: StreamT[bytes]) -> None:
        """Articles, a batch at a time → their claims, one record per claims partition."""
        assert isinstance(stream, Stream)  # StreamT does not declare take_events
        async for events in stream.take_events(ARTICLE_BATCH, within=ARTICLE_BATCH_WAIT_S):
            await analyse_articles(pipeline, events)

    @app.agent(kafka_topics["claims"], name="ledger", concurrency=1)
    async def ledger(stream: StreamT[bytes]) -> None:
        """A batch of claims → the ledger's decisions → alerts (see ledger.decide)."""
        async for event in stream.events():
            try:
                await record_claims(pipeline, event)
            except DeliveryFailed as exc:
                # Leave before this record's offset can be committed: a restart decides again.
                log.critical("%s; stopping the worker so that nothing is lost", exc)
                _hard_exit(EXIT_DELIVERY_FAILED)

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
    _hard_exit(EXIT_BROKER_LOST)


def _hard_exit(code: int) -> None:
    logging.shutdown()
    os._exit(code)
