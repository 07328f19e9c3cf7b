"""The ``claimwatch`` command line. Each command is a thin shell over a module."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn, ParamSpec, TypeVar

import click
from pydantic import ValidationError

from streams.settings import Settings

P = ParamSpec("P")
R = TypeVar("R")

EXIT_RUNTIME = 1
EXIT_CONFIG = 2


class UserError(click.ClickException):
    """A one-line error for the user, no traceback."""

    def __init__(self, message: str, exit_code: int = EXIT_RUNTIME) -> None:
        super().__init__(message)
        self.exit_code = exit_code

    def show(self, file: Any = None) -> None:
        click.echo(f"claimwatch: error: {self.format_message()}", err=True)


def settings_from(**overrides: Any) -> Settings:
    """Settings from the environment, with command-line flags (not None) on top."""
    given = {name: value for name, value in overrides.items() if value is not None}
    try:
        return Settings(**given)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = str(first["loc"][0]) if first["loc"] else "?"
        raise UserError(
            f"invalid setting CLAIMWATCH_{field.upper()} ({field}): {first['msg']}",
            EXIT_CONFIG,
        ) from None


def load_watch(settings: Settings) -> Any:
    from streams.analysis import ConfigError, load_watch_config

    if settings.config_file is None:
        return None
    try:
        return load_watch_config(settings.config_file)
    except ConfigError as exc:
        raise UserError(str(exc), EXIT_CONFIG) from None


def user_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Turn expected failures (broker down, bad input) into one line and an exit code."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        from connectors import DocumentError, FeedError, FetchError
        from streams.broker import BrokerError
        from streams.kafka_topics import TopicSetupError

        try:
            return func(*args, **kwargs)
        except (BrokerError, TopicSetupError, FeedError, FetchError, DocumentError) as exc:
            raise UserError(str(exc)) from None
        except KeyboardInterrupt:
            raise UserError("interrupted", 130) from None

    return wrapper


broker_option = click.option(
    "--broker", help="Kafka bootstrap: kafka://host:port or host:port [env CLAIMWATCH_BROKER]."
)
config_option = click.option(
    "--config",
    "config_file",
    type=click.Path(path_type=Path),
    help="YAML watch config: entities, extra news topics [env CLAIMWATCH_CONFIG_FILE].",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--log-format",
    type=click.Choice(["text", "json"]),
    help="Log lines as text or as one JSON object each [env CLAIMWATCH_LOG_FORMAT].",
)
@click.version_option(package_name="claimwatch")
def cli(log_format: str | None) -> None:
    """claimwatch: alerts on new claims and changed timelines in the news, across languages."""
    from streams.logs import configure_logging

    if log_format is not None:
        os.environ["CLAIMWATCH_LOG_FORMAT"] = log_format  # read by settings and child processes
    with contextlib.suppress(ValidationError):  # each command reports bad settings itself
        configure_logging(Settings())


@cli.command()
@click.option("--listen", default="127.0.0.1:9092", show_default=True, help="HOST:PORT to serve.")
@user_errors
def broker(listen: str) -> None:
    """Run the embedded Kafka-compatible broker (Tansu, memory storage) in the foreground."""
    from streams.broker import EmbeddedBroker

    host, _, port = listen.rpartition(":")
    if not host or not port.isdigit():
        raise UserError(f"--listen: expected HOST:PORT, got {listen!r}", EXIT_CONFIG)
    embedded = EmbeddedBroker(host, int(port)).start()
    click.echo(f"broker listening on {embedded.url} (memory storage; Ctrl-C stops it)")
    try:
        sys.exit(embedded.wait())
    finally:
        embedded.stop()


@cli.command()
@broker_option
@config_option
@click.option(
    "--web-port", type=int, help="Port of the web page and API [env CLAIMWATCH_WEB_PORT]."
)
@user_errors
def worker(broker: str | None, config_file: Path | None, web_port: int | None) -> NoReturn:
    """Run the Faust worker: analysis and ledger agents, web views."""
    from streams.worker import run_worker

    settings = settings_from(broker=broker, config_file=config_file, web_port=web_port)
    watch = load_watch(settings)
    run_worker(settings, watch)


@cli.command()
@click.argument("urls", nargs=-1, required=True)
@broker_option
@click.option(
    "--interval", type=float, default=300.0, show_default=True, help="Seconds between polls."
)
@click.option("--once", is_flag=True, help="Poll every feed once, then exit.")
@user_errors
def feed(urls: tuple[str, ...], broker: str | None, interval: float, once: bool) -> None:
    """Poll news feeds and produce their articles."""
    from streams.producing import run_feeds

    settings = settings_from(broker=broker)
    asyncio.run(run_feeds(settings, list(urls), interval=interval, once=once))


@cli.command()
@click.argument("source", type=click.Path(exists=True, path_type=Path))
@broker_option
@click.option("--rate", type=float, default=10.0, show_default=True, help="Articles/s (0: max).")
@user_errors
def replay(source: Path, broker: str | None, rate: float) -> None:
    """Replay a folder of documents, a JSONL of articles or a feed file, as a feed."""
    from streams.producing import run_replay

    settings = settings_from(broker=broker)
    count = asyncio.run(run_replay(settings, source, rate=rate))
    click.echo(f"replayed {count} articles", err=True)


@cli.command()
@broker_option
@click.option("--topic", "news_topic", help="Only this news topic (its own Kafka topic).")
@click.option("--type", "alert_type", help="Only this alert type, e.g. timeline_changed.")
@click.option("--entity", help="Only alerts about this company.")
@click.option("--json", "as_json", is_flag=True, help="JSON lines instead of a table.")
@click.option("--from-beginning", is_flag=True, help="Start from the first alert, not from now.")
@click.option("--idle", type=float, help="Exit after this many seconds without a new alert.")
@user_errors
def alerts(
    broker: str | None,
    news_topic: str | None,
    alert_type: str | None,
    entity: str | None,
    as_json: bool,
    from_beginning: bool,
    idle: float | None,
) -> None:
    """Subscribe to alerts and print them."""
    from streams.subscriber import AlertFilter, follow_alerts

    settings = settings_from(broker=broker)
    try:
        wanted = AlertFilter(news_topic=news_topic, type=alert_type, entity=entity)
    except ValueError as exc:
        raise UserError(f"--type: {exc}", EXIT_CONFIG) from None
    asyncio.run(
        follow_alerts(settings, wanted, as_json=as_json, from_beginning=from_beginning, idle=idle)
    )


@cli.command()
@click.option("--webhook", required=True, help="URL to POST each alert to (Slack-compatible JSON).")
@broker_option
@click.option("--topic", "news_topic", help="Only this news topic.")
@click.option("--type", "alert_type", help="Only this alert type, e.g. timeline_changed.")
@click.option("--entity", help="Only alerts about this company.")
@click.option(
    "--state",
    type=click.Path(dir_okay=False, path_type=Path),
    help="File of the alert ids already posted, so a restart does not post them again.",
)
@click.option("--from-beginning", is_flag=True, help="Start from the first alert, not from now.")
@click.option("--idle", type=float, help="Exit after this many seconds without a new alert.")
@user_errors
def notify(
    webhook: str,
    broker: str | None,
    news_topic: str | None,
    alert_type: str | None,
    entity: str | None,
    state: Path | None,
    from_beginning: bool,
    idle: float | None,
) -> None:
    """Post each alert to a webhook, once per alert id, retrying while it fails."""
    from streams.notify import WebhookError, run_notify
    from streams.subscriber import AlertFilter

    settings = settings_from(broker=broker)
    if not webhook.startswith(("http://", "https://")):
        raise UserError("--webhook: expected an http:// or https:// URL", EXIT_CONFIG)
    try:
        wanted = AlertFilter(news_topic=news_topic, type=alert_type, entity=entity)
    except ValueError as exc:
        raise UserError(f"--type: {exc}", EXIT_CONFIG) from None
    try:
        posted = asyncio.run(
            run_notify(
                settings, webhook, wanted, state=state, from_beginning=from_beginning, idle=idle
            )
        )
    except WebhookError as exc:
        raise UserError(str(exc)) from None
    click.echo(f"posted {posted} alerts", err=True)


@cli.command()
@click.argument("source")
@config_option
@click.option(
    "--format", "fmt", type=click.Choice(["jsonl", "table"]), default="table", show_default=True
)
@click.option(
    "--articles-out", type=click.Path(path_type=Path), help="Write one record per article."
)
@user_errors
def backtest(source: str, config_file: Path | None, fmt: str, articles_out: Path | None) -> None:
    """Run the same analysis and ledger in-process, no Kafka; print the alerts."""
    from streams.backtest import run_backtest

    settings = settings_from(config_file=config_file)
    watch = load_watch(settings)
    run_backtest(settings, source, watch, fmt=fmt, articles_out=articles_out)


@cli.command()
@click.option("--source", type=click.Path(exists=True, path_type=Path), help="Replay this instead.")
@click.option("--rate", type=float, default=4.0, show_default=True, help="Articles/s.")
@click.option(
    "--keep", is_flag=True, help="Keep broker and worker running (web page) until Ctrl-C."
)
@user_errors
def demo(source: Path | None, rate: float, keep: bool) -> None:
    """Embedded broker + worker, replay the demo corpus, print alerts as they fire."""
    from streams.demo import run_demo

    run_demo(settings_from(), source=source, rate=rate, keep=keep)


@cli.command()
@click.option(
    "--articles",
    type=click.IntRange(min=10),
    default=2_000,
    show_default=True,
    help="Generated articles per phase.",
)
@click.option("--json", "as_json", is_flag=True, help="End with the results as one JSON line.")
@click.option(
    "--scale-out",
    "scale_out",
    type=click.IntRange(min=0, max=8),
    default=0,
    show_default=True,
    help="Also run this many workers together (one articles partition each).",
)
@click.option(
    "--text",
    "texts",
    multiple=True,
    type=click.Path(exists=True, path_type=Path),
    help="Also time the analysis on these articles (a documents folder, .jsonl or feed file;"
    " repeatable). Default: the checkout's hand-written corpora under corpus/.",
)
@user_errors
def bench(articles: int, as_json: bool, scale_out: int, texts: tuple[Path, ...]) -> None:
    """Measure throughput, latency and memory on a generated corpus (starts its own broker)."""
    from streams.bench import BenchError, bench_command

    try:
        bench_command(
            settings_from(),
            articles=articles,
            as_json=as_json,
            scale_out=scale_out,
            texts=texts or None,
        )
    except BenchError as exc:
        raise UserError(str(exc)) from None


@cli.command("eval")
@click.argument("corpus", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the report as one JSON object.")
@user_errors
def eval_(corpus: Path, as_json: bool) -> None:
    """Score the analysis on a labelled corpus: P/R/F1 per language, news topic and alert type."""
    from rich.console import Console

    from streams.evaluation import CorpusError, evaluate, render_report

    try:
        report = evaluate(corpus)
    except CorpusError as exc:
        raise UserError(str(exc), EXIT_CONFIG) from None
    if as_json:
        click.echo(report.model_dump_json())
        return
    console = Console()
    for table in render_report(report):
        console.print(table)


@cli.command()
@click.option(
    "--out", type=click.Path(path_type=Path), default=Path("docs/schemas"), show_default=True
)
def schemas(out: Path) -> None:
    """Write the JSON Schemas of the Kafka records (generated from the pydantic models)."""
    from streams.schemas import write_schemas

    for path in write_schemas(out):
        click.echo(str(path))


def main() -> None:
    cli(prog_name="claimwatch")


if __name__ == "__main__":
    main()
