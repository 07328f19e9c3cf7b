"""load_articles (folders, front matter, JSONL, feed files) and render_atom → parse_feed."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from connectors import DocumentError, load_articles, parse_feed, render_atom
from streams.records import Article
from tests.conftest import SEEDS

NOW = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)


def test_seeds_load_in_file_name_order_with_stems_and_first_lines() -> None:
    files = sorted(SEEDS.glob("*.txt"))
    articles = list(load_articles(SEEDS))
    assert len(files) == len(articles) == 5
    for path, article in zip(files, articles, strict=True):
        title, _, body = path.read_text(encoding="utf-8").strip().partition("\n")
        assert article.article_id == path.stem
        assert article.title == title.strip()
        assert article.text == body.strip()
        assert article.source == str(SEEDS)
        assert article.published is None


def test_front_matter(tmp_path: Path) -> None:
    (tmp_path / "x.md").write_text(
        "---\n"
        "id: demo-01\n"
        "title: Headline here\n"
        "published: 2021-03-30T11:00:00+02:00\n"
        "url: https://news.example/xyz\n"
        "source: Example News\n"
        "gold: {claims: [{kind: listing}]}\n"
        "unknown_key: ignored\n"
        "---\n"
        "Body line one.\n\nBody line two.\n",
        encoding="utf-8",
    )
    [article] = load_articles(tmp_path)
    assert article == Article(
        article_id="demo-01",
        title="Headline here",
        text="Body line one.\n\nBody line two.",
        url="https://news.example/xyz",
        published=datetime(2021, 3, 30, 9, 0, tzinfo=UTC),
        source="Example News",
    )


def test_front_matter_without_id_or_title_falls_back_to_stem_and_first_line(
    tmp_path: Path,
) -> None:
    (tmp_path / "note.md").write_text(
        "---\npublished: 2021-03-30\n---\nThe title\nThe body\n", encoding="utf-8"
    )
    [article] = load_articles(tmp_path)
    assert (article.article_id, article.title, article.text) == ("note", "The title", "The body")
    assert article.published == datetime(2021, 3, 30, tzinfo=UTC)


def test_folder_order_suffixes_and_html(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("B title\nB body", encoding="utf-8")
    (tmp_path / "a.md").write_text("A title\r\nA body\r\n", encoding="utf-8")
    (tmp_path / "c.html").write_text(
        "<html><head><title>x</title><script>s()</script></head>"
        "<body><h1>C title</h1><p>C <b>body</b></p></body></html>",
        encoding="utf-8",
    )
    (tmp_path / "ignored.pdf").write_bytes(b"%PDF")
    (tmp_path / ".hidden.txt").write_text("Hidden\nfile", encoding="utf-8")
    articles = list(load_articles(tmp_path))
    assert [(a.article_id, a.title, a.text) for a in articles] == [
        ("a", "A title", "A body"),
        ("b", "B title", "B body"),
        ("c", "C title", "C body"),
    ]


def test_jsonl_records_and_a_bad_line_named(tmp_path: Path) -> None:
    good = Article(article_id="j1", title="T", text="Body", published=NOW)
    path = tmp_path / "articles.jsonl"
    path.write_text(good.model_dump_json() + "\n\n" + '{"article_id": ""}\n', encoding="utf-8")
    loaded = load_articles(path)
    assert next(loaded) == good
    with pytest.raises(DocumentError, match=r"articles\.jsonl:3: article_id"):
        next(loaded)


def test_feed_file(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    path.write_bytes(render_atom([Article(article_id="f1", text="x")], feed_id="urn:f", title="f"))
    assert [a.article_id for a in load_articles(path)] == ["f1"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bad.md", "---\ntitle: [unclosed\n---\nbody", "not YAML"),
        ("list.md", "---\n- a\n- b\n---\nbody", "must be a mapping"),
        ("nested.md", "---\ntitle: {a: 1}\n---\nbody", "'title' must be text"),
        ("date.md", "---\npublished: yesterday\n---\nT\nbody", "not an ISO 8601 date"),
        ("feed.rss", "not a feed", "not a readable feed"),
        ("doc.pdf", "%PDF", "expected a folder"),
    ],
)
def test_bad_files_raise_document_error_naming_the_file(
    tmp_path: Path, name: str, content: str, message: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DocumentError, match=message) as caught:
        list(load_articles(path))
    assert name in str(caught.value)


def test_missing_source() -> None:
    with pytest.raises(DocumentError, match="no such file"):
        list(load_articles(Path("/nonexistent/claimwatch")))


VARIED = [
    Article(
        article_id="urn:x:1",
        title="Quotes \" and ' & <tags>",
        text="Para one with <b>markup-like</b> text & stuff.\n\nPara two: ünïcödé, 中文, emoji 🚗.",
        url="https://news.example/a?x=1&y=<2>",
        published=datetime(2021, 3, 30, 9, 0, 0, 123456, tzinfo=timezone(timedelta(hours=2))),
        source="Example & Co",
        lang_hint="de-CH",
    ),
    Article(article_id="plain-id", title="", text="Only text", source="folder"),
    Article(article_id="https://news.example/p/3", title="Title only", text="", source="s"),
]


def test_render_atom_round_trips_through_parse_feed() -> None:
    articles = [*VARIED, *load_articles(SEEDS)]
    document = render_atom(articles, feed_id="urn:feed", title="Round & trip")
    parsed = parse_feed(document, source="http://127.0.0.1:1/feed.xml", fetched_at=NOW)
    assert parsed.warnings == ()
    assert list(parsed.articles) == [a.model_copy(update={"fetched_at": NOW}) for a in articles]


def test_render_atom_is_well_formed_atom_with_verbatim_ids() -> None:
    root = ET.fromstring(render_atom(VARIED, feed_id="urn:feed", title="t"))
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert root.tag == "{http://www.w3.org/2005/Atom}feed"
    assert [e.findtext("a:id", namespaces=ns) for e in root.findall("a:entry", ns)] == [
        a.article_id for a in VARIED
    ]
    first = root.find("a:entry", ns)
    assert first is not None
    assert first.findtext("a:published", namespaces=ns) == "2021-03-30T07:00:00.123456Z"
    content = first.find("a:content", ns)
    assert content is not None and content.get("type") == "text"


def test_render_atom_drops_characters_xml_cannot_carry() -> None:
    article = Article(article_id="c", title="bell\x07", text="nul\x00 here")
    root = ET.fromstring(render_atom([article], feed_id="urn:f", title="t"))
    assert "".join(root.itertext()).count("\x00") == 0
    [back] = parse_feed(
        render_atom([article], feed_id="u", title="t"), source="s", fetched_at=NOW
    ).articles
    assert (back.title, back.text) == ("bell", "nul here")
