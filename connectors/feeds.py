"""Feed bytes → Articles, defused: no entity expansion, bounded items and fields.

feedparser is only ever given bytes (never a URL or a path: it would fetch or open it). Before
it sees them, the bytes are decoded the way feedparser decodes them and any DTD that declares
entities is removed: feedparser's loose parser expands such entities without limit.
Entry ids are kept as feedparser reads them (it resolves them only against an ``xml:base``
the feed itself declares).
"""

from __future__ import annotations

import hashlib
import io
import itertools
import re
import time
from collections import deque
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin

import feedparser
from feedparser.encodings import convert_to_utf8
from pydantic import ValidationError

from connectors.text import clean_text, html_to_text, one_line
from streams.records import MAX_TEXT_CHARS, MAX_TITLE_CHARS, Article

__all__ = ["MAX_FEED_BYTES", "MAX_ITEMS", "FeedError", "ParsedFeed", "parse_feed"]

#: Largest feed document we parse, in bytes.
MAX_FEED_BYTES = 20_000_000
#: Most entries taken from one feed document; the rest are dropped with a warning.
MAX_ITEMS = 1_000
_MAX_ID_CHARS = 2_000
_MAX_URL_CHARS = 4_000
_MAX_LANG_CHARS = 35

_DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)
_ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.IGNORECASE)
_FIRST_ELEMENT = re.compile(rb"<\w")
_ENTRY_START = re.compile(rb"<(?:[\w.-]+:)?(?:item|entry)[\s/>]")
_ENTRY_END = re.compile(rb"</(?:[\w.-]+:)?(?:item|entry)\s*>")
_DTD_TOKEN = re.compile(rb"<!--|[\"'\[\]>]")
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{1,8}(?:[-_][A-Za-z0-9]{1,8})*")


class FeedError(ValueError):
    """The bytes are not a feed we will read; the message says why, on one line."""


@dataclass(frozen=True)
class ParsedFeed:
    """The Articles a feed document yielded, and what was wrong with it, if anything."""

    articles: tuple[Article, ...]
    warnings: tuple[str, ...] = ()


def parse_feed(
    data: bytes,
    *,
    source: str,
    fetched_at: datetime,
    content_type: str | None = None,
    max_items: int = MAX_ITEMS,
) -> ParsedFeed:
    """Parse an RSS/Atom document into Articles; raises only :class:`FeedError`."""
    if len(data) > MAX_FEED_BYTES:
        raise FeedError(f"{source}: feed is {len(data)} bytes, over {MAX_FEED_BYTES}")
    warnings: list[str] = []
    try:
        utf8, encoding_problem = _to_utf8(data, content_type)
        if encoding_problem:
            warnings.append(encoding_problem)
        utf8, stripped = _without_entity_declarations(utf8)
        if stripped:
            warnings.append("a DTD declaring entities was removed")
        utf8, dropped = _without_surplus_entries(utf8, max_items)
        if dropped:
            warnings.append(f"{max_items + dropped} entries, only the first {max_items} kept")
        parsed = feedparser.parse(
            io.BytesIO(utf8),
            response_headers={"content-type": "application/xml; charset=utf-8"},
            resolve_relative_uris=True,
            sanitize_html=True,
        )
    except FeedError as exc:
        raise FeedError(f"{source}: {exc}") from None
    except Exception as exc:  # feedparser on hostile input: any failure is the input's fault
        raise FeedError(f"{source}: unreadable feed ({one_line(exc)})") from exc
    entries: list[Any] = list(parsed.get("entries", []))
    problem = one_line(parsed["bozo_exception"]) if parsed.get("bozo") else None
    if not entries:
        if problem:
            raise FeedError(f"{source}: not a readable feed ({problem})")
        return ParsedFeed((), (*warnings, "the feed has no entries"))
    if problem:
        warnings.append(f"malformed feed, kept what could be read ({problem})")
    entries = entries[:max_items]  # in case feedparser saw entries the cut above did not
    feed = _Feed(
        source=source,
        fetched_at=fetched_at,
        language=_language(parsed.get("feed", {}).get("language")),
        is_rss=_string(parsed.get("version")).startswith("rss"),
    )
    articles = list(_articles(entries, feed, warnings))
    return ParsedFeed(tuple(articles), tuple(warnings))


def _to_utf8(data: bytes, content_type: str | None) -> tuple[bytes, str | None]:
    """Decode as feedparser would (BOM, HTTP charset, XML declaration) and re-encode as UTF-8."""
    result: dict[str, Any] = {}
    headers = {"content-type": content_type} if content_type else {}
    converted = convert_to_utf8(headers, data, result)
    problem = result.get("bozo_exception")
    return bytes(converted), one_line(problem) if problem is not None else None


def _without_entity_declarations(data: bytes) -> tuple[bytes, bool]:
    """Remove every DOCTYPE that declares entities; refuse if a declaration survives."""
    stripped = False
    position = 0
    while match := _DOCTYPE.search(data, position):
        end = _declaration_end(data, match.start() + len(b"<!DOCTYPE"))
        if _ENTITY_DECLARATION.search(data, match.start(), end):
            data = data[: match.start()] + data[end:]
            stripped = True
            position = match.start()
        else:
            position = end
    first_element = _FIRST_ELEMENT.search(data)
    prolog_end = first_element.start() if first_element else len(data)
    if _ENTITY_DECLARATION.search(data, 0, prolog_end):
        raise FeedError("entity declarations outside a DOCTYPE; refused")
    return data, stripped


