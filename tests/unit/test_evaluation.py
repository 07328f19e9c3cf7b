"""The scorer on a tiny synthetic corpus with hand-made predictions."""

from __future__ import annotations

import io
import json
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from rich.console import Console

from streams.evaluation import (
    CorpusError,
    EvalReport,
    evaluate,
    load_expected_alerts,
    load_gold,
    render_report,
    score,
)
from streams.records import (
    Alert,
    AlertType,
    ArticleAnalysis,
    Claim,
    Evidence,
    TopicScore,
)

ARTICLES = {
    "x-001-en.md": """---
id: x-001
title: Acme plans a car
published: 2024-01-10T08:00:00Z
url: https://acme-news.example/1
source: Acme News
gold:
  lang: en
  topics: [ev]
  entities: [Acme]
  claims:
    - {entity: Acme, topic: ev, kind: first_car_target, object: null, time: '2025', mod: null,
       value: null, hedged: false, status: reported}
---
Acme says its first car arrives in 2025.
""",
    "x-002-it.md": """---
id: x-002
title: Acme rinvia l'auto
published: 2024-06-10T08:00:00Z
url: https://acme-news.example/2
source: Acme News
gold:
  lang: it
  topics: [ev]
  entities: [Acme]
  claims:
    - {entity: Acme, topic: ev, kind: first_car_target, time: '2026'}
---
Acme rinvia la sua prima auto al 2026.
""",
    "x-003-de.md": """---
id: x-003
title: Fußball am Wochenende
published: 2024-06-11T08:00:00Z
url: https://sport.example/3
source: Sport Heute
gold: {lang: de, topics: [], entities: [], claims: []}
---
Der Tabellenführer gewann am Samstag mit 3:1.
""",
}
EXPECTED = """
- {article: x-001, type: new_claim, entity: Acme, topic: ev, kind: first_car_target, time: '2025'}
- {article: x-002, type: timeline_changed, entity: Acme, topic: ev, kind: first_car_target,
   time: '2026', previous_time: '2025', refinement: false}
"""
NOW = datetime(2024, 6, 12, tzinfo=UTC)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    for name, text in ARTICLES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "expected_alerts.yaml").write_text(EXPECTED, encoding="utf-8")
    (tmp_path / "watch.yaml").write_text("entities:\n  - {name: Acme, aliases: []}\n")
    return tmp_path


def claim(article: str, time: str | None, *, kind: str = "first_car_target") -> Claim:
    evidence = Evidence(article_id=article, lang="en", sentence="...")
    return Claim(
        entity="Acme", topic="ev", kind=kind, time=time, article_id=article, evidence=evidence
    )


def analysis(
    article: str, lang: str, topics: dict[str, float], claims: list[Claim]
) -> ArticleAnalysis:
    return ArticleAnalysis(
        article_id=article,
        lang=lang,
        topics=[TopicScore(topic=t, score=s) for t, s in topics.items()],
        entities=["Acme"] if claims else [],
        claims=claims,
    )


def alert(
    article: str, type_: AlertType, time: str | None, *, kind: str = "first_car_target"
) -> Alert:
    return Alert(
        alert_id=Alert.make_id(article, type_, kind),
        type=type_,
        entity="Acme",
        topic="ev",
        kind=kind,
        time=time,
        article_id=article,
        evidence=[],
        created_at=NOW,
    )


def perfect() -> tuple[list[ArticleAnalysis], list[Alert]]:
    analyses = [
        analysis("x-001", "en", {"ev": 0.9}, [claim("x-001", "2025")]),
        analysis("x-002", "it", {"ev": 0.8}, [claim("x-002", "2026")]),
        analysis("x-003", "de", {}, []),
    ]
    alerts = [
        alert("x-001", AlertType.NEW_CLAIM, "2025"),
        alert("x-002", AlertType.TIMELINE_CHANGED, "2026"),
    ]
    return analyses, alerts


