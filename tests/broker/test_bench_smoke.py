"""``claimwatch bench`` end to end on a tiny corpus: it runs every phase and ends with JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from connectors.documents import load_articles
from streams.bench.command import default_texts
from streams.cli import cli

pytestmark = [pytest.mark.broker]


def test_bench_with_a_tiny_corpus_prints_tables_then_one_json_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pass: exit 0; the tables come first, the last line is the JSON object with every measure
    positive (the analysis also on the hand-written corpora) and every expected alert seen by
    the pipeline and by the plain loop; two workers together analyse every article between
    them, split the ledger, and repeat no alert."""
    monkeypatch.chdir(tmp_path)  # the bench writes its logs under ./.claimwatch/bench
    result = CliRunner().invoke(cli, ["bench", "--json", "--articles", "20", "--scale-out", "2"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().splitlines()
    assert any("targets" in line for line in lines[:-1])
    data = json.loads(lines[-1])
    for key in (
        "analysis_articles_per_s",
        "analysis_without_near_duplicates_articles_per_s",
        "pipeline_articles_per_s",
        "plain_loop_articles_per_s",
        "pipeline_cpu_ms_per_article",
        "plain_loop_cpu_ms_per_article",
        "raw_transport_msgs_per_s",
        "raw_produce_msgs_per_s",
        "raw_consume_msgs_per_s",
        "rss_mb",
    ):
        assert data[key] > 0, key
    # By default the analysis is also timed on the checkout's hand-written corpora.
    texts = [article for path in default_texts() for article in load_articles(path)]
    assert data["text_articles"] == len(texts) > 100
    assert data["text_analysis_articles_per_s"] > 0
    assert 0 < data["latency_ms"]["p50"] <= data["latency_ms"]["p99"]
    for tally in (data["pipeline_alerts"], data["plain_loop_alerts"]):
        assert tally["arrived"] == tally["expected"] > 0 and tally["unexpected"] == 0
    assert (tmp_path / ".claimwatch" / "bench" / "worker.log").exists()
    scaled = data["scale_out"]
    assert scaled["articles_per_s"] > 0
    assert sum(scaled["analysed_by_worker"]) == 20 and min(scaled["analysed_by_worker"]) > 0
    owned = scaled["ledger_partitions_by_worker"]
    assert all(owned) and sorted(p for mine in owned for p in mine) == [0, 1, 2, 3]
    assert scaled["alerts"]["repeated"] == 0 and scaled["alerts"]["arrived"] > 0
