"""Scores the analysis against a labelled corpus: gold front matter and expected alerts.

A labelled corpus is a documents folder whose files carry a ``gold`` block in their front
matter, plus ``watch.yaml`` (the watched companies) and ``expected_alerts*.yaml`` (the alerts a
replay must raise, in stream order). :func:`evaluate` replays the folder through the analysis
in file order and :func:`score` compares what came out with the labels.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, Literal, NamedTuple, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, computed_field
from rich.table import Table

from connectors.documents import DOCUMENT_SUFFIXES, load_articles
from streams.analysis import Monitor, load_watch_config
from streams.records import Alert, AlertType, ArticleAnalysis, claim_key

__all__ = [
    "Accuracy",
    "AccuracyTable",
    "CorpusError",
    "EvalReport",
    "ExpectedAlert",
    "GoldArticle",
    "GoldClaim",
    "GoldLabels",
    "Score",
    "ScoreTable",
    "evaluate",
    "load_expected_alerts",
    "load_gold",
    "render_report",
    "score",
]

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)^---[ \t]*$", re.M | re.S)
_UNKNOWN_LANGUAGE = "?"
T = TypeVar("T", bound=Hashable)


class CorpusError(ValueError):
    """A labelled corpus file is missing or malformed; the message names the file."""


class _Label(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


class GoldClaim(_Label):
    """A claim an analyst would record from one article."""

    entity: str
    topic: str = Field(description="News topic id.")
    kind: str
    object: str | None = None
    time: str | None = None
    mod: str | None = None
    value: str | None = None
    hedged: bool = False
    status: Literal["reported", "confirmed", "denied"] = "reported"

    @property
    def key(self) -> str:
        return claim_key(self.entity, self.topic, self.kind, self.object)


class GoldLabels(_Label):
    """The ``gold`` block of an article's front matter."""

    lang: str
    topics: list[str]
    entities: list[str]
    claims: list[GoldClaim]


class GoldArticle(_Label):
    """One labelled article: its front matter (body left out) and its file name."""

    article_id: str = Field(alias="id", min_length=1)
    title: str = Field(min_length=1)
    published: datetime
    url: str
    source: str
    gold: GoldLabels
    file: str = Field(description="File name inside the corpus folder.")


class ExpectedAlert(_Label):
    """One line of ``expected_alerts*.yaml``: an alert the replay must raise."""

    article: str = Field(description="Id of the article that triggers the alert.")
    # The fields below mirror streams.records.Alert (a test keeps them in step).
    type: AlertType
    entity: str
    topic: str
    kind: str
    object: str | None = None
    time: str | None = None
    mod: str | None = None
    previous_time: str | None = None
    previous_mod: str | None = None
    refinement: bool | None = None
    value: str | None = None
    previous_value: str | None = None
    status: str | None = None
    previous_status: str | None = None


class _Counts(BaseModel):
    # Computed fields appear in the JSON; ignoring them on input lets a report round-trip.
    model_config = ConfigDict(frozen=True, extra="ignore")


