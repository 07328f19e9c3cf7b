"""Safe HTTP fetching of feeds: one deadline, a size cap, no surprise destinations.

Feeds come from addresses we do not control, so every fetch is bounded: an overall deadline
(a server dripping one byte a second is cut off too), a cap on the decompressed body (gzip
bombs), http/https only, redirects followed by hand with every hop checked again, and the
host resolved once, checked, then connected to by address (no DNS rebinding between the
check and the connection).
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

import httpx

from connectors.text import one_line

__all__ = [
    "AddressRefused",
    "BodyTooLarge",
    "CacheValidators",
    "FetchError",
    "FetchPolicy",
    "FetchResult",
    "FetchTimeout",
    "HTTPStatusRefused",
    "NetworkError",
    "RateLimited",
    "TooManyRedirects",
    "fetch_feed",
    "new_client",
]

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_RATE_LIMIT_STATUSES = frozenset({429, 503})
#: Cloud instance-metadata endpoints (AWS/GCP/Azure/OpenStack, AWS IPv6, Alibaba, Oracle).
_METADATA_ADDRESSES = frozenset(
    ipaddress.ip_address(a)
    for a in ("169.254.169.254", "fd00:ec2::254", "100.100.100.200", "192.0.0.192")
)
_SHARED_ADDRESS_SPACE = ipaddress.ip_network("100.64.0.0/10")


@dataclass(frozen=True)
class FetchPolicy:
    """Limits that every fetch obeys."""

    timeout_s: float = 20.0
    max_bytes: int = 10_000_000
    max_redirects: int = 5
    allow_private_networks: bool = False
    user_agent: str = "claimwatch/0.1 (+feed connector)"


@dataclass(frozen=True)
class CacheValidators:
    """A response's ETag and Last-Modified, exactly as the server sent them."""

    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True)
class FetchResult:
    """What one fetch brought back; ``not_modified`` means a 304 (empty body)."""

    url: str
    status: int
    body: bytes
    content_type: str | None
    validators: CacheValidators
    fetched_at: datetime
    not_modified: bool = False


class FetchError(Exception):
    """A feed could not be fetched; the message is one line naming the URL."""


class AddressRefused(FetchError):
    """The URL's scheme or the address its host resolves to is not allowed."""


class FetchTimeout(FetchError):
    """The whole fetch did not finish within the deadline."""


class BodyTooLarge(FetchError):
    """The decompressed body grew past the cap."""


class TooManyRedirects(FetchError):
    """More redirects than the policy allows."""


class NetworkError(FetchError):
    """The connection failed (DNS, refused, reset, TLS...)."""


class HTTPStatusRefused(FetchError):
    """The server answered with a status that carries no feed."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


class RateLimited(HTTPStatusRefused):
    """429 or 503; ``retry_after_s`` is the server's Retry-After in seconds, if it gave one."""

    def __init__(self, message: str, status: int, retry_after_s: float | None) -> None:
        super().__init__(message, status)
        self.retry_after_s = retry_after_s


def new_client(policy: FetchPolicy) -> httpx.AsyncClient:
    """An HTTP client for :func:`fetch_feed`: no redirects of its own, no proxies or .netrc."""
    return httpx.AsyncClient(
        follow_redirects=False, trust_env=False, timeout=httpx.Timeout(policy.timeout_s)
    )


async def fetch_feed(
    client: httpx.AsyncClient,
    url: str,
    *,
    policy: FetchPolicy,
    validators: CacheValidators | None,
) -> FetchResult:
    """Fetch ``url`` under ``policy``, sending ``validators`` for a conditional GET."""
    try:
        async with asyncio.timeout(policy.timeout_s):
            return await _fetch_following_redirects(client, url, policy, validators)
    except TimeoutError:
        raise FetchTimeout(f"{url}: no complete answer within {policy.timeout_s:g} s") from None


async def _fetch_following_redirects(
    client: httpx.AsyncClient,
    url: str,
    policy: FetchPolicy,
    validators: CacheValidators | None,
) -> FetchResult:
    current = _parse_url(url)
    redirects = 0
    while True:
        address = await _checked_address(current, policy)
        request = _pinned_request(client, current, address, policy, validators)
        try:
            response = await client.send(request, stream=True, follow_redirects=False)
        except httpx.HTTPError as exc:
            raise NetworkError(f"{current}: {one_line(exc)}") from None
        try:
            if response.status_code in _REDIRECT_STATUSES and "location" in response.headers:
                if redirects >= policy.max_redirects:
                    raise TooManyRedirects(f"{url}: more than {policy.max_redirects} redirects")
                redirects += 1
                current = _parse_url(str(current.join(response.headers["location"])))
                continue
            return await _read_result(response, current, policy, validators)
        finally:
            await response.aclose()