def scored(corpus: Path, analyses: list[ArticleAnalysis], alerts: list[Alert]) -> EvalReport:
    return score(load_gold(corpus), load_expected_alerts(corpus), analyses, alerts)


def test_gold_is_read_from_front_matter_in_file_order(corpus: Path) -> None:
    gold = load_gold(corpus)

    assert [a.article_id for a in gold] == ["x-001", "x-002", "x-003"]
    assert [a.file for a in gold] == list(ARTICLES)
    assert gold[1].gold.lang == "it"
    assert gold[1].gold.claims[0].key == "Acme|ev|first_car_target|"
    assert gold[1].gold.claims[0].status == "reported"


def test_an_unquoted_year_is_refused_with_the_file_name(corpus: Path) -> None:
    (corpus / "x-004-en.md").write_text(ARTICLES["x-001-en.md"].replace("'2025'", "2025"))

    with pytest.raises(CorpusError, match=r"x-004-en\.md.*time"):
        load_gold(corpus)


def test_a_document_without_front_matter_is_refused(corpus: Path) -> None:
    (corpus / "x-000-en.md").write_text("Just a title\n\nAnd a body.\n")

    with pytest.raises(CorpusError, match=r"x-000-en\.md: no front matter"):
        load_gold(corpus)


def test_expected_alert_files_are_concatenated_in_name_order(corpus: Path) -> None:
    (corpus / "expected_alerts.b.yaml").write_text(
        "- {article: x-003, type: new_claim, entity: Acme, topic: ipo, kind: listing}\n"
    )

    expected = load_expected_alerts(corpus)

    assert [(a.article, a.type) for a in expected] == [
        ("x-003", AlertType.NEW_CLAIM),
        ("x-001", AlertType.NEW_CLAIM),
        ("x-002", AlertType.TIMELINE_CHANGED),
    ]


def test_an_unknown_alert_type_is_refused(corpus: Path) -> None:
    (corpus / "expected_alerts.yaml").write_text(
        "- {article: x-001, type: claim_moved, entity: Acme, topic: ev, kind: unveil}\n"
    )

    with pytest.raises(CorpusError, match=r"expected_alerts\.yaml: type"):
        load_expected_alerts(corpus)


def test_perfect_predictions_score_one_everywhere(corpus: Path) -> None:
    report = scored(corpus, *perfect())

    assert report.articles == 3
    assert report.language.overall.accuracy == 1.0
    assert report.topics.overall.f1 == 1.0
    assert report.claims.overall.f1 == 1.0
    assert report.timex.overall.accuracy == 1.0
    assert report.alerts.overall.f1 == 1.0
    assert report.missed_alerts == report.unexpected_alerts == []


def test_a_timeline_change_to_the_wrong_time_is_missed_and_unexpected(corpus: Path) -> None:
    analyses, alerts = perfect()
    analyses[1] = analysis("x-002", "it", {"ev": 0.8}, [claim("x-002", "2027")])
    alerts[1] = alert("x-002", AlertType.TIMELINE_CHANGED, "2027")

    report = scored(corpus, analyses, alerts)

    changed = report.alerts.by_category["timeline_changed"]
    assert (changed.tp, changed.fp, changed.fn) == (0, 1, 1)
    assert report.alerts.by_category["new_claim"].f1 == 1.0
    assert report.alerts.by_language["it"].recall == 0.0
    assert report.missed_alerts == ["x-002 timeline_changed Acme|ev|first_car_target| -> 2026"]
    assert report.unexpected_alerts == ["x-002 timeline_changed Acme|ev|first_car_target| -> 2027"]
    assert report.claims.overall.f1 == 1.0  # the claim's key is right...
    assert report.timex.by_language["it"].accuracy == 0.0  # ...its time is not
    assert report.timex.by_language["en"].accuracy == 1.0


