"""Unknown partner names: the checks that stand in for a regex per name."""

from __future__ import annotations

import re
from pathlib import Path

from connectors.documents import load_articles
from streams.analysis.entities import EntityCatalog
from streams.analysis.lexicon import lexicon
from streams.analysis.partners import UnknownNames

CORPUS = Path(__file__).resolve().parents[2] / "corpus" / "demo"
_CAPITALISED = re.compile(r"[A-ZÀ-Þ][\w&'’.-]*")


def _named_inside_by_regex(text: str, name: str) -> bool:
    return re.search(rf"[\w,;:] {re.escape(name)}(?!\w)", text) is not None


def test_a_name_named_inside_a_sentence_is_found_as_a_regex_finds_it() -> None:
    catalog = EntityCatalog.build(())
    checked = {True: 0, False: 0}
    for article in load_articles(CORPUS):
        text = f"{article.title}\n{article.text}"
        names = UnknownNames(lexicon("en"), text, catalog)
        # Every capitalised word, its stem and longer runs, and a few near misses.
        words = {m.group() for m in _CAPITALISED.finditer(text)}
        for word in words | {w[:-1] for w in words} | {f"{w} de" for w in words} | {"x", "_"}:
            expected = _named_inside_by_regex(text, word)
            assert names._named_inside(word) is expected, word
            checked[expected] += 1
    assert checked[True] > 100 and checked[False] > 100  # both answers were asked for


def test_a_name_is_inside_only_after_a_word_or_a_comma_and_one_space() -> None:
    names = UnknownNames(
        lexicon("en"),
        "Fisker said so. Talks with Fisker_2, Fiskers, Fisker!",
        EntityCatalog.build(()),
    )
    assert names._named_inside("Fisker")  # "with Fisker_2" no, "Fiskers" no, ", Fisker!" yes
    alone = UnknownNames(
        lexicon("en"), "Fisker said so.\nFisker, again. (Fisker)", EntityCatalog.build(())
    )
    assert not alone._named_inside("Fisker")
