"""Replay: documents served as an Atom feed on loopback, read back like any feed, produced in order.

Replaying goes through the same fetch and parse path as live polling, so the demo exercises the
real connector, not a shortcut.
"""

from __future__ import annotations

import asyncio
import logging
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Self

from rich.console import Console
from rich.progress import Progress

from connectors.documents import FEED_SUFFIXES, load_articles, render_atom
from connectors.feeds import MAX_ITEMS, parse_feed
from connectors.fetch import FetchPolicy, fetch_feed, new_client
from connectors.sink import ArticleSink

__all__ = ["ReplayServer", "replay"]

log = logging.getLogger(__name__)

_FEED_PATH = "/feed.xml"


class _FeedServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, feed: bytes, content_type: str) -> None:
        super().__init__(("127.0.0.1", 0), _FeedHandler)
        self.feed = feed
        self.content_type = content_type


class _FeedHandler(BaseHTTPRequestHandler):
    server: _FeedServer

    def do_GET(self) -> None:
        if self.path != _FEED_PATH:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", self.server.content_type)
        self.send_header("Content-Length", str(len(self.server.feed)))
        self.end_headers()
        self.wfile.write(self.server.feed)

    def log_message(self, format: str, *args: object) -> None:
        log.debug("replay server: " + format, *args)


class ReplayServer:
    """Serves one feed document at ``.url`` on 127.0.0.1 (a free port) from a background thread.

    The server listens from ``__enter__`` to ``__exit__``.
    """

    def __init__(self, feed: bytes, *, content_type: str = "application/atom+xml") -> None:
        self._feed = feed
        self._content_type = content_type
        self._server: _FeedServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        if self._server is None:
            raise RuntimeError("ReplayServer has a URL only inside 'with'")
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}{_FEED_PATH}"

    def __enter__(self) -> Self:
        self._server = _FeedServer(self._feed, self._content_type)
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(0.05,), name="replay-server", daemon=True
        )
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._server is not None and self._thread is not None:
            self._server.shutdown()
            self._server.server_close()
            self._thread.join()
        self._server = self._thread = None


async def replay(source: Path, sink: ArticleSink, *, rate: float, progress: bool = True) -> int:
    """Replay ``source`` into ``sink`` at ``rate`` Articles/s (0: as fast as possible).

    ``source`` is a documents folder or JSONL (rendered as Atom) or an RSS/Atom file (served
    as it is). Returns how many Articles were produced.
    """
    if rate < 0:
        raise ValueError("rate must be 0 (as fast as possible) or positive")
    if source.is_file() and source.suffix.lower() in FEED_SUFFIXES:
        feed, max_items = source.read_bytes(), MAX_ITEMS
    else:
        articles = list(load_articles(source))
        feed = render_atom(articles, feed_id=source.resolve().as_uri(), title=source.name)
        max_items = max(1, len(articles))
    policy = FetchPolicy(allow_private_networks=True, max_bytes=max(1, len(feed)))
    with ReplayServer(feed) as server:
        async with new_client(policy) as client:
            result = await fetch_feed(client, server.url, policy=policy, validators=None)
    parsed = await asyncio.to_thread(
        parse_feed,
        result.body,
        source=str(source),
        fetched_at=result.fetched_at,
        content_type=result.content_type,
        max_items=max_items,
    )
    for warning in parsed.warnings:
        log.warning("replay %s: %s", source, warning)
    show = progress and sys.stderr.isatty()
    loop = asyncio.get_running_loop()
    started = loop.time()
    with Progress(console=Console(stderr=True), disable=not show, transient=True) as bar:
        task = bar.add_task(f"replay {source.name}", total=len(parsed.articles))
        for number, article in enumerate(parsed.articles):
            if rate > 0:
                await asyncio.sleep(max(0.0, started + number / rate - loop.time()))
            await sink.send(article)
            bar.advance(task)
    return len(parsed.articles)
