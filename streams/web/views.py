"""The worker's web page and JSON API, as aiohttp handlers on Faust's web server.

GET /                      the page: live alerts, filters, timeline of the chosen company
GET /timeline/<entity>     the same page, opened on that company's timeline
GET /api/alerts            kept alerts, newest first (?topic= &entity= &type= &limit=)
GET /api/alerts/stream     server-sent events: kept alerts after Last-Event-ID, then live
GET /api/claims?entity=    the current state of each claim, from the alert history
GET /api/timeline/<entity> the company's dated claims, one lane per claim key
GET /metrics               Prometheus metrics
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator, Iterable
from pathlib import Path
from typing import Any

from aiohttp import web
from aiokafka.errors import KafkaError
from pydantic import BaseModel

from streams.metrics import CONTENT_TYPE, ConsumerLag, PipelineMetrics
from streams.settings import Settings
from streams.subscriber import AlertFilter
from streams.web.claims import claim_states, entity_timeline
from streams.web.feed import follow_alert_topic
from streams.web.store import AlertStore, StoredAlert

__all__ = ["STATIC_DIR", "WebViews"]

log = logging.getLogger(__name__)

STATIC_DIR = Path(__file__).resolve().parent / "static"

#: The page loads only its own script and style; feed text can never run as code.
PAGE_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
        "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}

HEARTBEAT_S = 15.0
MAX_LIMIT = 5_000


def _json(value: Any, status: int = 200) -> web.Response:
    return web.Response(
        text=json.dumps(value, ensure_ascii=False),
        status=status,
        content_type="application/json",
        headers={"X-Content-Type-Options": "nosniff"},
    )


def _dump(models: Iterable[BaseModel]) -> list[Any]:
    return [model.model_dump(mode="json") for model in models]


def _bad_request(message: str) -> web.HTTPBadRequest:
    return web.HTTPBadRequest(text=json.dumps({"error": message}), content_type="application/json")


def _filter(request: web.Request) -> AlertFilter:
    query = request.query
    try:
        return AlertFilter(
            news_topic=query.get("topic") or None,
            type=query.get("type") or None,
            entity=query.get("entity") or None,
        )
    except ValueError as exc:
        raise _bad_request(str(exc)) from None


def _sse(epoch: str, stored: StoredAlert) -> bytes:
    data = stored.alert.model_dump_json()
    return f"id: {epoch}.{stored.seq}\nevent: alert\ndata: {data}\n\n".encode()


def _resume_after(last_event_id: str, epoch: str) -> int:
    """The arrival number to resume after: 0 (everything) unless the id is from this store."""
    id_epoch, _, seq = last_event_id.partition(".")
    return int(seq) if id_epoch == epoch and seq.isdigit() else 0


class WebViews:
    """The handlers, over one alert store (and this worker's metrics, when it has them)."""

    def __init__(
        self,
        store: AlertStore,
        *,
        metrics: PipelineMetrics | None = None,
        lag: ConsumerLag | None = None,
    ) -> None:
        self.store = store
        self.metrics = metrics
        self.lag = lag
        self._closing = False

    def add_routes(self, app: web.Application) -> None:
        app.router.add_get("/", self.page)
        app.router.add_get("/timeline/{entity}", self.page)
        app.router.add_get("/api/alerts", self.alerts)
        app.router.add_get("/api/alerts/stream", self.stream)
        app.router.add_get("/api/claims", self.claims)
        app.router.add_get("/api/timeline/{entity}", self.timeline)
        app.router.add_static("/static/", STATIC_DIR, append_version=False)
        if self.metrics is not None:
            app.router.add_get("/metrics", self.prometheus)
        app.on_shutdown.append(self._on_shutdown)

    def follow(self, settings: Settings) -> Any:
        """An aiohttp cleanup context: read the alerts Kafka topic while the server runs."""

        async def context(app: web.Application) -> AsyncIterator[None]:
            task = asyncio.create_task(follow_alert_topic(settings, self.store))
            yield
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)
            if self.lag is not None:
                await self.lag.close()

        return context

    async def _on_shutdown(self, app: web.Application) -> None:
        self._closing = True
        self.store.close_listeners()

    async def page(self, request: web.Request) -> web.FileResponse:
        return web.FileResponse(STATIC_DIR / "index.html", headers=PAGE_HEADERS)

    async def alerts(self, request: web.Request) -> web.Response:
        wanted = _filter(request)
        try:
            limit = min(int(request.query.get("limit", "500")), MAX_LIMIT)
        except ValueError:
            raise _bad_request("limit must be a whole number") from None
        chosen = self.store.alerts(wanted)[: max(limit, 0)]
        return _json({"alerts": _dump(chosen), "total": len(self.store)})

    async def claims(self, request: web.Request) -> web.Response:
        entity = request.query.get("entity") or None
        history = (stored.alert for stored in self.store.history())
        return _json({"claims": _dump(claim_states(history, entity))})

    async def timeline(self, request: web.Request) -> web.Response:
        history = (stored.alert for stored in self.store.history())
        return _json(entity_timeline(history, request.match_info["entity"]).model_dump(mode="json"))

    async def stream(self, request: web.Request) -> web.StreamResponse:
        """Kept alerts after ``Last-Event-ID``, then each new one as it comes.

        Event ids are ``<store epoch>.<arrival number>``; an id from another store (a restarted
        worker) gets every kept alert again, and the page drops those it has by alert id.
        """
        after = _resume_after(request.headers.get("Last-Event-ID", ""), self.store.epoch)
        response = web.StreamResponse(
            headers={
                "Content-Type": "text/event-stream",
                "Cache-Control": "no-cache",
                "X-Accel-Buffering": "no",
            }
        )
        await response.prepare(request)
        try:
            async with self.store.listen() as listener:
                await response.write(b"retry: 2000\n\n")
                for stored in self.store.since(after):
                    await response.write(_sse(self.store.epoch, stored))
                    after = stored.seq
                while not self._closing:
                    if listener.overflowed and listener.queue.empty():
                        break  # the client reconnects and asks for what it missed
                    try:
                        item = await asyncio.wait_for(listener.queue.get(), HEARTBEAT_S)
                    except TimeoutError:
                        await response.write(b": keep-alive\n\n")
                        continue
                    if item is None:
                        break
                    if item.seq > after:
                        await response.write(_sse(self.store.epoch, item))
                        after = item.seq
        except ConnectionResetError:
            log.debug("web: an alert stream's client went away")
        return response

    async def prometheus(self, request: web.Request) -> web.Response:
        assert self.metrics is not None
        if self.lag is not None:
            try:
                self.metrics.set_lag(await asyncio.wait_for(self.lag.measure(), 5.0))
            except (KafkaError, OSError, TimeoutError) as exc:
                log.warning("metrics: consumer lag unavailable: %s", exc)
                self.metrics.set_lag({})
        return web.Response(body=self.metrics.render(), headers={"Content-Type": CONTENT_TYPE})
