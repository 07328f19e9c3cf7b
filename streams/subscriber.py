"""``claimwatch alerts``: subscribe to the alert Kafka topics and print what arrives."""

from __future__ import annotations

import sys
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import TextIO

from aiokafka import AIOKafkaConsumer, TopicPartition
from rich.console import Console
from rich.markup import escape
from rich.text import Text

from streams.kafka_topics import KafkaTopics
from streams.messages import PoisonMessage, decode
from streams.producing import prepare_topics
from streams.records import Alert, AlertType
from streams.settings import Settings

__all__ = ["AlertFilter", "follow_alerts", "format_alert", "read_alerts"]


@dataclass(frozen=True)
class AlertFilter:
    news_topic: str | None = None
    type: str | None = None
    entity: str | None = None

    def __post_init__(self) -> None:
        if self.type is not None and self.type not in {t.value for t in AlertType}:
            choices = ", ".join(t.value for t in AlertType)
            raise ValueError(f"unknown alert type {self.type!r} (one of: {choices})")

    def matches(self, alert: Alert) -> bool:
        return (
            (self.news_topic is None or alert.topic == self.news_topic)
            and (self.type is None or alert.type.value == self.type)
            and (self.entity is None or alert.entity.casefold() == self.entity.casefold())
        )


async def read_alerts(
    settings: Settings,
    wanted: AlertFilter,
    *,
    from_beginning: bool,
    idle: float | None,
) -> AsyncIterator[Alert]:
    """Alerts as they arrive (the news topic's own Kafka topic when one is asked for)."""
    topics = KafkaTopics(settings.topic_prefix)
    name = topics.alerts_for(wanted.news_topic) if wanted.news_topic else topics.alerts
    await prepare_topics(settings)
    consumer = AIOKafkaConsumer(
        bootstrap_servers=settings.bootstrap_servers,
        group_id=None,
        enable_auto_commit=False,
        client_id=f"claimwatch-alerts-{uuid.uuid4().hex[:8]}",
        **settings.kafka_client_options(),
    )
    await consumer.start()
    try:
        partitions = consumer.partitions_for_topic(name) or set()
        assigned = [TopicPartition(name, p) for p in sorted(partitions)]
        consumer.assign(assigned)
        if from_beginning:
            await consumer.seek_to_beginning(*assigned)
        else:
            await consumer.seek_to_end(*assigned)
        while True:
            batch = await consumer.getmany(timeout_ms=int((idle or 3600) * 1000))
            if not batch:
                if idle is not None:
                    return
                continue
            for records in batch.values():
                for record in records:
                    try:
                        alert = decode(record.value, Alert)
                    except PoisonMessage as exc:
                        print(f"claimwatch: skipped unreadable alert: {exc}", file=sys.stderr)
                        continue
                    if wanted.matches(alert):
                        yield alert
    finally:
        await consumer.stop()


def format_alert(alert: Alert) -> Text:
    """A readable, escaped rendering: feed text never becomes terminal markup."""
    when = alert.time or "—"
    if alert.mod:
        when += f" ({alert.mod})"
    head = f"[bold]{escape(alert.type.value)}[/] [cyan]{escape(alert.topic)}[/] "
    head += f"{escape(alert.entity)} · {escape(alert.kind)}"
    if alert.object:
        head += f" · {escape(alert.object)}"
    if alert.previous_time:
        prev = alert.previous_time + (f" ({alert.previous_mod})" if alert.previous_mod else "")
        head += f"  [yellow]{escape(prev)} → {escape(when)}[/]"
    else:
        head += f"  {escape(when)}"
    if alert.value:
        value = f"{alert.previous_value} → {alert.value}" if alert.previous_value else alert.value
        head += f"  {escape(value)}"
    if alert.status and alert.type is AlertType.STATUS_CHANGED:
        head += f"  [yellow]{escape(alert.previous_status or '?')} → {escape(alert.status)}[/]"
    if alert.hedged:
        head += "  [magenta](hedged)[/]"
    lines = [head]
    for evidence in alert.evidence:
        lines.append(f"    [dim]{escape(evidence.lang)}[/] “{escape(evidence.sentence)}”")
    return Text.from_markup("\n".join(lines))


async def follow_alerts(
    settings: Settings,
    wanted: AlertFilter,
    *,
    as_json: bool,
    from_beginning: bool,
    idle: float | None,
    out: TextIO | None = None,
) -> int:
    """Print alerts (a readable listing or JSON lines) until interrupted or idle; the count."""
    stream = out or sys.stdout
    console = Console(file=stream, highlight=False, soft_wrap=True)
    count = 0
    async for alert in read_alerts(settings, wanted, from_beginning=from_beginning, idle=idle):
        count += 1
        if as_json:
            stream.write(alert.model_dump_json() + "\n")
            stream.flush()
        else:
            console.print(format_alert(alert))
    return count
