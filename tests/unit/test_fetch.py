"""fetch_feed and FeedPoller against httpx.MockTransport and real loopback servers."""

from __future__ import annotations

import asyncio
import gzip
import itertools
import logging
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from connectors import (
    AddressRefused,
    BodyTooLarge,
    CacheValidators,
    FeedPoller,
    FetchPolicy,
    FetchResult,
    FetchTimeout,
    HTTPStatusRefused,
    ListSink,
    NetworkError,
    RateLimited,
    TooManyRedirects,
    fetch_feed,
)

#: A public address: IP literals need no DNS, and the transport is mocked.
PUBLIC = "http://93.184.215.14"
POLICY = FetchPolicy(timeout_s=5.0, max_bytes=1_000_000)

Handler = Callable[[httpx.Request], httpx.Response]


def mock_client(handler: Handler) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.MockTransport(handler))


async def fetch(
    handler: Handler,
    url: str = f"{PUBLIC}/feed.xml",
    *,
    policy: FetchPolicy = POLICY,
    validators: CacheValidators | None = None,
) -> FetchResult:
    async with mock_client(handler) as client:
        return await fetch_feed(client, url, policy=policy, validators=validators)


async def test_ok_keeps_body_content_type_and_validators_as_received() -> None:
    headers = {
        "content-type": "application/rss+xml; charset=utf-8",
        "etag": 'W/"abc-123"',
        "last-modified": "Tue, 30 Mar 2021 09:00:00 GMT",
    }
    async with mock_client(lambda r: httpx.Response(200, headers=headers, content=b"<rss/>")) as c:
        result = await fetch_feed(c, f"{PUBLIC}/feed.xml", policy=POLICY, validators=None)
    assert result.body == b"<rss/>"
    assert result.content_type == "application/rss+xml; charset=utf-8"
    assert result.validators == CacheValidators('W/"abc-123"', "Tue, 30 Mar 2021 09:00:00 GMT")
    assert not result.not_modified


async def test_conditional_get_sends_validators_and_304_is_not_modified() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(304)

    sent = CacheValidators('"v1"', "Tue, 30 Mar 2021 09:00:00 GMT")
    async with mock_client(handler) as client:
        result = await fetch_feed(client, f"{PUBLIC}/f", policy=POLICY, validators=sent)
    assert seen[0].headers["if-none-match"] == '"v1"'
    assert seen[0].headers["if-modified-since"] == "Tue, 30 Mar 2021 09:00:00 GMT"
    assert result.not_modified
    assert result.body == b""
    assert result.validators == sent


async def test_no_conditional_headers_without_validators() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, content=b"x")

    await fetch(handler)
    assert "if-none-match" not in seen[0].headers
    assert "if-modified-since" not in seen[0].headers


@pytest.mark.parametrize("status", [429, 503])
async def test_retry_after_in_seconds(status: int) -> None:
    with pytest.raises(RateLimited) as caught:
        await fetch(lambda r: httpx.Response(status, headers={"retry-after": "120"}))
    assert caught.value.retry_after_s == 120
    assert caught.value.status == status


async def test_retry_after_as_http_date() -> None:
    later = datetime.now(UTC) + timedelta(seconds=90)
    header = {"retry-after": format_datetime(later, usegmt=True)}
    with pytest.raises(RateLimited) as caught:
        await fetch(lambda r: httpx.Response(429, headers=header))
    assert caught.value.retry_after_s is not None
    assert 80 <= caught.value.retry_after_s <= 91


async def test_rate_limited_without_retry_after() -> None:
    with pytest.raises(RateLimited) as caught:
        await fetch(lambda r: httpx.Response(503))
    assert caught.value.retry_after_s is None


async def test_error_status_is_typed_with_one_line_message() -> None:
    with pytest.raises(HTTPStatusRefused) as caught:
        await fetch(lambda r: httpx.Response(404))
    assert caught.value.status == 404
    assert "HTTP 404" in str(caught.value)
    assert "\n" not in str(caught.value)


async def test_gzip_bomb_is_refused() -> None:
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)  # gzip container
    zeros = bytes(1_000_000)
    bomb = b"".join(compressor.compress(zeros) for _ in range(50)) + compressor.flush()
    assert len(bomb) < 100_000  # 50 MB once decompressed

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"content-encoding": "gzip"}, content=bomb)

    with pytest.raises(BodyTooLarge):
        await fetch(handler)


