"""Where connectors put Articles: a Kafka topic, or a list in memory."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Mapping
from types import TracebackType
from typing import Protocol, Self

from aiokafka import AIOKafkaProducer
from aiokafka.errors import KafkaConnectionError, KafkaError, KafkaTimeoutError

from connectors.text import one_line
from streams.records import Article

__all__ = ["ArticleSink", "KafkaArticleSink", "ListSink"]

#: Non-retriable refusals of one send tolerated (each with a fresh producer) before giving up.
MAX_REFUSALS = 5

log = logging.getLogger(__name__)


class ArticleSink(Protocol):
    """Takes Articles one at a time, in order."""

    async def send(self, article: Article) -> None: ...


class ListSink:
    """Keeps the Articles it is sent, in order (tests, backtest)."""

    def __init__(self) -> None:
        self.articles: list[Article] = []

    async def send(self, article: Article) -> None:
        self.articles.append(article)


class KafkaArticleSink:
    """Produces Articles to a Kafka topic: value = the Article's JSON, key = its article_id.

    ``acks=1`` and no idempotence (the embedded broker refuses idempotent producers). While the
    broker is away, starting and sending are retried with exponential backoff, one log line per
    attempt; a retried send may reach the Kafka topic twice (article ids make that harmless).
    Use as ``async with KafkaArticleSink(...) as sink``. The Kafka topic must already exist.
    """

    def __init__(
        self,
        bootstrap_servers: str,
        topic: str,
        *,
        security: Mapping[str, object] | None = None,
        max_backoff_s: float = 30.0,
    ) -> None:
        self.bootstrap_servers = bootstrap_servers
        self.topic = topic
        self.max_backoff_s = max_backoff_s
        self._security = dict(security or {})
        self._producer: AIOKafkaProducer | None = None
        self._entered = False

    async def __aenter__(self) -> Self:
        self._entered = True
        await self._retrying("connect", self._start)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._entered = False
        if self._producer is not None:
            await self._producer.stop()
            self._producer = None

    async def send(self, article: Article) -> None:
        """Produce one Article and wait for the broker's acknowledgement."""
        value = article.model_dump_json().encode()
        key = article.article_id.encode()
        await self._retrying(f"send {article.article_id!r}", lambda: self._send_once(key, value))

    async def _start(self) -> None:
        producer = AIOKafkaProducer(
            bootstrap_servers=self.bootstrap_servers,
            acks=1,
            enable_idempotence=False,
            **self._security,
        )
        try:
            await producer.start()
        except BaseException:
            await producer.stop()
            raise
        self._producer = producer

    async def _restart(self) -> None:
        if self._producer is not None:
            await self._producer.stop()
            self._producer = None
        with contextlib.suppress(KafkaError, OSError):
            await self._start()

    async def _send_once(self, key: bytes, value: bytes) -> None:
        if not self._entered:
            raise RuntimeError("KafkaArticleSink used outside 'async with'")
        if self._producer is None:
            await self._start()  # after a failed restart; raises while the broker is away
        assert self._producer is not None
        await self._producer.send_and_wait(self.topic, value=value, key=key)

    async def _retrying(self, what: str, attempt: Callable[[], Awaitable[None]]) -> None:
        delay = 0.5
        refusals = 0
        while True:
            try:
                await attempt()
                return
            except (KafkaConnectionError, KafkaTimeoutError) as exc:
                problem = one_line(exc)
            except KafkaError as exc:
                # A broker that came back (possibly empty) can refuse sends made with stale
                # metadata: start a fresh producer and try again, a few times.
                refusals += 1
                if not exc.retriable and (refusals > MAX_REFUSALS or self._producer is None):
                    raise
                problem = one_line(exc)
                await self._restart()
            log.warning(
                "Kafka at %s: cannot %s (%s); retrying in %.1f s",
                self.bootstrap_servers,
                what,
                problem,
                delay,
            )
            await asyncio.sleep(delay)
            delay = min(self.max_backoff_s, delay * 2)