async def _read_result(
    response: httpx.Response,
    url: httpx.URL,
    policy: FetchPolicy,
    sent: CacheValidators | None,
) -> FetchResult:
    status = response.status_code
    fetched_at = datetime.now(UTC)
    received = CacheValidators(
        etag=response.headers.get("etag"), last_modified=response.headers.get("last-modified")
    )
    if status == 304:
        kept = sent or CacheValidators()
        merged = CacheValidators(
            etag=received.etag or kept.etag,
            last_modified=received.last_modified or kept.last_modified,
        )
        return FetchResult(
            url=str(url),
            status=status,
            body=b"",
            content_type=None,
            validators=merged,
            fetched_at=fetched_at,
            not_modified=True,
        )
    if status in _RATE_LIMIT_STATUSES:
        retry_after = _parse_retry_after(response.headers.get("retry-after"), fetched_at)
        hint = f", retry after {retry_after:g} s" if retry_after is not None else ""
        raise RateLimited(f"{url}: HTTP {status}{hint}", status, retry_after)
    if not 200 <= status < 300:
        raise HTTPStatusRefused(f"{url}: HTTP {status}", status)
    body = await _read_capped(response, url, policy.max_bytes)
    return FetchResult(
        url=str(url),
        status=status,
        body=body,
        content_type=response.headers.get("content-type"),
        validators=received,
        fetched_at=fetched_at,
    )


async def _read_capped(response: httpx.Response, url: httpx.URL, max_bytes: int) -> bytes:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise BodyTooLarge(f"{url}: Content-Length {declared} is over {max_bytes} bytes")
    chunks: list[bytes] = []
    size = 0
    try:
        async for chunk in response.aiter_bytes():
            size += len(chunk)
            if size > max_bytes:
                raise BodyTooLarge(f"{url}: body is over {max_bytes} bytes once decompressed")
            chunks.append(chunk)
    except httpx.HTTPError as exc:
        raise NetworkError(f"{url}: {one_line(exc)}") from None
    return b"".join(chunks)


def _parse_retry_after(value: str | None, now: datetime) -> float | None:
    """Retry-After as seconds from ``now``: delta-seconds or an HTTP date; None if unusable."""
    if value is None:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - now).total_seconds())


def _parse_url(url: str) -> httpx.URL:
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError, ValueError) as exc:
        raise AddressRefused(f"{url!r}: not a valid URL ({one_line(exc)})") from None
    if parsed.scheme not in ("http", "https"):
        raise AddressRefused(f"{url}: only http and https are allowed")
    if not parsed.host:
        raise AddressRefused(f"{url}: no host")
    return parsed


async def _checked_address(url: httpx.URL, policy: FetchPolicy) -> IPAddress:
    """Resolve the URL's host; refuse it if any of its addresses is not allowed."""
    addresses = await _resolve(url)
    for address in addresses:
        reason = _refusal(address, policy.allow_private_networks)
        if reason:
            raise AddressRefused(f"{url}: {url.host} resolves to {address}, {reason}")
    return addresses[0]


async def _resolve(url: httpx.URL) -> list[IPAddress]:
    try:
        return [_canonical(ipaddress.ip_address(url.host))]
    except ValueError:
        pass
    port = url.port or (443 if url.scheme == "https" else 80)
    loop = asyncio.get_running_loop()
    try:
        infos = await loop.getaddrinfo(url.host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        raise NetworkError(f"{url}: cannot resolve {url.host} ({one_line(exc)})") from None
    addresses = [_canonical(ipaddress.ip_address(str(info[4][0]).split("%")[0])) for info in infos]
    if not addresses:
        raise NetworkError(f"{url}: {url.host} has no address")
    return addresses


def _canonical(address: IPAddress) -> IPAddress:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def _refusal(address: IPAddress, allow_private: bool) -> str | None:
    """Why a fetch may not go to ``address``, or None when it may."""
    if address in _METADATA_ADDRESSES:
        return "a cloud metadata address"
    if address.is_link_local:
        return "a link-local address"
    if address.is_multicast or address.is_unspecified:
        return "not a unicast address"
    is_private = (
        address.is_private
        or address.is_loopback
        or address.is_reserved
        or (isinstance(address, ipaddress.IPv4Address) and address in _SHARED_ADDRESS_SPACE)
    )
    if is_private and not allow_private:
        return "a private or loopback address (allow_private_networks is off)"
    return None


def _pinned_request(
    client: httpx.AsyncClient,
    url: httpx.URL,
    address: IPAddress,
    policy: FetchPolicy,
    validators: CacheValidators | None,
) -> httpx.Request:
    """A GET to the checked address, with the original host in Host and TLS SNI."""
    headers = {"User-Agent": policy.user_agent, "Host": url.netloc.decode("ascii")}
    if validators is not None and validators.etag is not None:
        headers["If-None-Match"] = validators.etag
    if validators is not None and validators.last_modified is not None:
        headers["If-Modified-Since"] = validators.last_modified
    extensions = {}
    if url.scheme == "https":
        extensions["sni_hostname"] = url.host
        # Connections are pooled by address: never reuse one verified for another host name.
        headers["Connection"] = "close"
    return client.build_request(
        "GET", url.copy_with(host=str(address)), headers=headers, extensions=extensions
    )