async def test_small_gzip_body_is_decompressed() -> None:
    body = gzip.compress(b"<rss>ok</rss>")
    result = await fetch(
        lambda r: httpx.Response(200, headers={"content-encoding": "gzip"}, content=body)
    )
    assert result.body == b"<rss>ok</rss>"


async def test_declared_length_over_cap_is_refused_before_reading() -> None:
    policy = FetchPolicy(max_bytes=10)
    with pytest.raises(BodyTooLarge, match="Content-Length"):
        await fetch(lambda r: httpx.Response(200, content=b"x" * 11), policy=policy)


async def test_redirects_are_followed_and_relative_locations_resolved() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/old":
            return httpx.Response(301, headers={"location": "/new"})
        return httpx.Response(200, content=request.url.path.encode())

    result = await fetch(handler, f"{PUBLIC}/old")
    assert result.body == b"/new"
    assert result.url == f"{PUBLIC}/new"


async def test_redirect_cap() -> None:
    hops: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        hops.append(str(request.url))
        return httpx.Response(302, headers={"location": f"/hop{len(hops)}"})

    with pytest.raises(TooManyRedirects):
        await fetch(handler, policy=FetchPolicy(max_redirects=3))
    assert len(hops) == 4  # the first request and three redirects


@pytest.mark.parametrize(
    "location",
    [
        "http://169.254.169.254/latest/meta-data/",
        "http://[fd00:ec2::254]/latest/meta-data/",
        "http://127.0.0.1:8080/admin",
        "file:///etc/passwd",
    ],
)
async def test_every_redirect_hop_is_checked_again(location: str) -> None:
    hosts: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        hosts.append(request.url.host)
        return httpx.Response(302, headers={"location": location})

    with pytest.raises(AddressRefused):
        await fetch(handler)
    assert hosts == ["93.184.215.14"]  # the refused hop was never requested


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://93.184.215.14/feed", "gopher://x/", "not a url", "http://"]
)
async def test_only_http_and_https(url: str) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise AssertionError("no request may be sent")

    with pytest.raises(AddressRefused):
        await fetch(handler, url)


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/feed",
        "http://localhost/feed",  # resolved, then refused
        "http://10.1.2.3/feed",
        "http://192.168.0.1/feed",
        "http://[::1]/feed",
        "http://100.64.0.1/feed",
    ],
)
async def test_private_addresses_refused_unless_allowed(url: str) -> None:
    ok = lambda r: httpx.Response(200, content=b"ok")  # noqa: E731
    with pytest.raises(AddressRefused, match="private or loopback"):
        await fetch(ok, url)
    allowed = FetchPolicy(allow_private_networks=True)
    assert (await fetch(ok, url, policy=allowed)).body == b"ok"


@pytest.mark.parametrize(
    "url",
    [
        "http://169.254.169.254/latest/meta-data/",
        "http://169.254.1.1/",
        "http://[fe80::1]/",
        "http://[::ffff:169.254.169.254]/",
        "http://100.100.100.200/",
        "http://[fd00:ec2::254]/",
    ],
)
async def test_link_local_and_metadata_always_refused(url: str) -> None:
    allowed = FetchPolicy(allow_private_networks=True)
    with pytest.raises(AddressRefused):
        await fetch(lambda r: httpx.Response(200), url, policy=allowed)


async def test_connection_goes_to_the_checked_address_with_the_original_host() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200)

    allowed = FetchPolicy(allow_private_networks=True)
    await fetch(handler, "http://localhost:8080/feed", policy=allowed)
    await fetch(handler, "https://localhost/feed", policy=allowed)
    plain, tls = seen
    assert plain.url.host in ("127.0.0.1", "::1")
    assert plain.headers["host"] == "localhost:8080"
    assert "sni_hostname" not in plain.extensions
    assert tls.url.host in ("127.0.0.1", "::1")
    assert tls.headers["host"] == "localhost"
    assert tls.extensions["sni_hostname"] == "localhost"  # certificate checked for the name
    assert tls.headers["connection"] == "close"