class Score(_Counts):
    """Counts of true positives, false positives and false negatives, with P/R/F1."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def precision(self) -> float | None:
        """None when nothing was predicted."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def recall(self) -> float | None:
        """None when nothing was expected."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def f1(self) -> float | None:
        """None when precision or recall is undefined."""
        if self.precision is None or self.recall is None:
            return None
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


class ScoreTable(_Label):
    """P/R/F1 overall, per article language and per category.

    The category is the news topic for topics, the claim kind for claims and the alert type
    for alerts.
    """

    overall: Score
    by_language: dict[str, Score]
    by_category: dict[str, Score]


class Accuracy(_Counts):
    """Share of correct answers."""

    correct: int = 0
    total: int = 0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def accuracy(self) -> float | None:
        """None when there was nothing to judge."""
        return self.correct / self.total if self.total else None


class AccuracyTable(_Label):
    """Accuracy overall and per article language."""

    overall: Accuracy
    by_language: dict[str, Accuracy]


class EvalReport(_Label):
    """How well the analysis did on one labelled corpus."""

    corpus: str
    articles: int
    language: AccuracyTable = Field(description="Detected language == gold language.")
    topics: ScoreTable = Field(description="News topics per article (micro-averaged).")
    claims: ScoreTable = Field(description="Claims matched on key: entity, topic, kind, object.")
    timex: AccuracyTable = Field(
        description="Gold claims with a time, matched on key: predicted time == gold time."
    )
    alerts: ScoreTable = Field(
        description="Matched on article, type and key; time, value or status must agree for "
        "timeline, value and status changes."
    )
    missed_alerts: list[str] = Field(description="Expected alerts that were not raised.")
    unexpected_alerts: list[str] = Field(description="Raised alerts that were not expected.")


# --- Loading the labels -------------------------------------------------------------------


def load_gold(corpus: Path) -> list[GoldArticle]:
    """The labelled articles of ``corpus`` in file-name order (= stream order)."""
    articles = []
    for path in sorted(corpus.iterdir()):
        if path.suffix.lower() not in DOCUMENT_SUFFIXES or path.name.startswith("."):
            continue
        match = _FRONT_MATTER.match(path.read_text(encoding="utf-8-sig").replace("\r\n", "\n"))
        if match is None:
            raise CorpusError(f"{path}: no front matter")
        front = _yaml(path, match.group(1))
        if not isinstance(front, dict):
            raise CorpusError(f"{path}: front matter must be a mapping")
        articles.append(_validate(GoldArticle, path, {**front, "file": path.name}))
    return articles


def load_expected_alerts(corpus: Path) -> list[ExpectedAlert]:
    """The expected alerts of ``corpus``: every ``expected_alerts*.yaml``, in file-name order."""
    expected: list[ExpectedAlert] = []
    for path in sorted(corpus.glob("expected_alerts*.yaml")):
        entries = _yaml(path, path.read_text(encoding="utf-8")) or []
        if not isinstance(entries, list):
            raise CorpusError(f"{path}: expected a YAML list of alerts")
        expected.extend(_validate(ExpectedAlert, path, entry) for entry in entries)
    return expected


def _yaml(path: Path, text: str) -> Any:
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise CorpusError(f"{path}: not valid YAML: {exc}") from None


_Model = TypeVar("_Model", bound=BaseModel)


def _validate(model: type[_Model], path: Path, data: Any) -> _Model:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(part) for part in error["loc"])
        raise CorpusError(f"{path}: {where}: {error['msg']}") from None


# --- Replay and scoring -------------------------------------------------------------------


def evaluate(corpus: Path) -> EvalReport:
    """Replay ``corpus`` through the analysis and claim ledger in file order; score it."""
    gold = load_gold(corpus)
    expected = load_expected_alerts(corpus)
    monitor = Monitor(load_watch_config(corpus / "watch.yaml"))
    analyses: list[ArticleAnalysis] = []
    alerts: list[Alert] = []
    for article in load_articles(corpus):
        analysis, fired = monitor.process(article)
        analyses.append(analysis)
        alerts.extend(fired)
    return score(gold, expected, analyses, alerts, corpus=corpus.name)


def score(
    gold: Sequence[GoldArticle],
    expected: Sequence[ExpectedAlert],
    analyses: Sequence[ArticleAnalysis],
    alerts: Sequence[Alert],
    *,
    corpus: str = "",
) -> EvalReport:
    """Compare predicted analyses and alerts with the labels.

    An article without an analysis counts as predicting nothing; an analysis or alert of an
    article that has no label counts against precision under the language ``?``.
    """
    predicted = {analysis.article_id: analysis for analysis in analyses}
    language_of = {article.article_id: article.gold.lang for article in gold}
    language_hits: list[tuple[bool, str]] = []
    topic_outcomes: list[_Outcome] = []
    claim_outcomes: list[_Outcome] = []
    timex_hits: list[tuple[bool, str]] = []
    for article in gold:
        lang = article.gold.lang
        analysis = predicted.get(article.article_id)
        language_hits.append((analysis is not None and analysis.lang == lang, lang))
        topics = [t.topic for t in analysis.topics if t.score > 0] if analysis else []
        topic_outcomes += _outcomes(article.gold.topics, topics, lang, str)
        claims = analysis.claims if analysis else []
        gold_keys = {claim.key: claim for claim in article.gold.claims}
        claim_outcomes += _outcomes(gold_keys, {c.key for c in claims}, lang, _kind_of_key)
        for key, gold_claim in gold_keys.items():
            times = {c.time for c in claims if c.key == key}
            if gold_claim.time is not None and times:
                timex_hits.append((times == {gold_claim.time}, lang))
    for article_id in predicted.keys() - language_of.keys():
        for claim in predicted[article_id].claims:
            claim_outcomes.append(_Outcome("fp", _UNKNOWN_LANGUAGE, claim.kind))
    expected_alerts = [_expected_signature(alert) for alert in expected]
    raised_alerts = [_raised_signature(alert) for alert in alerts]
    hits, missed, unexpected = _match(expected_alerts, raised_alerts)

    def alert_outcome(outcome: str, alert: _AlertSignature) -> _Outcome:
        return _Outcome(outcome, language_of.get(alert.article, _UNKNOWN_LANGUAGE), alert.type)

    alert_outcomes = [alert_outcome("tp", a) for a in hits]
    alert_outcomes += [alert_outcome("fn", a) for a in missed]
    alert_outcomes += [alert_outcome("fp", a) for a in unexpected]
    return EvalReport(
        corpus=corpus,
        articles=len(gold),
        language=_accuracy_table(language_hits),
        topics=_score_table(topic_outcomes),
        claims=_score_table(claim_outcomes),
        timex=_accuracy_table(timex_hits),
        alerts=_score_table(alert_outcomes),
        missed_alerts=[str(alert) for alert in missed],
        unexpected_alerts=[str(alert) for alert in unexpected],
    )


class _Outcome(NamedTuple):
    outcome: str  # "tp", "fp" or "fn"
    language: str
    category: str


class _AlertSignature(NamedTuple):
    """What must agree for a raised alert to count as an expected one."""

    article: str
    type: str
    key: str
    detail: str | None  # time (timeline), value (value) or status (status change)

    def __str__(self) -> str:
        detail = f" -> {self.detail}" if self.detail is not None else ""
        return f"{self.article} {self.type} {self.key}{detail}"


def _signature(
    article: str,
    type_: AlertType,
    key: str,
    time: str | None,
    value: str | None,
    status: str | None,
) -> _AlertSignature:
    detail = {
        AlertType.TIMELINE_CHANGED: time,
        AlertType.VALUE_CHANGED: value,
        AlertType.STATUS_CHANGED: status,
    }.get(type_)
    return _AlertSignature(article, type_.value, key, detail)


def _expected_signature(alert: ExpectedAlert) -> _AlertSignature:
    key = claim_key(alert.entity, alert.topic, alert.kind, alert.object)
    return _signature(alert.article, alert.type, key, alert.time, alert.value, alert.status)


def _raised_signature(alert: Alert) -> _AlertSignature:
    return _signature(
        alert.article_id, alert.type, alert.claim_key, alert.time, alert.value, alert.status
    )


def _match(expected: Sequence[T], predicted: Sequence[T]) -> tuple[list[T], list[T], list[T]]:
    """Multiset matching: (matched, expected but missing, predicted but unexpected)."""
    want, got = Counter(expected), Counter(predicted)
    hits = list((want & got).elements())
    return hits, list((want - got).elements()), list((got - want).elements())


def _outcomes(
    expected: Iterable[str], predicted: Iterable[str], language: str, category: Callable[[str], str]
) -> list[_Outcome]:
    """Outcomes of one article: its expected items against its predicted items, as sets."""
    want, got = set(expected), set(predicted)
    outcomes = [_Outcome("tp", language, category(item)) for item in want & got]
    outcomes += [_Outcome("fn", language, category(item)) for item in want - got]
    outcomes += [_Outcome("fp", language, category(item)) for item in got - want]
    return outcomes


def _kind_of_key(key: str) -> str:
    return key.split("|")[2]


def _score_table(outcomes: Iterable[_Outcome]) -> ScoreTable:
    overall: Counter[str] = Counter()
    by_language: dict[str, Counter[str]] = {}
    by_category: dict[str, Counter[str]] = {}
    for outcome, language, category in outcomes:
        overall[outcome] += 1
        by_language.setdefault(language, Counter())[outcome] += 1
        by_category.setdefault(category, Counter())[outcome] += 1
    return ScoreTable(
        overall=_score(overall),
        by_language={k: _score(v) for k, v in sorted(by_language.items())},
        by_category={k: _score(v) for k, v in sorted(by_category.items())},
    )


def _score(counts: Counter[str]) -> Score:
    return Score(tp=counts["tp"], fp=counts["fp"], fn=counts["fn"])


def _accuracy_table(hits: Iterable[tuple[bool, str]]) -> AccuracyTable:
    overall: Counter[bool] = Counter()
    by_language: dict[str, Counter[bool]] = {}
    for correct, language in hits:
        overall[correct] += 1
        by_language.setdefault(language, Counter())[correct] += 1
    return AccuracyTable(
        overall=_accuracy(overall),
        by_language={k: _accuracy(v) for k, v in sorted(by_language.items())},
    )


def _accuracy(counts: Counter[bool]) -> Accuracy:
    return Accuracy(correct=counts[True], total=counts[True] + counts[False])


# --- Rendering ----------------------------------------------------------------------------


def render_report(report: EvalReport) -> list[Table]:
    """The report as rich tables: per language, per news topic, per claim kind, per alert type,
    then the alert mismatches (when there are any)."""
    tables = [
        _language_view(report),
        _category_view("News topics", "news topic", report.topics),
        _category_view("Claims", "claim kind", report.claims),
        _category_view("Alerts", "alert type", report.alerts),
    ]
    if report.missed_alerts or report.unexpected_alerts:
        mismatches = Table(title="Alert mismatches")
        mismatches.add_column("")
        mismatches.add_column("alert (article, type, key -> time/value/status)")
        for alert in report.missed_alerts:
            mismatches.add_row("missed", alert)
        for alert in report.unexpected_alerts:
            mismatches.add_row("unexpected", alert)
        tables.append(mismatches)
    return tables


def _language_view(report: EvalReport) -> Table:
    table = Table(title=f"Evaluation of {report.corpus or 'corpus'}: per language")
    for column in ("language", "articles", "lang acc", "topics F1", "claims P/R/F1"):
        table.add_column(column, justify="right")
    for column in ("TIMEX acc", "alerts P/R/F1"):
        table.add_column(column, justify="right")
    languages = sorted(
        set(report.language.by_language)
        | set(report.claims.by_language)
        | set(report.alerts.by_language)
    )
    for language in [*languages, "all"]:
        if language == "all":
            lang_acc, timex = report.language.overall, report.timex.overall
            topics, claims = report.topics.overall, report.claims.overall
            alerts = report.alerts.overall
        else:
            lang_acc = report.language.by_language.get(language, Accuracy())
            timex = report.timex.by_language.get(language, Accuracy())
            topics = report.topics.by_language.get(language, Score())
            claims = report.claims.by_language.get(language, Score())
            alerts = report.alerts.by_language.get(language, Score())
        table.add_row(
            language,
            str(lang_acc.total),
            _number(lang_acc.accuracy),
            _number(topics.f1),
            _prf(claims),
            _number(timex.accuracy),
            _prf(alerts),
        )
    return table


def _category_view(title: str, category: str, scores: ScoreTable) -> Table:
    table = Table(title=title)
    table.add_column(category)
    for column in ("P", "R", "F1", "tp", "fp", "fn"):
        table.add_column(column, justify="right")
    for name, value in [*scores.by_category.items(), ("all", scores.overall)]:
        table.add_row(
            name,
            _number(value.precision),
            _number(value.recall),
            _number(value.f1),
            str(value.tp),
            str(value.fp),
            str(value.fn),
        )
    return table


def _prf(value: Score) -> str:
    return "/".join(_number(x) for x in (value.precision, value.recall, value.f1))


def _number(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"
