"""Language data and the watch config: discovery, validation, clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from streams.analysis import ConfigError, WatchConfig, languages, load_watch_config
from streams.analysis.datafiles import load_yaml_model
from streams.analysis.lexicon import DATA_DIR, default_entities, kinds, lexicon
from streams.analysis.patterns import AliasTable, compile_patterns
from streams.analysis.schema import KindSpec, LexiconFile, TopicByObject

ROOT = Path(__file__).resolve().parents[2]


def test_languages_are_the_data_folders_with_a_lexicon() -> None:
    assert languages() == ("de", "en", "es", "fr", "it")
    assert set(languages()) == {p.parent.name for p in DATA_DIR.glob("*/lexicon.yaml")}


@pytest.mark.parametrize("lang", ["de", "en", "es", "fr", "it"])
def test_each_lexicon_loads_once_and_covers_every_kind_and_topic(lang: str) -> None:
    lex = lexicon(lang)
    assert lexicon(lang) is lex
    assert set(lex.claims) == set(kinds())
    assert {"ev", "us_market", "ipo", "ads_partnership"} <= set(lex.topic_specs)


def test_every_kind_topic_exists_in_the_lexicons() -> None:
    topics = set(lexicon("en").topic_specs)
    for spec in kinds().values():
        named = spec.topic if isinstance(spec.topic, str) else None
        if isinstance(spec.topic, TopicByObject):
            assert set(spec.topic.by_object.values()) | set(spec.topic.from_context) <= topics
        else:
            assert named in topics


def test_default_entities_include_the_seed_companies() -> None:
    names = {e.name for e in default_entities()}
    assert {"Xiaomi", "Great Wall Motor", "The Trade Desk", "Huawei", "ZTE"} <= names


def test_a_broken_lexicon_names_its_file_and_field(tmp_path: Path) -> None:
    english = (DATA_DIR / "en" / "lexicon.yaml").read_text()
    broken = tmp_path / "lexicon.yaml"
    broken.write_text(english.replace("  ev:\n    threshold: ", "  ev:\n    threshold: -", 1))
    with pytest.raises(ConfigError) as caught:
        load_yaml_model(broken, LexiconFile)
    assert caught.value.file == str(broken)
    assert caught.value.field == "topics.ev.threshold"
    assert str(caught.value).startswith(f"{broken}: topics.ev.threshold: ")


def test_a_broken_pattern_names_its_index() -> None:
    with pytest.raises(ConfigError, match=r"claims\.listing\.triggers\.1: invalid pattern"):
        compile_patterns(["IPO", "(unclosed"], file=Path("x.yaml"), field="claims.listing.triggers")


def test_a_kind_topic_may_depend_on_its_object() -> None:
    spec = KindSpec.model_validate(
        {"topic": {"by_object": {"US": "us_market"}, "from_context": ["ev"]}, "object": "market"}
    )
    assert isinstance(spec.topic, TopicByObject) and spec.topic.by_object["US"] == "us_market"


def test_acronyms_match_only_in_capitals() -> None:
    table = AliasTable({"US": ["US", "United States"]})
    found = table.find("Let us see: the US and the united states")
    assert [m.id for m in found] == ["US", "US"]


def test_company_names_take_a_genitive() -> None:
    table = AliasTable({"Xiaomi": ["Xiaomi Corp"]}, names=True)
    text = "Xiaomis erstes Auto, Xiaomi's plan, XIAOMI CORP and xiaomi"
    assert [text[m.start : m.end] for m in table.find(text)] == [
        "Xiaomis",
        "Xiaomi's",
        "XIAOMI CORP",
    ]


def test_the_demo_watch_config_loads() -> None:
    watch = load_watch_config(ROOT / "corpus" / "demo" / "watch.yaml")
    assert [e.name for e in watch.entities] == ["Xiaomi", "Great Wall Motor", "The Trade Desk"]


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("entities: []\n", "entities"),
        ("entities: [{aliases: [X]}]\n", "entities.0.name"),
        ("entities: [{name: X}]\ncolour: red\n", "colour"),
        ("entities: [{name: X}]\ntopics: {ev: {xx: {keywords: [car]}}}\n", "topics"),
        ("entities: [{name: X}\n", "line 2"),
    ],
)
def test_an_invalid_watch_config_raises_a_config_error(
    tmp_path: Path, text: str, field: str
) -> None:
    path = tmp_path / "watch.yaml"
    path.write_text(text)
    with pytest.raises(ConfigError) as caught:
        load_watch_config(path)
    assert (caught.value.file, caught.value.field) == (str(path), field)


def test_a_missing_watch_config_raises_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read"):
        load_watch_config(tmp_path / "absent.yaml")


def test_watch_topic_keywords_may_be_a_list() -> None:
    watch = WatchConfig.model_validate(
        {"entities": [{"name": "X"}], "topics": {"ev": {"en": {"keywords": ["robotaxi"]}}}}
    )
    assert watch.topics["ev"]["en"].keywords == {"robotaxi": 1.0}
