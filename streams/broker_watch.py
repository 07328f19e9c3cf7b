"""Watch the broker from inside the worker: say clearly when it is away, stop when it lost our data.

A broker that comes back empty (the embedded broker keeps everything in memory) has lost the Kafka
topics, the committed offsets and the ledger's changelog. Waiting on it would hang forever; going on
would let producers auto-create Kafka topics with wrong partition counts. The worker stops loudly
instead (exit code :data:`EXIT_BROKER_LOST`); a restarted worker creates the Kafka topics again.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Iterable

from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.errors import KafkaError

from streams.settings import Settings

__all__ = ["EXIT_BROKER_LOST", "BrokerWatch"]

log = logging.getLogger(__name__)

EXIT_BROKER_LOST = 3


class BrokerWatch:
    """Every ``interval`` seconds: is the broker reachable, does it still have our Kafka topics?"""

    def __init__(
        self,
        settings: Settings,
        topics: Iterable[str],
        on_lost: Callable[[list[str]], None],
        *,
        interval: float = 3.0,
    ) -> None:
        self.settings = settings
        self.topics = sorted(topics)
        self.on_lost = on_lost
        self.interval = interval
        self._away_since: float | None = None

    async def check_once(self) -> list[str] | None:
        """The missing Kafka topics ([] when all are there), or None when the broker is away."""
        admin = AIOKafkaAdminClient(
            bootstrap_servers=self.settings.bootstrap_servers,
            request_timeout_ms=5_000,
            **self.settings.kafka_client_options(),
        )
        try:
            await admin.start()
            existing = set(await admin.list_topics())
        except (KafkaError, OSError):
            return None
        finally:
            await admin.close()
        return [name for name in self.topics if name not in existing]

    async def run(self) -> None:
        while True:
            await asyncio.sleep(self.interval)
            missing = await self.check_once()
            now = time.monotonic()
            if missing is None:
                if self._away_since is None:
                    self._away_since = now
                log.warning(
                    "broker %s unreachable for %.0f s; Kafka clients keep retrying",
                    self.settings.bootstrap_servers,
                    now - self._away_since,
                )
                continue
            if self._away_since is not None:
                log.warning(
                    "broker %s is back after %.0f s",
                    self.settings.bootstrap_servers,
                    now - self._away_since,
                )
                self._away_since = None
            if missing:
                log.critical(
                    "broker %s lost claimwatch's Kafka topics %s (restarted with memory "
                    "storage?): its offsets and the ledger changelog are gone; stopping — "
                    "restart the worker to create the Kafka topics again",
                    self.settings.bootstrap_servers,
                    ", ".join(missing),
                )
                self.on_lost(missing)
                return