def _without_surplus_entries(data: bytes, max_items: int) -> tuple[bytes, int]:
    """Cut the entries past ``max_items`` out before parsing; how many were cut.

    feedparser's time grows with every element, so a feed of 300,000 tiny items (10 MB) would
    take half a minute; the cut keeps the first ``max_items`` and whatever follows the last entry.
    """
    starts = _ENTRY_START.finditer(data)
    surplus = next(itertools.islice(starts, max_items, None), None)
    if surplus is None:
        return data, 0
    dropped = 1 + sum(1 for _ in starts)
    last_end = deque(_ENTRY_END.finditer(data, surplus.start()), maxlen=1)
    tail = data[last_end[0].end() :] if last_end else b""
    return data[: surplus.start()] + tail, dropped


def _declaration_end(data: bytes, position: int) -> int:
    """Index just past the ``>`` closing a DOCTYPE (skipping quotes, comments, ``[...]``)."""
    depth = 0
    while token := _DTD_TOKEN.search(data, position):
        kind, position = token.group(), token.end()
        if kind == b"<!--":
            close = data.find(b"-->", position)
            position = len(data) if close < 0 else close + 3
        elif kind in (b'"', b"'"):
            close = data.find(kind, position)
            position = len(data) if close < 0 else close + 1
        elif kind == b"[":
            depth += 1
        elif kind == b"]":
            depth = max(0, depth - 1)
        elif depth == 0:
            return position
    return len(data)


@dataclass(frozen=True)
class _Feed:
    """What every entry of one feed document shares."""

    source: str
    fetched_at: datetime
    language: str | None
    is_rss: bool  # an RSS guid may be the item's permalink; an Atom id never is


def _articles(entries: list[Any], feed: _Feed, warnings: list[str]) -> Iterator[Article]:
    for number, entry in enumerate(entries, start=1):
        title = _title(entry)
        text = _text(entry)
        if not title and not text:
            warnings.append(f"entry {number} has no title and no text; skipped")
            continue
        try:
            yield Article(
                article_id=_article_id(entry, title, text),
                title=title,
                text=text,
                url=_bounded(_link(entry, feed), _MAX_URL_CHARS),
                published=_timestamp(entry, "published") or _timestamp(entry, "updated"),
                source=_bounded(_source_title(entry), _MAX_URL_CHARS) or feed.source,
                lang_hint=_entry_language(entry) or feed.language,
                fetched_at=feed.fetched_at,
            )
        except ValidationError as exc:
            warnings.append(f"entry {number} skipped: {one_line(exc.errors()[0]['msg'])}")


def _title(entry: Mapping[str, Any]) -> str:
    title = _string(entry.get("title"))
    if "html" in _string(entry.get("title_detail", {}).get("type")):
        title = html_to_text(title)
    return " ".join(clean_text(title, MAX_TITLE_CHARS * 2).split())[:MAX_TITLE_CHARS]


def _text(entry: Mapping[str, Any]) -> str:
    candidates = [c for c in entry.get("content", []) if isinstance(c, Mapping)]
    if "summary_detail" in entry:
        candidates.append(entry["summary_detail"])
    best = max(candidates, key=lambda c: len(_string(c.get("value"))), default=None)
    if best is None:
        return ""
    value = _string(best.get("value"))
    if "html" in _string(best.get("type")):
        value = html_to_text(value)
    return clean_text(value, MAX_TEXT_CHARS)


def _article_id(entry: Mapping[str, Any], title: str, text: str) -> str:
    for candidate in (entry.get("id"), entry.get("link")):
        value = _string(candidate)
        if value.strip() and len(value) <= _MAX_ID_CHARS:
            return value
    digest = hashlib.sha256(f"{title}\x1f{text}".encode()).hexdigest()
    return f"sha256:{digest[:32]}"


def _link(entry: Mapping[str, Any], feed: _Feed) -> str | None:
    """The entry's link (relative ones resolved against an http source); else a permalink id."""
    links = [link for link in entry.get("links", []) if isinstance(link, Mapping)]
    alternates = [link for link in links if link.get("rel", "alternate") == "alternate"]
    href = _string(next(iter(alternates or links), {}).get("href"))
    if href:
        is_web = feed.source.startswith(("http://", "https://"))
        return urljoin(feed.source, href) if is_web else href
    guid = _string(entry.get("id"))
    is_permalink = feed.is_rss and entry.get("guidislink")
    return guid if is_permalink and guid.startswith(("http://", "https://")) else None


def _timestamp(entry: Mapping[str, Any], name: str) -> datetime | None:
    """The entry's date: its own ISO 8601 text when it has one (keeps fractions), else feedparser's."""
    raw = _string(entry.get(name)).strip()
    parsed = entry.get(f"{name}_parsed")
    try:
        value = datetime.fromisoformat(raw)
        return value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)
    except (ValueError, OverflowError):
        pass
    if not isinstance(parsed, time.struct_time):
        return None
    try:
        return datetime(*parsed[:5], min(parsed[5], 59), tzinfo=UTC)
    except (ValueError, OverflowError):
        return None


def _source_title(entry: Mapping[str, Any]) -> str | None:
    origin = entry.get("source")
    if not isinstance(origin, Mapping):
        return None
    return _string(origin.get("title")) or None


def _entry_language(entry: Mapping[str, Any]) -> str | None:
    for detail in (
        *entry.get("content", []),
        entry.get("summary_detail"),
        entry.get("title_detail"),
    ):
        if isinstance(detail, Mapping) and (language := _language(detail.get("language"))):
            return language
    return None


def _language(value: object) -> str | None:
    text = _string(value).strip()
    if len(text) <= _MAX_LANG_CHARS and _LANGUAGE_TAG.fullmatch(text):
        return text
    return None


def _bounded(value: object, limit: int) -> str | None:
    text = _string(value)
    return text if text and len(text) <= limit else None


def _string(value: object) -> str:
    return value if isinstance(value, str) else ""
