"""The worker's web side: a page with live alerts and claim timelines, a JSON API, metrics.

:func:`register_web` mounts it on the Faust app's own aiohttp server (``web_port``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from faust.web.drivers.aiohttp import Web as AiohttpWeb

from streams.metrics import ConsumerLag, PipelineMetrics
from streams.web.claims import ClaimState, EntityTimeline, claim_states, entity_timeline
from streams.web.store import AlertStore
from streams.web.views import WebViews

if TYPE_CHECKING:
    from streams.app import Pipeline

__all__ = [
    "AlertStore",
    "ClaimState",
    "EntityTimeline",
    "WebViews",
    "claim_states",
    "entity_timeline",
    "register_web",
]


def register_web(pipeline: Pipeline) -> WebViews:
    """Add the page, the JSON API and ``/metrics`` to the worker's web server.

    The alert store is filled by its own reader of ``<prefix>.alerts`` while the server runs;
    the metrics are a Faust sensor of this app.
    """
    metrics = PipelineMetrics(pipeline.topics)
    pipeline.app.sensors.add(metrics)
    views = WebViews(AlertStore(), metrics=metrics, lag=ConsumerLag(pipeline.settings))
    server = pipeline.app.web
    if not isinstance(server, AiohttpWeb):
        raise TypeError(f"the web page needs Faust's aiohttp web driver, not {type(server)}")
    views.add_routes(server.web_app)
    server.web_app.cleanup_ctx.append(views.follow(pipeline.settings))
    return views
