"""Shared fixtures: the embedded broker once per session, unique Kafka names per test."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from streams.broker import EmbeddedBroker, free_port
from streams.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
FEEDPARSER_CORPUS = SHARED / "corpora" / "feedparser-6.0.14-tests"
DEMO_CORPUS = ROOT / "corpus" / "demo"
DEV_CORPUS = ROOT / "corpus" / "dev"


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never read the developer's CLAIMWATCH_* variables."""
    import os

    for name in list(os.environ):
        if name.startswith("CLAIMWATCH_"):
            monkeypatch.delenv(name)


@pytest.fixture(scope="session")
def broker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedBroker]:
    """One real embedded broker (Tansu) for the whole test session."""
    log_file = tmp_path_factory.mktemp("broker") / "broker.log"
    with EmbeddedBroker(log_file=log_file) as embedded:
        yield embedded


def isolated_settings(broker_url: str, tmp_path: Path) -> Settings:
    """Settings on ``broker_url`` with a Kafka topic prefix and app id of their own."""
    name = f"t{uuid.uuid4().hex[:12]}"
    return Settings(
        broker=broker_url,
        topic_prefix=name,
        app_id=name,
        data_dir=tmp_path / "data",
        web_port=free_port(),
        session_timeout_s=6.0,
        shutdown_timeout_s=8.0,
    )


@pytest.fixture
def kafka_settings(broker: EmbeddedBroker, tmp_path: Path) -> Settings:
    """Settings on the session broker with a Kafka topic prefix and app id of this test's own."""
    return isolated_settings(broker.url, tmp_path)
