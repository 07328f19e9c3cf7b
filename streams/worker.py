"""Run the Faust worker: create the Kafka topics, start the agents, stop within seconds on SIGTERM."""

from __future__ import annotations

import asyncio
import logging
import os
import threading
from typing import Any, NoReturn

import faust

from streams.analysis import WatchConfig
from streams.app import Pipeline, create_app
from streams.kafka_topics import ensure_topics
from streams.logs import logging_config
from streams.settings import Settings

__all__ = ["StoppableWorker", "run_worker"]

log = logging.getLogger(__name__)


class StoppableWorker(faust.Worker):
    """A Faust worker that is ended ``shutdown_timeout_s`` after SIGTERM/SIGINT, whatever its state.

    Faust's own shutdown can wait forever on an unacknowledged message after an agent crashed;
    ``stream_wait_empty=False`` avoids the usual case, this watchdog the rest.
    """

    def __init__(self, *args: Any, shutdown_timeout_s: float, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._shutdown_timeout_s = shutdown_timeout_s
        self._watchdog: threading.Timer | None = None

    def _arm_watchdog(self) -> None:
        if self._watchdog is None:
            self._watchdog = threading.Timer(self._shutdown_timeout_s, self._hard_exit)
            self._watchdog.daemon = True
            self._watchdog.start()

    def _hard_exit(self) -> None:
        log.error("worker did not stop within %.0f s; exiting now", self._shutdown_timeout_s)
        logging.shutdown()
        os._exit(1)

    def _on_sigterm(self) -> None:
        self._arm_watchdog()
        super()._on_sigterm()

    def _on_sigint(self) -> None:
        self._arm_watchdog()
        super()._on_sigint()


def run_worker(settings: Settings, watch: WatchConfig | None = None) -> NoReturn:
    """Create the Kafka topics, then run the worker until it is stopped."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    pipeline: Pipeline = create_app(settings, watch)
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    loop.run_until_complete(ensure_topics(settings, pipeline.analyzer.news_topics))
    worker = StoppableWorker(
        pipeline.app,
        loop=loop,
        loglevel=settings.log_level,
        logging_config=logging_config(settings),
        quiet=settings.log_format == "json",
        shutdown_timeout_s=settings.shutdown_timeout_s,
    )
    worker.execute_from_commandline()
