"""Articles from files: a folder of documents, a JSONL of Article records, or a feed file.

Also the reverse trip for replay: Articles → an Atom document that :func:`parse_feed` reads
back into the very same Articles.
"""

from __future__ import annotations

import logging
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Mapping, Sequence
from datetime import UTC, date, datetime
from pathlib import Path

import yaml
from pydantic import ValidationError

from connectors.feeds import FeedError, parse_feed
from connectors.text import clean_text, html_to_text, one_line, xml_safe
from streams.records import MAX_TEXT_CHARS, MAX_TITLE_CHARS, Article

__all__ = ["DOCUMENT_SUFFIXES", "FEED_SUFFIXES", "DocumentError", "load_articles", "render_atom"]

log = logging.getLogger(__name__)

#: Files of a documents folder, read in file-name order.
DOCUMENT_SUFFIXES = frozenset({".txt", ".md", ".html", ".htm"})
#: Files read as an RSS/Atom feed.
FEED_SUFFIXES = frozenset({".xml", ".atom", ".rss"})
_HTML_SUFFIXES = frozenset({".html", ".htm"})
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)^(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.M | re.S)
_ATOM = "http://www.w3.org/2005/Atom"
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class DocumentError(ValueError):
    """A file could not be read as Articles; the message names the file (and line)."""


def load_articles(source: Path) -> Iterator[Article]:
    """Articles from a documents folder, a ``.jsonl`` of Articles, a feed file or one document."""
    if source.is_dir():
        for path in sorted(source.iterdir()):
            if path.suffix.lower() in DOCUMENT_SUFFIXES and not path.name.startswith("."):
                yield _document(path, origin=str(source))
    elif not source.is_file():
        raise DocumentError(f"{source}: no such file or folder")
    elif source.suffix.lower() == ".jsonl":
        yield from _jsonl(source)
    elif source.suffix.lower() in FEED_SUFFIXES:
        yield from _feed_file(source)
    elif source.suffix.lower() in DOCUMENT_SUFFIXES:
        yield _document(source, origin=str(source.parent))
    else:
        raise DocumentError(f"{source}: expected a folder, .jsonl, a feed or a document file")


def _jsonl(path: Path) -> Iterator[Article]:
    with path.open(encoding="utf-8-sig") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                yield Article.model_validate_json(line)
            except ValidationError as exc:
                raise DocumentError(f"{path}:{number}: {_first_error(exc)}") from None


def _feed_file(path: Path) -> Iterator[Article]:
    try:
        parsed = parse_feed(path.read_bytes(), source=str(path), fetched_at=datetime.now(UTC))
    except FeedError as exc:
        raise DocumentError(str(exc)) from None
    for warning in parsed.warnings:
        log.warning("%s: %s", path, warning)
    yield from parsed.articles


def _document(path: Path, *, origin: str) -> Article:
    try:
        content = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise DocumentError(f"{path}: {one_line(exc)}") from None
    meta, body = _split_front_matter(path, content)
    if path.suffix.lower() in _HTML_SUFFIXES:
        body = html_to_text(body)
    title = meta.get("title")
    if title is None:
        title, _, body = body.strip().partition("\n")
    try:
        return Article(
            article_id=meta.get("id") or path.stem,
            title=" ".join(title.split())[:MAX_TITLE_CHARS],
            text=clean_text(body, MAX_TEXT_CHARS),
            url=meta.get("url"),
            published=_published(path, meta.get("published")),
            source=meta.get("source") or origin,
        )
    except ValidationError as exc:
        raise DocumentError(f"{path}: {_first_error(exc)}") from None


def _split_front_matter(path: Path, content: str) -> tuple[dict[str, str], str]:
    """The front matter's known keys as text (``gold`` and unknown keys dropped), and the body."""
    match = _FRONT_MATTER.match(content.replace("\r\n", "\n"))
    if match is None:
        return {}, content
    try:
        meta = yaml.safe_load(match.group(1))
    except yaml.YAMLError as exc:
        raise DocumentError(f"{path}: front matter is not YAML ({one_line(exc)})") from None
    if meta is None:
        meta = {}
    if not isinstance(meta, Mapping):
        raise DocumentError(f"{path}: front matter must be a mapping")
    known: dict[str, str] = {}
    for key in ("id", "title", "published", "url", "source"):
        value = meta.get(key)
        if value is None:
            continue
        if isinstance(value, datetime | date):
            value = value.isoformat()
        if not isinstance(value, str | int | float) or isinstance(value, bool):
            raise DocumentError(f"{path}: front matter {key!r} must be text")
        known[key] = str(value)
    return known, content[match.end() :]


def _published(path: Path, value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        published = datetime.fromisoformat(value)
    except ValueError:
        raise DocumentError(f"{path}: published {value!r} is not an ISO 8601 date") from None
    if published.tzinfo is None:
        return published.replace(tzinfo=UTC)
    return published.astimezone(UTC)


def _first_error(exc: ValidationError) -> str:
    error = exc.errors()[0]
    where = ".".join(str(part) for part in error["loc"]) or "record"
    return f"{where}: {one_line(error['msg'])}"


def render_atom(articles: Sequence[Article], *, feed_id: str, title: str) -> bytes:
    """An Atom document of ``articles``, in order, that :func:`parse_feed` reads back unchanged.

    Characters XML cannot carry are dropped; an Article without ``published`` gets neither
    ``published`` nor ``updated`` (so none is invented on the way back).
    """
    feed = ET.Element("feed", xmlns=_ATOM)
    _add(feed, "id", feed_id)
    _add(feed, "title", title)
    dates = [a.published for a in articles if a.published is not None]
    _add(feed, "updated", _iso(max(dates, default=_EPOCH)))
    for article in articles:
        entry = ET.SubElement(feed, "entry")
        if article.lang_hint:
            entry.set("xml:lang", article.lang_hint)
        _add(entry, "id", article.article_id)
        _add(entry, "title", article.title).set("type", "text")
        if article.url:
            ET.SubElement(entry, "link", rel="alternate", href=xml_safe(article.url))
        if article.published is not None:
            _add(entry, "published", _iso(article.published))
            _add(entry, "updated", _iso(article.published))
        if article.source:
            _add(ET.SubElement(entry, "source"), "title", article.source)
        _add(entry, "content", article.text).set("type", "text")
    document: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return document


def _add(parent: ET.Element, name: str, text: str) -> ET.Element:
    child = ET.SubElement(parent, name)
    child.text = xml_safe(text)
    return child


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")
