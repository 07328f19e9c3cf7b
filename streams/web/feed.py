"""Fill an :class:`AlertStore` from every partition of ``<prefix>.alerts``, from the beginning.

A plain consumer without a consumer group (:func:`streams.subscriber.read_alerts`): each
worker reads all alerts, whichever ledger partitions it owns, so its page is complete.
"""

from __future__ import annotations

import asyncio
import logging
import random

from aiokafka.errors import KafkaError

from streams.kafka_topics import TopicSetupError
from streams.settings import Settings
from streams.subscriber import AlertFilter, read_alerts
from streams.web.store import AlertStore

__all__ = ["follow_alert_topic"]

log = logging.getLogger(__name__)


async def follow_alert_topic(settings: Settings, store: AlertStore) -> None:
    """Add every alert to ``store`` until cancelled; reconnects with backoff when Kafka fails.

    After a reconnect the Kafka topic is read again from the beginning; the store drops the
    alerts it already has.
    """
    delay = 0.5
    while True:
        try:
            async for alert in read_alerts(settings, AlertFilter(), from_beginning=True, idle=None):
                store.add(alert)
                delay = 0.5
        except (KafkaError, OSError, TopicSetupError) as exc:
            log.warning("web: alert reader failed (%s); retrying in %.1f s", exc, delay)
            await asyncio.sleep(delay)
            delay = min(delay * 2, 30.0) * random.uniform(0.8, 1.2)
