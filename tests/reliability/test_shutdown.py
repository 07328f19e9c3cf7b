"""SIGTERM stops a worker within seconds, also after an agent crashed on an unacked message."""

from __future__ import annotations

import asyncio
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from aiokafka import AIOKafkaProducer

from streams.demo import WorkerProcess
from streams.kafka_topics import KafkaTopics, ensure_topics
from streams.settings import Settings
from tests.conftest import ROOT
from tests.support import wait_processed

pytestmark = [pytest.mark.broker, pytest.mark.reliability]

BOUND_S = 20.0  # shutdown_timeout_s (8) plus start-up slack: a liveness bound, not a speed target


def _stop_and_time(process: subprocess.Popen[bytes]) -> float:
    started = time.monotonic()
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(BOUND_S)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        pytest.fail(f"worker still running {BOUND_S:.0f} s after SIGTERM")
    return time.monotonic() - started


async def test_sigterm_stops_a_busy_worker(kafka_settings: Settings, tmp_path: Path) -> None:
    """Pass: a worker that has processed articles exits after SIGTERM within the bound, code 0."""
    worker = WorkerProcess(kafka_settings, tmp_path / "worker.log").start()
    try:
        await ensure_topics(kafka_settings, [])
        producer = AIOKafkaProducer(bootstrap_servers=kafka_settings.bootstrap_servers)
        await producer.start()
        try:
            await producer.send_and_wait(
                KafkaTopics(kafka_settings.topic_prefix).articles,
                b'{"article_id": "a", "text": "Xiaomi will enter the US market in 2025."}',
            )
        finally:
            await producer.stop()
        await wait_processed(worker, 1)
        assert worker.process is not None
        _stop_and_time(worker.process)
        assert worker.process.returncode == 0
    finally:
        worker.stop()


async def test_sigterm_stops_a_worker_whose_agent_crashed(
    kafka_settings: Settings, tmp_path: Path
) -> None:
    """Pass: after its agent crashed on an unacknowledged message, SIGTERM still ends the worker
    within the bound (Faust alone could wait forever in wait_empty)."""
    await ensure_topics(kafka_settings, [])
    log = open(tmp_path / "crashing.log", "wb")  # noqa: SIM115
    process = subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "tests" / "reliability" / "crashing_worker.py"),
            kafka_settings.broker,
            kafka_settings.app_id,
        ],
        cwd=tmp_path,
        stdout=log,
        stderr=subprocess.STDOUT,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )
    try:
        producer = AIOKafkaProducer(bootstrap_servers=kafka_settings.bootstrap_servers)
        await producer.start()
        try:
            await producer.send_and_wait(KafkaTopics(kafka_settings.topic_prefix).articles, b"boom")
        finally:
            await producer.stop()
        deadline = time.monotonic() + 60
        while b"crashing" not in (tmp_path / "crashing.log").read_bytes():
            assert time.monotonic() < deadline, "the agent never got the message"
            assert process.poll() is None, (tmp_path / "crashing.log").read_text()
            await asyncio.sleep(0.3)
        _stop_and_time(process)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        log.close()
