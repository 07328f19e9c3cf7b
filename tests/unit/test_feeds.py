"""parse_feed: entries → Articles, caps, malformed input; html_to_text."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from connectors import FeedError, parse_feed
from connectors.feeds import MAX_FEED_BYTES, MAX_ITEMS
from connectors.text import html_to_text
from streams.records import MAX_TEXT_CHARS, MAX_TITLE_CHARS

NOW = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)
SOURCE = "https://news.example/feeds/main.xml"


def rss(items: str, *, channel: str = "") -> bytes:
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>'
        f"{channel}{items}</channel></rss>"
    ).encode()


def atom(entries: str, *, lang: str = "") -> bytes:
    attribute = f' xml:lang="{lang}"' if lang else ""
    return (
        f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"{attribute}>'
        f"<id>urn:feed</id><title>t</title><updated>2024-05-01T00:00:00Z</updated>{entries}</feed>"
    ).encode()


def test_atom_entry_fields() -> None:
    entry = """<entry xml:lang="de-CH"><id>tag:news.example,2024:42</id>
      <title type="html">Xiaomi &lt;b&gt;SU7&lt;/b&gt; &amp;amp; more</title>
      <link rel="alternate" href="/articles/42"/>
      <published>2024-04-30T10:15:30.250+02:00</published><updated>2024-05-01T00:00:00Z</updated>
      <content type="html">&lt;p&gt;First &lt;i&gt;paragraph&lt;/i&gt;.&lt;/p&gt;&lt;p&gt;Second.&lt;/p&gt;</content>
    </entry>"""
    [article] = parse_feed(atom(entry), source=SOURCE, fetched_at=NOW).articles
    assert article.article_id == "tag:news.example,2024:42"
    assert article.title == "Xiaomi SU7 & more"
    assert article.text == "First paragraph.\n\nSecond."
    assert article.url == "https://news.example/articles/42"
    assert article.published == datetime(2024, 4, 30, 8, 15, 30, 250_000, tzinfo=UTC)
    assert article.published.utcoffset() is not None and not article.published.utcoffset()
    assert article.lang_hint == "de-CH"
    assert article.source == SOURCE
    assert article.fetched_at == NOW


def test_rss_item_fields_and_channel_language() -> None:
    item = """<item><guid isPermaLink="false">  id-7  </guid><title>Hello</title>
      <link>https://news.example/7</link><pubDate>Tue, 30 Mar 2021 11:00:00 +0200</pubDate>
      <description>Plain text body</description></item>"""
    [article] = parse_feed(
        rss(item, channel="<language>it-IT</language>"), source=SOURCE, fetched_at=NOW
    ).articles
    assert article.article_id == "id-7"
    assert article.url == "https://news.example/7"
    assert article.published == datetime(2021, 3, 30, 9, 0, tzinfo=UTC)
    assert article.lang_hint == "it-IT"
    assert article.text == "Plain text body"


def test_id_falls_back_to_link_then_to_a_content_hash() -> None:
    items = (
        "<item><link>https://news.example/a</link><title>A</title></item>"
        "<item><title>B</title><description>same</description></item>"
        "<item><title>B</title><description>same</description></item>"
        "<item><title>C</title><description>same</description></item>"
    )
    ids = [a.article_id for a in parse_feed(rss(items), source=SOURCE, fetched_at=NOW).articles]
    assert ids[0] == "https://news.example/a"
    assert ids[1] == ids[2] != ids[3]
    assert ids[1].startswith("sha256:")


def test_permalink_guid_is_the_url_when_there_is_no_link() -> None:
    items = (
        "<item><guid>https://news.example/p/1</guid><title>A</title></item>"
        '<item><guid isPermaLink="false">https://news.example/p/2</guid><title>B</title></item>'
    )
    urls = [a.url for a in parse_feed(rss(items), source=SOURCE, fetched_at=NOW).articles]
    assert urls == ["https://news.example/p/1", None]


def test_item_cap_keeps_the_first_items_and_warns() -> None:
    items = "".join(
        f"<item><guid>g{i}</guid><title>T{i}</title></item>" for i in range(MAX_ITEMS + 5)
    )
    parsed = parse_feed(rss(items), source=SOURCE, fetched_at=NOW)
    assert len(parsed.articles) == MAX_ITEMS
    assert parsed.articles[-1].article_id == f"g{MAX_ITEMS - 1}"
    assert any("only the first" in w for w in parsed.warnings)


def test_title_and_text_are_capped() -> None:
    item = (
        f"<item><guid>g</guid><title>{'t' * (MAX_TITLE_CHARS + 50)}</title>"
        f"<description>{'x' * (MAX_TEXT_CHARS + 50)}</description></item>"
    )
    [article] = parse_feed(rss(item), source=SOURCE, fetched_at=NOW).articles
    assert len(article.title) == MAX_TITLE_CHARS
    assert len(article.text) == MAX_TEXT_CHARS


def test_entry_without_title_and_text_is_skipped_with_a_warning() -> None:
    parsed = parse_feed(
        rss("<item><guid>empty</guid></item><item><guid>k</guid><title>Kept</title></item>"),
        source=SOURCE,
        fetched_at=NOW,
    )
    assert [a.article_id for a in parsed.articles] == ["k"]
    assert parsed.warnings == ("entry 1 has no title and no text; skipped",)


def test_malformed_feed_yields_what_was_readable_with_a_warning() -> None:
    broken = rss(
        "<item><guid>a</guid><title>One & two</title></item>"
        "<item><guid>b</guid><title>Three</title><description><p>unclosed</description></item>"
    )
    parsed = parse_feed(broken, source=SOURCE, fetched_at=NOW)
    assert [a.article_id for a in parsed.articles] == ["a", "b"]
    assert any(w.startswith("malformed feed") for w in parsed.warnings)


@pytest.mark.parametrize(
    "data", [b"", b"garbage", b"\xff\xfe\x00", b"<?xml version='1.0'?><unclosed"]
)
def test_unreadable_input_is_a_feed_error(data: bytes) -> None:
    with pytest.raises(FeedError, match="not a readable feed"):
        parse_feed(data, source=SOURCE, fetched_at=NOW)


def test_a_feed_without_entries_says_so() -> None:
    parsed = parse_feed(rss(""), source=SOURCE, fetched_at=NOW)
    assert parsed.articles == ()
    assert parsed.warnings == ("the feed has no entries",)


def test_oversized_input_is_refused() -> None:
    with pytest.raises(FeedError, match="over"):
        parse_feed(b" " * (MAX_FEED_BYTES + 1), source=SOURCE, fetched_at=NOW)


def test_a_path_or_url_given_as_bytes_is_never_opened(tmp_path: Path) -> None:
    feed_file = tmp_path / "feed.xml"
    feed_file.write_bytes(rss("<item><guid>secret</guid><title>from disk</title></item>"))
    for reference in (str(feed_file).encode(), feed_file.as_uri().encode()):
        with pytest.raises(FeedError):
            parse_feed(reference, source=SOURCE, fetched_at=NOW)


def test_charset_from_content_type_is_used() -> None:
    data = rss("<item><guid>g</guid><title>Caf\xe9</title></item>").replace(
        b'encoding="utf-8"', b""
    )
    data = data.decode().encode("latin-1")
    [article] = parse_feed(
        data, source=SOURCE, fetched_at=NOW, content_type="application/rss+xml; charset=iso-8859-1"
    ).articles
    assert article.title == "Café"


def test_html_to_text_keeps_paragraphs_and_drops_scripts() -> None:
    html = (
        "<div><h1>Head</h1><p>One\n two &amp; <b>three</b></p>"
        "<script>alert('x')</script><style>p{}</style>"
        "<p>Line<br>break</p><ul><li>a</li><li>b</li></ul></div>"
    )
    assert html_to_text(html) == "Head\n\nOne two & three\n\nLine\nbreak\n\na\n\nb"


def test_html_to_text_drops_the_page_title_even_without_a_closing_head() -> None:
    assert html_to_text("<html><head><title>Tab</title><body><p>Body</p>") == "Body"
