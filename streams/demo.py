"""``claimwatch demo``: embedded broker + worker, replay the demo corpus, print alerts as they fire."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Mapping
from pathlib import Path

from rich.console import Console

from streams.broker import EmbeddedBroker, free_port
from streams.producing import prepare_topics, run_replay
from streams.settings import Settings
from streams.subscriber import AlertFilter, follow_alerts

__all__ = ["DEMO_CORPUS", "WorkerProcess", "run_demo"]

#: The project's own multilingual demo articles, with their expected alerts.
DEMO_CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "demo"


class WorkerProcess:
    """``claimwatch worker`` as a child process, with its web port and log file."""

    def __init__(
        self, settings: Settings, log_file: Path, environ: Mapping[str, str] | None = None
    ) -> None:
        self.settings = settings
        self.log_file = log_file
        #: Variables the process gets beside its settings (the bench's checkout comparison).
        self.environ = dict(environ or {})
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def web_url(self) -> str:
        return f"http://{self.settings.web_host}:{self.settings.web_port}"

    def start(self) -> WorkerProcess:
        env = {
            **os.environ,
            **self.environ,
            "CLAIMWATCH_BROKER": self.settings.broker,
            "CLAIMWATCH_WEB_PORT": str(self.settings.web_port),
            "CLAIMWATCH_DATA_DIR": str(self.settings.data_dir),
            "CLAIMWATCH_TOPIC_PREFIX": self.settings.topic_prefix,
            "CLAIMWATCH_APP_ID": self.settings.app_id,
        }
        if self.settings.config_file:
            env["CLAIMWATCH_CONFIG_FILE"] = str(self.settings.config_file)
        self.log_file.parent.mkdir(parents=True, exist_ok=True)
        with open(self.log_file, "ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "streams.cli", "worker"],
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
            )
        return self

    def counters(self) -> dict[str, int]:
        """The worker's counters from its web API; {} while it is not answering."""
        try:
            with urllib.request.urlopen(f"{self.web_url}/api/stats", timeout=2) as response:
                return dict(json.load(response)["counters"])
        except (OSError, ValueError, KeyError):
            return {}

    def stop(self, timeout: float = 15.0) -> int | None:
        process, self.process = self.process, None
        if process is None:
            return None
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        return process.returncode


async def _wait_processed(worker: WorkerProcess, articles: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        counters = await asyncio.to_thread(worker.counters)
        if counters.get("articles", 0) + counters.get("deadletters", 0) >= articles:
            return True
        await asyncio.sleep(0.5)
    return False


async def _demo(
    settings: Settings, worker: WorkerProcess, source: Path, rate: float, keep: bool
) -> None:
    console = Console(stderr=True)
    await prepare_topics(settings)
    follower = asyncio.create_task(
        follow_alerts(settings, AlertFilter(), as_json=False, from_beginning=True, idle=None)
    )
    count = await run_replay(settings, source, rate=rate)
    console.print(f"[dim]replayed {count} articles; waiting for the worker to finish…[/]")
    if not await _wait_processed(worker, count, timeout=120):
        console.print("[red]the worker did not process every article in time[/]")
    await asyncio.sleep(2.0)  # let the last alerts arrive
    counters = await asyncio.to_thread(worker.counters)
    fired = {
        k.removeprefix("alerts."): v for k, v in sorted(counters.items()) if k.startswith("alerts.")
    }
    summary = ", ".join(f"{n} {kind}" for kind, n in fired.items()) or "no alerts"
    console.print(f"[bold]{count} articles → {summary}[/]; web page: {worker.web_url}/")
    if keep:
        console.print(
            "[dim]the worker keeps running: open the web page; Ctrl-C stops everything[/]"
        )
        await asyncio.Event().wait()
    follower.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await follower


def run_demo(
    settings: Settings, *, source: Path | None = None, rate: float = 4.0, keep: bool = False
) -> None:
    """The one-command experience; everything it starts is stopped on the way out."""
    console = Console(stderr=True)
    source = source or DEMO_CORPUS
    if settings.config_file is None and (source / "watch.yaml").is_file():
        # A corpus folder may carry its own watch list (the demo corpus does).
        settings = settings.model_copy(update={"config_file": source / "watch.yaml"})
    workdir = Path(".claimwatch") / "demo"
    workdir.mkdir(parents=True, exist_ok=True)
    with EmbeddedBroker(log_file=workdir / "broker.log") as broker:
        demo_settings = settings.model_copy(
            update={
                "broker": broker.url,
                "web_port": free_port(),
                "data_dir": workdir / "worker-data",
                "session_timeout_s": 6.0,
            }
        )
        worker = WorkerProcess(demo_settings, workdir / "worker.log").start()
        console.print(
            f"[bold]claimwatch demo[/]: broker {broker.url}, worker {worker.web_url} "
            f"(logs in {workdir}/), replaying {source}"
        )
        try:
            with contextlib.suppress(KeyboardInterrupt):
                asyncio.run(_demo(demo_settings, worker, source, rate, keep))
        finally:
            code = worker.stop()
            console.print(f"[dim]worker stopped (exit {code}); broker stopped[/]")
