"""Time expressions: the golden table in five languages, day ranges, and the grammar files."""

from __future__ import annotations

import copy
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from streams.analysis.timedata import (
    TimeDataError,
    load_time_data,
    parse_time_data,
    time_languages,
)
from streams.analysis.timevalues import contains, granularity_days, interval
from streams.analysis.timex import find_times
from tests.conftest import SEEDS

TABLE = yaml.safe_load(Path(__file__).with_name("timex_cases.yaml").read_text(encoding="utf-8"))
LANGUAGES = ("en", "it", "de", "fr", "es")


def _golden() -> list[Any]:
    params = []
    for lang, cases in TABLE["cases"].items():
        for number, case in enumerate(cases, 1):
            anchor = case.get("anchor", TABLE["anchor"])
            params.append(pytest.param(lang, case, anchor, id=f"{lang}-{number}"))
    return params


def _found(sentence: str, lang: str, anchor: date | None) -> list[str]:
    mentions = find_times(sentence, lang, anchor)
    for m in mentions:
        assert m.text == sentence[m.start : m.end]
        assert m.kind == ("duration" if m.value.startswith("P") else "date")
    return [f"{m.value} {m.mod}" if m.mod else m.value for m in mentions]


@pytest.mark.parametrize(("lang", "case", "anchor"), _golden())
def test_golden_table(lang: str, case: dict[str, Any], anchor: date | None) -> None:
    # YAML reads 2019 as an int and 2024-03-28 as a date: compare their text.
    assert _found(case["text"], lang, anchor) == [str(w) for w in case["want"]]
    if "texts" in case:
        assert [m.text for m in find_times(case["text"], lang, anchor)] == case["texts"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_golden_table_covers_each_language_with_negatives(lang: str) -> None:
    cases = TABLE["cases"][lang]
    assert len(cases) >= 25
    assert sum(1 for c in cases if not c["want"]) >= 4


def test_matching_ignores_case_accents_and_apostrophe_shape() -> None:
    anchor = date(2021, 10, 15)
    assert _found("ENTRO LA FINE DEL 2019", "it", None) == ["2019 END"]
    assert _found("a meta 2024 e l’anno prossimo", "it", anchor) == ["2024 MID", "2022"]
    assert _found("Marz 2024 und Maerz", "de", None) == ["2024-03"]
    assert _found("d’ici la fin de l’annee", "fr", anchor) == ["2021 END"]


def test_the_most_specific_expression_wins_and_mentions_do_not_overlap() -> None:
    mentions = find_times("Launched on 28 March 2024, in 2024.", "en", None)
    assert [(m.text, m.value) for m in mentions] == [
        ("28 March 2024", "2024-03-28"),
        ("2024", "2024"),
    ]
    assert mentions[0].end <= mentions[1].start


def test_a_range_gives_its_first_period_and_one_that_runs_backwards_is_no_range() -> None:
    assert _found("from March to May 2024", "en", None) == ["2024-03 ON_OR_AFTER"]
    assert _found("between 2025 and 2024", "en", None) == ["2025", "2024"]


def test_stacked_modifiers_keep_the_one_that_bounds_the_time() -> None:
    assert _found("since the end of 2023", "en", None) == ["2023 ON_OR_AFTER"]
    assert _found("until mid-2024", "en", None) == ["2024 MID"]
    assert _found("a partire dall'inizio del 2025", "it", None) == ["2025 ON_OR_AFTER"]
    assert _found("bis Anfang 2025", "de", None) == ["2025 START"]


def test_an_impossible_date_falls_back_to_the_month() -> None:
    assert _found("It happened on 31 February 2024.", "en", None) == ["2024-02"]


@pytest.mark.parametrize(
    ("sentence", "anchor", "want"),
    [
        ("on Tuesday", date(2024, 5, 14), "2024-05-14"),  # the anchor itself is a Tuesday
        ("on Tuesday", date(2024, 5, 13), "2024-05-07"),
        ("last Tuesday", date(2024, 5, 14), "2024-05-07"),
        ("next Tuesday", date(2024, 5, 14), "2024-05-21"),
        ("this winter", date(2024, 1, 10), "2023-WI"),  # the winter under way
        ("this summer", date(2024, 5, 1), "2024-SU"),
        ("this summer", date(2024, 10, 1), "2025-SU"),  # already past: next year's
        ("last summer", date(2024, 7, 1), "2023-SU"),
        ("next week", date(2024, 12, 30), "2025-W02"),  # ISO weeks cross years
        ("next quarter", date(2024, 11, 5), "2025-Q1"),
        ("next month", date(2024, 12, 5), "2025-01"),
        ("on 12 May", date(2024, 3, 1), "2024-05-12"),  # no tense: the next on or after
        ("It opened on 12 May", date(2024, 3, 1), "2023-05-12"),  # past: the latest before
        ("It opened on 12 May", date(2024, 5, 12), "2024-05-12"),  # the anchor day counts
        ("It will open on 12 May", date(2024, 5, 20), "2025-05-12"),
        ("It will open in May", date(2024, 5, 20), "2024-05"),  # the month under way counts
        ("It will open on Tuesday", date(2024, 5, 16), "2024-05-21"),
        # A weekday with its week is that day of that (ISO) week, whatever the tense.
        ("It opened on Sunday last week", date(2024, 5, 13), "2024-05-12"),
        ("It opens on Monday this week", date(2024, 5, 19), "2024-05-13"),
        ("It opens next week on Sunday", date(2024, 12, 30), "2025-01-12"),
        ("It opens this Tuesday", date(2024, 5, 15), "2024-05-21"),
    ],
)
def test_relative_expressions_resolve_against_the_anchor(
    sentence: str, anchor: date, want: str
) -> None:
    assert _found(sentence, "en", anchor) == [want]


@pytest.mark.parametrize(
    ("sentence", "want"),
    [
        # The nearest cue in the time's own clause decides.
        ("Sales fell in March and will recover in September.", ["2021-03", "2021-09"]),
        ("Xiaomi sold 9,000 cars in May and expects more.", ["2021-05"]),
        # A cue inside the time ("may" in "in May") does not count; one in its modifier does.
        ("Shipments rose in May.", ["2021-05"]),
        ("It has been listed since July.", ["2020-07 ON_OR_AFTER"]),
        # No cue in the clause: the nearest in the sentence.
        ("In April, Xiaomi said, deliveries rose.", ["2021-04"]),
        # No cue at all: the next one, unless the last one ended much more recently.
        ("Deliveries start in March.", ["2022-03"]),
        ("Deliveries hit a record in May.", ["2021-05"]),
        # A verb of saying dates the report: it counts only right beside the time.
        ("Deliveries start in March, the company said.", ["2022-03"]),
        ("Xiaomi said deliveries start in March.", ["2022-03"]),
        ("Xiaomi said in March that it would build a plant.", ["2021-03"]),
        ("Xiaomi told reporters in March it would build a plant.", ["2021-03"]),
    ],
)
def test_the_tense_chooses_the_year_of_a_time_without_one(sentence: str, want: list[str]) -> None:
    assert _found(sentence, "en", date(2021, 6, 8)) == want


@pytest.mark.parametrize(
    ("value", "mod", "first", "last"),
    [
        ("2024", None, date(2024, 1, 1), date(2024, 12, 31)),
        ("2024-H1", None, date(2024, 1, 1), date(2024, 6, 30)),
        ("2024-H2", None, date(2024, 7, 1), date(2024, 12, 31)),
        ("2024-Q3", None, date(2024, 7, 1), date(2024, 9, 30)),
        ("2024-SP", None, date(2024, 3, 1), date(2024, 5, 31)),
        ("2024-WI", None, date(2024, 12, 1), date(2025, 2, 28)),
        ("2023-WI", None, date(2023, 12, 1), date(2024, 2, 29)),
        ("2024-02", None, date(2024, 2, 1), date(2024, 2, 29)),
        ("2024-03-28", None, date(2024, 3, 28), date(2024, 3, 28)),
        ("2024-W01", None, date(2024, 1, 1), date(2024, 1, 7)),
        ("2024", "START", date(2024, 1, 1), date(2024, 4, 30)),
        ("2024", "MID", date(2024, 5, 1), date(2024, 8, 31)),
        ("2024", "END", date(2024, 9, 1), date(2024, 12, 31)),
        ("2024-H1", "END", date(2024, 5, 1), date(2024, 6, 30)),
        ("2024-03", "START", date(2024, 3, 1), date(2024, 3, 10)),
        ("2024-03", "END", date(2024, 3, 22), date(2024, 3, 31)),
        ("2024-03-28", "END", date(2024, 3, 28), date(2024, 3, 28)),
        ("2024", "APPROX", date(2023, 10, 2), date(2025, 4, 1)),  # ± 366 // 4 days
        ("2025", "ON_OR_BEFORE", date(2025, 1, 1), date(2025, 12, 31)),
        ("2023", "ON_OR_AFTER", date(2023, 1, 1), date(2023, 12, 31)),
        ("199", None, date(1990, 1, 1), date(1999, 12, 31)),
        ("199", "END", date(1996, 9, 1), date(1999, 12, 31)),  # the last 40 months
        ("202", "START", date(2020, 1, 1), date(2023, 4, 30)),
    ],
)
def test_interval(value: str, mod: str | None, first: date, last: date) -> None:
    assert interval(value, mod) == (first, last)


def test_durations_have_no_interval_and_bad_values_are_refused() -> None:
    assert interval("P10Y") is None
    assert granularity_days("P6M") is None
    for bad in ("2024-Q5", "24", "199-Q1", "next year", "2024-13"):
        with pytest.raises(ValueError):
            interval(bad)
    with pytest.raises(ValueError, match="mod"):
        interval("2024", "SOON")


@pytest.mark.parametrize(
    ("value", "days"), [("2024", 366), ("2023", 365), ("2024-H1", 182), ("2024-03-28", 1)]
)
def test_granularity_days(value: str, days: int) -> None:
    assert granularity_days(value) == days


@pytest.mark.parametrize(
    ("outer", "inner", "inside"),
    [
        (("2024", None), ("2024-H1", None), True),
        (("2024-H1", None), ("2024-03-28", None), True),
        (("2024-H1", None), ("2023", None), False),
        (("2024-H1", None), ("2024", None), False),
        (("2024-Q3", None), ("2024-Q3", None), True),
        (("2024", None), ("2024", "END"), True),
        (("2024", "END"), ("2024-H1", None), False),
        (("2024", "APPROX"), ("2024", None), True),
        (("2024", None), ("2024", "APPROX"), False),
        (("2024", None), ("2024-SU", None), True),
        (("2024", None), ("2024-WI", None), False),  # December to February: crosses the year
        (("P10Y", None), ("P10Y", None), True),
        (("P10Y", None), ("2024", None), False),
        (("199", None), ("1995-Q2", None), True),
        (("199", "END"), ("1995", None), False),
    ],
)
def test_contains(
    outer: tuple[str, str | None], inner: tuple[str, str | None], inside: bool
) -> None:
    assert contains(outer, inner) is inside


# Seed articles (read at run time, never copied): the absolute times each one holds.
SEED_TIMES = {
    "000": ("it", {"2019 END", "2019"}),
    "001": ("en", set()),
    "002": ("en", {"2024", "2024-H1", "2024-H2 START", "P10Y"}),
    "003": ("de", {"2021-03", "P10Y", "2024-H1 ON_OR_AFTER"}),
    "004": ("fr", {"2024-H1", "2023 ON_OR_AFTER", "P10Y"}),
}


@pytest.mark.parametrize("prefix", sorted(SEED_TIMES))
def test_seed_articles_give_their_times_and_no_junk(prefix: str) -> None:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    lang, want = SEED_TIMES[prefix]
    lines = path.read_text(encoding="utf-8").splitlines()
    assert {t for line in lines for t in _found(line, lang, None)} == want


def test_every_time_grammar_file_validates_and_compiles() -> None:
    assert set(LANGUAGES) <= time_languages()
    for lang in time_languages():
        assert load_time_data(lang).lang == lang
        assert find_times("2024", lang, None)[0].value == "2024"


def test_an_unknown_language_is_a_clear_error() -> None:
    with pytest.raises(TimeDataError, match="no time grammar for 'xx'"):
        find_times("2024", "xx", None)
    with pytest.raises(TimeDataError, match="not a language code"):
        load_time_data("../en")


def _minimal() -> dict[str, Any]:
    en = load_time_data("en")
    return {
        "lang": "en",
        "months": en.months,
        "weekdays": en.weekdays,
        "seasons": en.seasons,
        "ordinals": en.ordinals,
        "numbers": {"two": 2},
        "units": {"years": "Y"},
        "modifiers": {"END": ["by the end of"]},
        "patterns": [{"type": "year", "regex": "{year}"}],
    }


def _set(doc: dict[str, Any], path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    doc = copy.deepcopy(doc)
    target = doc
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return doc


@pytest.mark.parametrize(
    ("path", "value", "field", "message"),
    [
        (("months", "march"), 13, "months.march", "less than or equal to 12"),
        (("patterns", 0, "type"), "century", "patterns.0.type", "Input should be"),
        (("patterns", 0, "regex"), "{yaer}", "patterns.0", "unknown placeholder"),
        (("patterns", 0, "regex"), "({year}", "patterns.0", "not a valid regular expression"),
        (("patterns", 0), {"type": "day", "regex": "{day} {year}"}, "patterns.0", "'month'"),
        (("patterns", 0), {"type": "relative", "regex": "soon"}, "patterns.0", "`unit`"),
        (("patterns", 0, "colour"), "red", "patterns.0.colour", "Extra inputs"),
        (("patterns", 0, "regex"), "(?:soon)?", "patterns.0", "matches an empty text"),
        (("modifiers", "END"), ["by the end of "], "modifiers.END.0", "end in a space"),
        (("units", "years"), "years", "units.years", "should match pattern"),
        (("seasons", "summer"), "JJA", "seasons.summer", "Input should be"),
        (("tense",), {"past": ["(was"]}, "tense.past.0", "not a valid regular expression"),
        (("tense",), {"future": ["will "]}, "tense.future.0", "end in a space"),
        (("tense",), {"present": ["is"]}, "tense.present", "Extra inputs"),
        (("tense",), {"reporting": ["(said"]}, "tense.reporting.0", "not a valid regular"),
        (("decades",), {"nineties": 1990}, "decades.nineties", "less than or equal to 210"),
        (("patterns", 0), {"type": "decade", "regex": "{year}s"}, "patterns.0", "'decade'"),
        (
            ("patterns", 0),
            {"type": "decade", "regex": "{decade}s", "offset": 1},
            "patterns.0",
            "no `offset`",
        ),
    ],
)
def test_a_broken_grammar_file_names_the_file_and_the_field(
    path: tuple[Any, ...], value: Any, field: str, message: str
) -> None:
    assert parse_time_data(yaml.safe_dump(_minimal()), "good.yaml").lang == "en"
    text = yaml.safe_dump(_set(_minimal(), path, value))
    with pytest.raises(TimeDataError) as error:
        parse_time_data(text, "xx/time.yaml")
    assert str(error.value).startswith(f"xx/time.yaml: {field}")
    assert message in str(error.value)


def test_a_grammar_file_that_is_not_yaml_is_a_clear_error() -> None:
    with pytest.raises(TimeDataError, match=r"^xx/time.yaml: not valid YAML"):
        parse_time_data("lang: [en", "xx/time.yaml")
