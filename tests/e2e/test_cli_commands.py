"""The README's commands, run as a user runs them: separate processes, real broker."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from streams.kafka_topics import KafkaTopics
from streams.records import Alert, Article
from streams.settings import Settings
from tests.conftest import SEEDS
from tests.support import read_topic

pytestmark = [pytest.mark.broker, pytest.mark.e2e]


def claimwatch(
    *args: str, cwd: Path, timeout: float = 240, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("CLAIMWATCH_")}
    return subprocess.run(
        [sys.executable, "-m", "streams.cli", *args],
        cwd=cwd,
        env={**clean, **(env or {})},
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def test_demo_shows_every_alert_type_and_stops_cleanly(tmp_path: Path) -> None:
    """Pass: `claimwatch demo` exits 0 after printing alerts of all four types."""
    result = claimwatch("demo", "--rate", "20", cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    for alert_type in ("new_claim", "timeline_changed", "value_changed", "status_changed"):
        assert alert_type in result.stdout, alert_type
    assert "worker stopped (exit 0)" in result.stderr


async def test_replay_then_backtest_from_the_command_line(
    kafka_settings: Settings, tmp_path: Path
) -> None:
    """Pass: `claimwatch replay` puts the 5 seeds on the articles Kafka topic with their file stems
    as ids; `claimwatch backtest --format jsonl --articles-out` prints alerts and one record per
    article."""
    prefix = {"CLAIMWATCH_TOPIC_PREFIX": kafka_settings.topic_prefix}
    result = claimwatch(
        "replay",
        str(SEEDS),
        "--broker",
        kafka_settings.broker,
        "--rate",
        "0",
        cwd=tmp_path,
        env=prefix,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "replayed 5 articles" in result.stderr
    topic = KafkaTopics(kafka_settings.topic_prefix).articles
    values = await read_topic(kafka_settings, topic, min_count=5, quiet=0.5)
    assert sorted(Article.model_validate_json(v).article_id for v in values) == sorted(
        p.stem for p in SEEDS.glob("*.txt")
    )

    out = tmp_path / "articles.jsonl"
    result = claimwatch(
        "backtest", str(SEEDS), "--format", "jsonl", "--articles-out", str(out), cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr[-2000:]
    alerts = [Alert.model_validate_json(line) for line in result.stdout.splitlines()]
    assert alerts and all(a.evidence for a in alerts)
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(records) == 5
    assert set(records[0]) >= {"article_id", "lang", "topics", "entities", "claims"}


def test_backtest_of_a_hostile_or_missing_source_is_refused_in_one_line(tmp_path: Path) -> None:
    """Pass: an entity-bomb feed is neutralised (warning, no expansion, exit 0, no alert); a
    metadata address and a missing path exit 1 with one error line; never a traceback."""
    hostile = tmp_path / "bomb.xml"
    hostile.write_text(
        '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "' + "x" * 50_000 + '">]>'
        "<rss><channel><title>&a;&a;&a;</title><item><title>&a;</title></item></channel></rss>"
    )
    result = claimwatch("backtest", str(hostile), cwd=tmp_path, timeout=60)
    assert result.returncode == 0 and result.stdout == ""
    assert "DTD declaring entities was removed" in result.stderr
    for source, reason in (
        ("http://169.254.169.254/latest/meta-data/", "metadata address"),
        (str(tmp_path / "missing"), "no such file"),
    ):
        result = claimwatch("backtest", source, cwd=tmp_path, timeout=60)
        assert result.returncode == 1, source
        assert result.stderr.strip().splitlines() == [result.stderr.strip()]
        assert reason in result.stderr and "Traceback" not in result.stderr


async def test_feed_once_polls_a_feed_and_produces_its_articles(
    kafka_settings: Settings, tmp_path: Path
) -> None:
    """Pass: `claimwatch feed URL --once` on a loopback Atom feed (private networks allowed by
    setting) produces its 5 entries, ids verbatim; without the setting the address is refused."""
    from connectors import ReplayServer, load_articles, render_atom

    feed = render_atom(list(load_articles(SEEDS)), feed_id="urn:test:seeds", title="Seeds")
    env = {"CLAIMWATCH_TOPIC_PREFIX": kafka_settings.topic_prefix}
    with ReplayServer(feed) as server:
        refused = claimwatch(
            "feed", server.url, "--once", "--broker", kafka_settings.broker, cwd=tmp_path, env=env
        )
        allowed = claimwatch(
            "feed",
            server.url,
            "--once",
            "--broker",
            kafka_settings.broker,
            cwd=tmp_path,
            env={**env, "CLAIMWATCH_ALLOW_PRIVATE_NETWORKS": "true"},
        )
    assert "loopback" in refused.stderr or "private" in refused.stderr, refused.stderr[-1000:]
    assert allowed.returncode == 0, allowed.stderr[-2000:]
    topic = KafkaTopics(kafka_settings.topic_prefix).articles
    values = await read_topic(kafka_settings, topic, min_count=5, quiet=0.5)
    assert sorted(Article.model_validate_json(v).article_id for v in values) == sorted(
        p.stem for p in SEEDS.glob("*.txt")
    )