def test_a_new_claim_matches_on_key_whatever_its_time(corpus: Path) -> None:
    analyses, alerts = perfect()
    alerts[0] = alert("x-001", AlertType.NEW_CLAIM, "2030")
    alerts.append(alert("x-001", AlertType.NEW_CLAIM, None, kind="unveil"))

    report = scored(corpus, analyses, alerts)

    new = report.alerts.by_category["new_claim"]
    assert (new.tp, new.fp, new.fn) == (1, 1, 0)
    assert new.precision == 0.5
    assert report.unexpected_alerts == ["x-001 new_claim Acme|ev|unveil|"]


def test_topics_and_claims_on_a_distractor_count_against_precision(corpus: Path) -> None:
    analyses, alerts = perfect()
    analyses[2] = analysis(
        "x-003", "de", {"ev": 0.4, "ipo": 0.0}, [claim("x-003", None, kind="unveil")]
    )

    report = scored(corpus, analyses, alerts)

    assert report.topics.by_language["de"].fp == 1
    assert report.topics.by_category["ev"].precision == pytest.approx(2 / 3)
    assert "ipo" not in report.topics.by_category  # a zero score is not a topic
    assert report.claims.by_category["unveil"].fp == 1
    assert report.claims.overall.precision == pytest.approx(2 / 3)
    assert report.claims.overall.recall == 1.0


def test_an_article_without_analysis_predicts_nothing(corpus: Path) -> None:
    analyses, alerts = perfect()

    report = scored(corpus, [analyses[0], analyses[2]], alerts[:1])

    assert report.language.by_language["it"].accuracy == 0.0
    assert report.language.overall.accuracy == pytest.approx(2 / 3)
    assert report.topics.by_language["it"].fn == 1
    assert report.claims.by_language["it"].recall == 0.0
    assert "it" not in report.timex.by_language
    assert report.alerts.overall.recall == 0.5


def test_the_report_round_trips_as_json(corpus: Path) -> None:
    report = scored(corpus, *perfect())

    data = json.loads(report.model_dump_json())

    assert data["alerts"]["overall"]["f1"] == 1.0
    assert EvalReport.model_validate(data) == report


def test_render_report_shows_each_language_and_the_mismatches(corpus: Path) -> None:
    analyses, alerts = perfect()
    report = scored(corpus, analyses, alerts[:1])
    out = io.StringIO()
    console = Console(file=out, width=160, color_system=None)

    for table in render_report(report):
        console.print(table)

    text = out.getvalue()
    for language in ("de", "en", "it", "all"):
        assert re.search(rf"│ +{language} +│ +1|│ +all +│ +3", text), language
    assert re.search(
        r"│ +it +│ +1 +│ +1\.00 +│ +1\.00 +│ +1\.00/1\.00/1\.00 +│ +1\.00 +│ +-/0\.00/- +│", text
    )
    assert "missed" in text
    assert "x-002 timeline_changed Acme|ev|first_car_target| -> 2026" in text


def test_evaluate_replays_every_article_and_scores_every_expected_alert(corpus: Path) -> None:
    report = evaluate(corpus)

    assert report.corpus == corpus.name
    assert report.articles == report.language.overall.total == 3
    assert set(report.language.by_language) == {"de", "en", "it"}
    assert report.alerts.overall.tp + report.alerts.overall.fn == 2
    assert report.claims.overall.tp + report.claims.overall.fn == 2


def test_expected_alert_labels_use_the_alert_records_field_names() -> None:
    """The labels restate Alert's fields for hand-written YAML: they may not drift from it."""
    from streams.evaluation import ExpectedAlert
    from streams.records import Alert

    labels = set(ExpectedAlert.model_fields) - {"article"}
    assert labels <= set(Alert.model_fields), labels - set(Alert.model_fields)
    for name in labels:
        assert ExpectedAlert.model_fields[name].annotation == Alert.model_fields[
            name
        ].annotation or (name in {"status", "previous_status"}), name