async def test_transport_failure_is_a_network_error() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused")

    with pytest.raises(NetworkError, match="connection refused"):
        await fetch(handler)


class _DripHandler(BaseHTTPRequestHandler):
    """Sends headers, then one byte every 50 ms until the client goes or the test ends."""

    stop = threading.Event()

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.end_headers()
        try:
            while not self.stop.wait(0.05):
                self.wfile.write(b" ")
                self.wfile.flush()
        except OSError:
            pass

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def drip_server() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _DripHandler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, args=(0.05,))
    thread.start()
    _DripHandler.stop.clear()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/feed"
    finally:
        _DripHandler.stop.set()
        server.shutdown()
        server.server_close()
        thread.join()


async def test_slow_drip_is_cut_off_at_the_overall_deadline(drip_server: str) -> None:
    policy = FetchPolicy(timeout_s=0.5, allow_private_networks=True)
    started = time.monotonic()
    async with httpx.AsyncClient() as client:
        with pytest.raises(FetchTimeout, match=r"0\.5 s"):
            await fetch_feed(client, drip_server, policy=policy, validators=None)
    assert 0.45 <= time.monotonic() - started < 1.5


# FeedPoller ---------------------------------------------------------------------------------


def rss(*guids: str) -> bytes:
    items = "".join(
        f"<item><guid>{g}</guid><title>Title {g}</title><description>Text {g}</description></item>"
        for g in guids
    )
    return f'<rss version="2.0"><channel><title>t</title>{items}</channel></rss>'.encode()


async def test_one_bad_feed_does_not_stop_the_others(caplog: pytest.LogCaptureFixture) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/broken":
            return httpx.Response(500)
        return httpx.Response(200, content=rss("a", "b"))

    sink = ListSink()
    urls = [f"{PUBLIC}/broken", f"{PUBLIC}/good"]
    async with mock_client(handler) as client:
        with caplog.at_level(logging.WARNING, logger="connectors.poller"):
            await FeedPoller(urls, client=client).run(sink, once=True)
    assert [a.article_id for a in sink.articles] == ["a", "b"]
    [line] = [record.getMessage() for record in caplog.records]
    assert line.startswith(f"{PUBLIC}/broken: HTTP 500; next try in ")


async def test_repoll_produces_only_new_articles_and_uses_validators() -> None:
    pages = iter([rss("a", "b"), rss("c", "a", "b")])
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.headers.get("if-none-match") == '"v2"':
            return httpx.Response(304)
        etag = f'"v{len(seen)}"'
        return httpx.Response(200, headers={"etag": etag}, content=next(pages))

    sink = ListSink()
    async with mock_client(handler) as client:
        poller = FeedPoller([f"{PUBLIC}/feed"], client=client)
        for _ in range(3):
            await poller.run(sink, once=True)
    assert [a.article_id for a in sink.articles] == ["a", "b", "c"]
    assert [r.headers.get("if-none-match") for r in seen] == [None, '"v1"', '"v2"']


async def _request_times(handler: Handler, count: int, interval: float) -> list[float]:
    """Run a poller until the server has seen ``count`` requests; their monotonic times."""
    times: list[float] = []
    done = asyncio.Event()

    def timed(request: httpx.Request) -> httpx.Response:
        times.append(time.monotonic())
        if len(times) >= count:
            done.set()
        return handler(request)

    async with mock_client(timed) as client:
        poller = FeedPoller([f"{PUBLIC}/feed"], interval=interval, client=client)
        task = asyncio.create_task(poller.run(ListSink()))
        await asyncio.wait_for(done.wait(), timeout=5)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
    return times


async def test_errors_back_off_exponentially() -> None:
    times = await _request_times(lambda r: httpx.Response(500), count=5, interval=0.02)
    gaps = [b - a for a, b in itertools.pairwise(times)]
    for failures, gap in enumerate(gaps, start=1):
        assert 0.02 * 2**failures * 0.5 <= gap <= 0.02 * 2**failures + 0.05


async def test_retry_after_is_honoured() -> None:
    responses = iter([httpx.Response(429, headers={"retry-after": "1"})])
    times = await _request_times(
        lambda r: next(responses, httpx.Response(200, content=rss("a"))), count=2, interval=0.01
    )
    assert times[1] - times[0] >= 0.95
