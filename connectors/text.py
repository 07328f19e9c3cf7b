"""HTML to plain text, and the clean-up every text field gets before it becomes an Article."""

from __future__ import annotations

import re
from html.parser import HTMLParser

__all__ = ["clean_text", "html_to_text", "one_line", "xml_safe"]

#: Elements whose content is not the text a reader sees (``title`` is the browser tab's).
_SKIPPED = frozenset({"script", "style", "template", "noscript", "title"})
#: Elements that start a new paragraph.
_BLOCKS = frozenset(
    {
        "address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "figcaption",
        "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main",
        "nav", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul",
    }
)  # fmt: skip
_BREAK = "\n"
_PARAGRAPH = "\n\n"
#: Characters XML 1.0 cannot carry (C0 controls but tab/newline, lone surrogates, U+FFFE/F).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_SPACES = re.compile(r"[^\S\n]+")
_WHITESPACE = re.compile(r"\s+")
_PARAGRAPH_GAP = re.compile(r"\n\s*\n")


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[str] = []
        self._skipping: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self._skipping.append(tag)
        elif tag == "br":
            self.pieces.append(_BREAK)
        elif tag in _BLOCKS:
            self.pieces.append(_PARAGRAPH)

    def handle_endtag(self, tag: str) -> None:
        if self._skipping and tag == self._skipping[-1]:
            self._skipping.pop()
        elif tag in _BLOCKS:
            self.pieces.append(_PARAGRAPH)

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.pieces.append(_WHITESPACE.sub(" ", data))  # source line breaks are spaces


def html_to_text(html: str) -> str:
    """Visible text of an HTML fragment; paragraphs separated by a blank line."""
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    return _tidy("".join(collector.pieces))


def _tidy(text: str) -> str:
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    joined = "\n".join(lines)
    return _PARAGRAPH_GAP.sub(_PARAGRAPH, joined).strip()


def clean_text(text: str, limit: int) -> str:
    """``text`` without characters XML cannot carry, Windows line ends, outer blanks; cut at ``limit``."""
    text = xml_safe(text.replace("\r\n", "\n").replace("\r", "\n"))
    return text.strip()[:limit].rstrip()


def xml_safe(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot carry."""
    return _NOT_XML.sub("", text)


def one_line(value: object, limit: int = 300) -> str:
    """``str(value)`` on one line, cut at ``limit``; the type's name when that is empty."""
    text = " ".join(str(value).split())
    return text[:limit] or type(value).__name__
