"""Webhook notifications: Slack-shaped, escaped, retried with backoff, each alert id once."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer
from click.testing import CliRunner

from streams.cli import cli
from streams.notify import Notifier, SeenAlerts, WebhookError, WebhookPoster, slack_message
from streams.records import AlertType
from streams.subscriber import AlertFilter
from tests.unit.test_web_store import make_alert


class Webhook:
    """A real loopback HTTP server answering with the given statuses, then 200."""

    def __init__(self, statuses: list[int]) -> None:
        self.statuses = statuses
        self.received: list[dict[str, Any]] = []
        self.attempts = 0

    async def handle(self, request: web.Request) -> web.Response:
        self.attempts += 1
        status = self.statuses.pop(0) if self.statuses else 200
        if status == 200:
            self.received.append(await request.json())
        return web.Response(status=status, text="ok" if status == 200 else "busy")


@pytest.fixture
async def serve() -> AsyncIterator[Any]:
    servers: list[TestServer] = []

    async def start(hook: Webhook) -> str:
        app = web.Application()
        app.router.add_post("/hooks/T000/SECRET", hook.handle)
        server = TestServer(app, host="127.0.0.1")
        await server.start_server()
        servers.append(server)
        return str(server.make_url("/hooks/T000/SECRET"))

    yield start
    for server in servers:
        await server.close()


def _notifier(url: str, client: httpx.AsyncClient, state: Path | None = None) -> Notifier:
    poster = WebhookPoster(url, client, attempts=4, first_delay=0.01, max_delay=0.05)
    return Notifier(poster, SeenAlerts(state), AlertFilter())


async def test_a_failing_webhook_is_retried_and_an_alert_id_is_posted_once(
    serve: Any, tmp_path: Path
) -> None:
    hook = Webhook([503, 503])
    url = await serve(hook)
    state = tmp_path / "notify-state"
    alert = make_alert()
    async with httpx.AsyncClient() as client:
        notifier = _notifier(url, client, state)
        assert await notifier.handle(alert) is True
        assert await notifier.handle(alert) is False
        assert hook.attempts == 3 and len(hook.received) == 1
        restarted = _notifier(url, client, state)
        assert await restarted.handle(alert) is False
        assert await restarted.handle(make_alert(article_id="a2")) is True
    assert len(hook.received) == 2
    assert state.read_text().split() == [alert.alert_id, make_alert(article_id="a2").alert_id]


async def test_a_refusal_is_not_retried_and_the_secret_path_is_not_in_the_error(
    serve: Any,
) -> None:
    hook = Webhook([404])
    url = await serve(hook)
    async with httpx.AsyncClient() as client:
        with pytest.raises(WebhookError) as raised:
            await _notifier(url, client).handle(make_alert())
    assert hook.attempts == 1
    assert "404" in str(raised.value) and "SECRET" not in str(raised.value)


async def test_giving_up_after_every_attempt_failed(serve: Any) -> None:
    hook = Webhook([503] * 10)
    url = await serve(hook)
    async with httpx.AsyncClient() as client:
        notifier = _notifier(url, client)
        with pytest.raises(WebhookError, match="failed 4 times"):
            await notifier.handle(make_alert())
        assert make_alert().alert_id not in notifier.seen
    assert hook.attempts == 4


async def test_unwanted_alerts_are_not_posted(serve: Any) -> None:
    hook = Webhook([])
    url = await serve(hook)
    async with httpx.AsyncClient() as client:
        poster = WebhookPoster(url, client)
        notifier = Notifier(poster, SeenAlerts(None), AlertFilter(news_topic="ipo"))
        assert await notifier.handle(make_alert()) is False
    assert hook.attempts == 0


def test_the_message_has_fields_and_escapes_feed_text_for_mrkdwn() -> None:
    alert = make_alert(
        type=AlertType.TIMELINE_CHANGED,
        time="2024-H2",
        previous_time="2024-H1",
        entity="A&B <!channel>",
        sentence="<script>alert(1)</script> & <https://evil.example|click>",
    )
    message = slack_message(alert)
    assert "2024-H1 → 2024-H2" in message["text"]
    assert "<!channel>" not in message["text"] and "A&amp;B &lt;!channel&gt;" in message["text"]
    fields = [f["text"] for f in message["blocks"][1]["fields"]]
    assert "*News topic*\nev" in fields
    evidence = message["blocks"][-1]["elements"][0]["text"]
    assert (
        "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;https://evil.example|click&gt;" in evidence
    )
    assert "<https://news.example/a1|news.example>" in evidence


def test_the_seen_set_is_bounded_and_its_file_compacted(tmp_path: Path) -> None:
    state = tmp_path / "seen"
    seen = SeenAlerts(state, capacity=3)
    for n in range(10):
        seen.add(f"id{n}")
    assert len(seen) == 3 and "id9" in seen and "id6" not in seen
    assert len(state.read_text().split()) <= 6
    reloaded = SeenAlerts(state, capacity=3)
    assert [i for i in (f"id{n}" for n in range(10)) if i in reloaded] == ["id7", "id8", "id9"]


@pytest.mark.parametrize(
    ("arguments", "complaint"),
    [
        (["--webhook", "file:///etc/passwd"], "--webhook"),
        (["--webhook", "https://hooks.example/x", "--type", "nonsense"], "nonsense"),
    ],
)
def test_the_notify_command_refuses_bad_options_with_exit_2(
    arguments: list[str], complaint: str
) -> None:
    result = CliRunner().invoke(cli, ["notify", *arguments])
    assert result.exit_code == 2, result.output
    assert complaint in result.output and "Traceback" not in result.output
