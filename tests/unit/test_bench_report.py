"""The benchmark's report: percentiles, the JSON object's keys, PASS/MISS per target."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from rich.console import Console

from streams.bench.report import BenchReport, render
from streams.bench.scale_out import ScaleOut
from streams.bench.stats import AlertTally, Latency, per_second, percentile

REPORT = BenchReport(
    articles=100,
    analysis_articles_per_s=1500.0,
    analysis_median_ms=0.6,
    pipeline_articles_per_s=350.0,
    pipeline_cpu_ms_per_article=4.5,
    plain_loop_articles_per_s=400.0,
    plain_loop_cpu_ms_per_article=3.5,
    raw_transport_msgs_per_s=9000.0,
    raw_transport_messages=10_000,
    raw_produce_msgs_per_s=20000.0,
    raw_consume_msgs_per_s=30000.0,
    latency_ms=Latency(p50=20.0, p99=90.0, samples=80),
    latency_rate=20.0,
    rss_mb=120.0,
    pipeline_alerts=AlertTally(expected=50, arrived=50, unexpected=0, repeated=0),
    plain_loop_alerts=AlertTally(expected=50, arrived=50, unexpected=0, repeated=2),
)


def test_percentile_is_nearest_rank() -> None:
    sample = [float(v) for v in range(1, 101)]
    assert percentile(sample, 0.5) == 50.0
    assert percentile(sample, 0.99) == 99.0
    assert percentile([7.0, 1.0, 3.0], 1.0) == 7.0
    assert percentile([4.0], 0.99) == 4.0
    with pytest.raises(ValueError):
        percentile([], 0.5)


def test_per_second_of_no_time_is_zero() -> None:
    assert per_second(10, 2.0) == 5.0
    assert per_second(10, 0.0) == 0.0


def test_json_object_has_the_documented_keys() -> None:
    data = json.loads(json.dumps(REPORT.to_json()))
    for key in (
        "analysis_articles_per_s",
        "pipeline_articles_per_s",
        "plain_loop_articles_per_s",
        "raw_transport_msgs_per_s",
        "raw_produce_msgs_per_s",
        "raw_consume_msgs_per_s",
        "rss_mb",
    ):
        assert isinstance(data[key], float)
    assert set(data["latency_ms"]) >= {"p50", "p99"}
    assert [t["met"] for t in data["targets"]] == [True] * 6


def test_each_target_misses_on_its_own_measure() -> None:
    misses = {
        "analysis": replace(REPORT, analysis_articles_per_s=999.0),
        "pipeline ≥ 300": replace(
            REPORT, pipeline_articles_per_s=299.0, plain_loop_articles_per_s=299.0
        ),
        "plain loop": replace(REPORT, plain_loop_articles_per_s=501.0),
        "p99": replace(REPORT, latency_ms=Latency(p50=20.0, p99=201.0, samples=80)),
        "pipeline raised": replace(
            REPORT, pipeline_alerts=AlertTally(expected=50, arrived=49, unexpected=0, repeated=0)
        ),
        "plain loop raised": replace(
            REPORT, plain_loop_alerts=AlertTally(expected=50, arrived=50, unexpected=1, repeated=0)
        ),
    }
    for goal_part, report in misses.items():
        missed = [t.goal for t in report.targets() if not t.met]
        assert len(missed) == 1 and goal_part in missed[0], (goal_part, missed)


def test_table_says_pass_and_miss() -> None:
    console = Console(record=True, width=160)
    render(replace(REPORT, latency_ms=Latency(p50=30.0, p99=250.0, samples=80)), console)
    text = console.export_text()
    assert text.count("PASS") == 5 and text.count("MISS") == 1
    assert "250 ms" in text and "1,500 articles/s" in text
    assert "50 of 50 (2 redelivered)" in text


def test_a_scale_out_run_adds_its_rows_and_its_json_object() -> None:
    scaled = ScaleOut(
        workers=2,
        articles_partitions=2,
        claims_partitions=4,
        articles_per_s=420.0,
        analysed_by_worker=[48, 52],
        ledger_partitions_by_worker=[[1, 3], [0, 2]],
        alerts=AlertTally(expected=50, arrived=47, unexpected=4, repeated=0),
    )
    console = Console(record=True, width=160)
    render(replace(REPORT, scale_out=scaled), console)
    text = console.export_text()
    assert "2 workers together (2 articles, 4 claims partitions)" in text
    assert "420 articles/s" in text and "48 / 52" in text and "1,3 / 0,2" in text
    assert "47 of 50 / 4 / 0" in text
    data = json.loads(json.dumps(replace(REPORT, scale_out=scaled).to_json()))
    assert data["scale_out"]["analysed_by_worker"] == [48, 52]
    assert json.loads(json.dumps(REPORT.to_json()))["scale_out"] is None
    plain = Console(record=True, width=160)
    render(REPORT, plain)
    assert "workers together" not in plain.export_text()


def test_the_analysis_on_other_articles_has_a_row_only_when_measured() -> None:
    console = Console(record=True, width=160)
    render(replace(REPORT, text_articles=211, text_analysis_articles_per_s=654.0), console)
    text = console.export_text()
    assert "on 211 other articles" in text and "654 articles/s" in text
    plain = Console(record=True, width=160)
    render(REPORT, plain)
    assert "other articles" not in plain.export_text()
    assert REPORT.to_json()["text_articles"] == 0
