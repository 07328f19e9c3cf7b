"""Entry point of the plain loop's child process: ``python -m streams.bench.plain_child COUNT``.

Settings come from the ``CLAIMWATCH_*`` environment; SIGTERM stops the loop cleanly.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
import sys

from streams.bench.plain_loop import run_plain_loop
from streams.settings import Settings

__all__ = ["main"]


def main() -> None:
    """Run the plain loop until SIGTERM, reporting after COUNT articles."""
    report_after = int(sys.argv[1])

    async def serve() -> None:
        task = asyncio.current_task()
        assert task is not None
        asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, task.cancel)
        await run_plain_loop(Settings(), report_after)

    with contextlib.suppress(asyncio.CancelledError):
        asyncio.run(serve())


if __name__ == "__main__":
    main()
