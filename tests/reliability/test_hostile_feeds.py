"""Hostile feed documents: entity expansion in every disguise, external entities, sheer size.

Each must be refused with a FeedError or neutralised quickly, with bounded output.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from connectors import FeedError, ParsedFeed, parse_feed
from connectors.feeds import MAX_ITEMS

pytestmark = pytest.mark.reliability

NOW = datetime(2024, 5, 1, tzinfo=UTC)
QUICK_S = 1.0


def rss(doctype: str, title: str, *, description: str = "d") -> str:
    return (
        f'<?xml version="1.0"?>\n{doctype}\n<rss version="2.0"><channel><title>t</title>'
        f"<item><guid>g</guid><title>{title}</title><description>{description}</description>"
        "</item></channel></rss>"
    )


#: The measured attack: one 50 KB entity referenced 20,000 times (a 1,000,000,000-char title).
BIG_ENTITY = rss(f'<!DOCTYPE rss [\n<!ENTITY big "{"A" * 50_000}">\n]>', "&big;" * 20_000)
BILLION_LAUGHS = rss(
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10 if n > 1 else "&lol;" * 10}">'
        for n in range(1, 10)
    )
    + "]>",
    "&lol9;",
)


def parse_quickly(data: bytes, content_type: str | None = None) -> ParsedFeed | None:
    """parse_feed within QUICK_S; None when it refused the document with a FeedError."""
    started = time.perf_counter()
    try:
        return parse_feed(data, source="hostile", fetched_at=NOW, content_type=content_type)
    except FeedError:
        return None
    finally:
        assert time.perf_counter() - started < QUICK_S


def assert_not_expanded(parsed: ParsedFeed | None, marker: str) -> None:
    if parsed is None:
        return
    for article in parsed.articles:
        assert marker not in article.title and marker not in article.text
        assert len(article.title) <= 2_000


@pytest.mark.parametrize(
    ("encoding", "declaration"),
    [
        ("utf-8", '<?xml version="1.0"?>'),
        ("utf-16", '<?xml version="1.0" encoding="utf-16"?>'),
        ("utf-16-be", '<?xml version="1.0" encoding="utf-16"?>'),
        ("utf-32", '<?xml version="1.0" encoding="utf-32"?>'),
        ("utf-7", '<?xml version="1.0" encoding="utf-7"?>'),
        ("cp037", '<?xml version="1.0" encoding="cp037"?>'),
    ],
)
def test_big_entity_is_neutralised_in_any_encoding(encoding: str, declaration: str) -> None:
    document = BIG_ENTITY.replace('<?xml version="1.0"?>', declaration).encode(encoding)
    assert_not_expanded(parse_quickly(document), "AAAAAAAAAA")


def test_big_entity_with_the_encoding_only_in_the_http_header() -> None:
    document = BIG_ENTITY.encode("utf-16-le")
    parsed = parse_quickly(document, content_type="application/rss+xml; charset=utf-16-le")
    assert_not_expanded(parsed, "AAAAAAAAAA")


def test_billion_laughs_is_neutralised_and_the_rest_is_kept() -> None:
    parsed = parse_quickly(BILLION_LAUGHS.encode())
    assert parsed is not None
    assert [a.article_id for a in parsed.articles] == ["g"]
    assert "a DTD declaring entities was removed" in parsed.warnings
    assert_not_expanded(parsed, "lollol")


@pytest.mark.parametrize(
    "doctype",
    [
        # a quoted "]>" inside the internal subset must not end the DTD early
        '<!DOCTYPE rss [<!ENTITY a "]>"><!ENTITY big "' + "A" * 50_000 + '">]>',
        # a comment holding "<a" (where feedparser's own DTD handling stops looking)
        '<!-- <a --><!DOCTYPE rss [<!ENTITY big "' + "A" * 50_000 + '">]>',
        # parameter entities
        "<!DOCTYPE rss [<!ENTITY % p \"<!ENTITY big '" + "A" * 50_000 + "'>\">%p;]>",
        # lower-case keywords, which the lenient parser may accept
        '<!doctype rss [<!entity big "' + "A" * 50_000 + '">]>',
        # a declaration with no DOCTYPE around it
        '<!ENTITY big "' + "A" * 50_000 + '">',
    ],
)
def test_disguised_entity_declarations(doctype: str) -> None:
    document = rss(doctype, "&big;" * 20_000).encode()
    assert_not_expanded(parse_quickly(document), "AAAAAAAAAA")


def test_external_entities_are_never_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE", encoding="utf-8")
    doctype = f'<!DOCTYPE rss [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>'
    assert_not_expanded(parse_quickly(rss(doctype, "&xxe;").encode()), "TOP-SECRET")


def test_an_external_dtd_without_entities_is_left_alone() -> None:
    doctype = (
        '<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" '
        '"http://my.netscape.com/publish/formats/rss-0.91.dtd">'
    )
    parsed = parse_quickly(rss(doctype, "Plain &amp; simple").encode())
    assert parsed is not None
    assert parsed.warnings == ()
    assert parsed.articles[0].title == "Plain & simple"


@pytest.mark.parametrize("closing", ["</channel></rss>", "<broken&></channel></rss>"])
def test_hundreds_of_thousands_of_items_are_cut_before_parsing(closing: str) -> None:
    items = "".join(f"<item><guid>{n}</guid><title>{n}</title></item>" for n in range(200_000))
    document = f'<rss version="2.0"><channel><title>t</title>{items}{closing}'.encode()
    parsed = parse_quickly(document)
    assert parsed is not None
    assert [a.article_id for a in parsed.articles] == [str(n) for n in range(MAX_ITEMS)]
    assert f"200000 entries, only the first {MAX_ITEMS} kept" in parsed.warnings


def test_deeply_nested_markup_does_not_crash() -> None:
    nested = "&lt;div&gt;" * 20_000 + "deep" + "&lt;/div&gt;" * 20_000
    parsed = parse_quickly(rss("", "t", description=nested).encode())
    assert parsed is not None
    assert parsed.articles[0].text == "deep"


@pytest.mark.parametrize(
    "document",
    [
        b"\x00" * 100_000,
        b"<rss>" + b"\xff\xfe" * 50_000,
        b'<?xml version="1.0" encoding="no-such-codec"?><rss><channel><item><title>x',
        b"<![CDATA[" * 10_000,
        b"<!--" + b"-" * 100_000,
        b"<rss><channel><item><title>" + b"&#x110000;&#0;&#xD800;" * 1_000,
    ],
)
def test_garbage_is_refused_or_read_without_crashing(document: bytes) -> None:
    parse_quickly(document)
