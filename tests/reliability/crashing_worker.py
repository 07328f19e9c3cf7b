"""A worker whose agent crashes on its first message, leaving it unacknowledged (run as a script)."""

from __future__ import annotations

import asyncio
import sys

import faust

from streams.app import faust_options
from streams.settings import Settings
from streams.worker import StoppableWorker


def main() -> None:
    settings = Settings(broker=sys.argv[1], app_id=sys.argv[2], topic_prefix=sys.argv[2])
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    app = faust.App(settings.app_id, **faust_options(settings))
    source = app.topic(
        f"{settings.topic_prefix}.articles", value_type=bytes, value_serializer="raw", partitions=1
    )

    @app.agent(source)
    async def crash(stream: faust.StreamT[bytes]) -> None:
        async for _value in stream:
            print("agent got a message; crashing", flush=True)
            raise RuntimeError("agent crashed on purpose")

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    StoppableWorker(
        app, loop=loop, loglevel="info", shutdown_timeout_s=settings.shutdown_timeout_s
    ).execute_from_commandline()


if __name__ == "__main__":
    main()
