"""The page in Debian's headless chromium: feed text stays text, and on the seeds the worker's
page shows the alerts and a timeline (screenshot in ``artifacts/web.png``)."""

from __future__ import annotations

import os
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer
from playwright.async_api import BrowserContext, Page, async_playwright

from streams.demo import WorkerProcess
from streams.kafka_topics import KafkaTopics
from streams.producing import run_replay
from streams.records import AlertType, Evidence
from streams.settings import Settings
from streams.web import AlertStore, WebViews
from tests.conftest import ROOT, SEEDS
from tests.support import read_alerts, wait_processed
from tests.unit.test_web_store import make_alert

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
HOSTILE_SENTENCE = "<script>alert(1)</script> and <img src=x onerror=alert(2)>"
HOSTILE_ENTITY = "<img src=y onerror=alert(3)>"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists() and not os.environ.get("CI_REQUIRE_BROWSER"),
        reason="Debian's chromium is absent: apt-get install -y chromium",
    ),
]


@pytest.fixture
async def browser(tmp_path: Path) -> AsyncIterator[BrowserContext]:
    """A fresh headless chromium profile; no download, no network beyond loopback."""
    async with async_playwright() as playwright:
        context = await playwright.chromium.launch_persistent_context(
            str(tmp_path / "chromium-profile"),
            executable_path=str(CHROMIUM),
            args=CHROMIUM_ARGS,
            headless=True,
            viewport={"width": 1400, "height": 1000},
        )
        try:
            yield context
        finally:
            await context.close()


async def _open(context: BrowserContext, url: str) -> tuple[Page, list[str]]:
    """The page at ``url``, and the list that collects any dialog or script error it raises."""
    page = await context.new_page()
    problems: list[str] = []

    async def refuse_dialog(dialog: Any) -> None:
        problems.append(f"dialog: {dialog.message}")
        await dialog.dismiss()

    page.on("dialog", refuse_dialog)
    page.on("pageerror", lambda error: problems.append(f"error: {error}"))
    await page.goto(url)
    return page, problems


@pytest.fixture
async def hostile_page_url() -> AsyncIterator[str]:
    """The page over a store of alerts whose feed text tries to run code."""
    store = AlertStore()
    store.add(make_alert(sentence=HOSTILE_SENTENCE))
    store.add(
        make_alert(
            type=AlertType.TIMELINE_CHANGED,
            time="2024-H2",
            previous_time="2024-H1",
            article_id="a2",
            sentence="Production moves to the second half of 2024.",
        )
    )
    script_link = Evidence(
        article_id="a0", url="javascript:alert(4)", lang="en", sentence="A link that is code."
    )
    store.add(
        make_alert(
            "listing", "2025", entity=HOSTILE_ENTITY, article_id="a3", evidence=[script_link]
        )
    )
    app = web.Application()
    WebViews(store).add_routes(app)
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    try:
        yield str(server.make_url("/"))
    finally:
        await server.close()


async def test_feed_text_is_shown_as_text_and_never_runs(
    browser: BrowserContext, hostile_page_url: str
) -> None:
    page, problems = await _open(browser, hostile_page_url)
    alerts = page.locator("#alerts > li")
    await alerts.first.wait_for()
    assert await alerts.count() == 3
    assert await page.get_by_text(HOSTILE_SENTENCE, exact=False).count() == 1
    assert await page.locator("#alerts img, #alerts script").count() == 0
    assert await page.locator('a[href^="javascript"]').count() == 0
    assert await page.locator('a[href="https://news.example/a1"]').count() == 1

    await page.select_option("#timeline-entity", "Xiaomi")
    await page.locator(".chart .shift.later").wait_for()
    assert await page.locator(".chart .slipped-badge").count() == 1
    assert page.url.endswith("/timeline/Xiaomi")

    await page.select_option("#timeline-entity", HOSTILE_ENTITY)
    await page.locator(".chart .dot").first.wait_for()
    await page.locator(".chart .dot").first.click()
    await page.locator("#timeline-detail blockquote").wait_for()
    assert await page.locator(".chart img, #timeline-detail img").count() == 0
    await page.select_option("#filter-type", "timeline_changed")
    assert await alerts.count() == 1
    assert problems == []


@pytest.mark.broker
@pytest.mark.e2e
async def test_the_workers_page_shows_the_seed_alerts_and_a_timeline(
    kafka_settings: Settings, browser: BrowserContext, tmp_path: Path
) -> None:
    worker = WorkerProcess(kafka_settings, tmp_path / "worker.log").start()
    try:
        produced = await run_replay(kafka_settings, SEEDS, rate=0, progress=False)
        await wait_processed(worker, produced)
        on_kafka = await read_alerts(
            kafka_settings, KafkaTopics(kafka_settings.topic_prefix).alerts, min_count=1
        )
        page, problems = await _open(browser, worker.web_url + "/")
        alerts = page.locator("#alerts > li")
        deadline = time.monotonic() + 60
        while await alerts.count() < len(on_kafka) and time.monotonic() < deadline:
            await page.wait_for_timeout(200)
        shown = await alerts.evaluate_all("items => items.map(i => i.dataset.alertId)")
        assert sorted(shown) == sorted(a.alert_id for a in on_kafka)
        assert await page.locator("#alerts blockquote").count() >= len(on_kafka)
        await page.locator(".chart .dot").first.wait_for()
        assert await page.locator(".chart .lane").count() >= 1
        await page.locator(".chart .dot").first.click()
        await page.locator("#timeline-detail blockquote").first.wait_for()
        artifacts = ROOT / "artifacts"
        artifacts.mkdir(exist_ok=True)
        await page.screenshot(path=str(artifacts / "web.png"), full_page=True)
        assert problems == []
    finally:
        assert worker.stop(timeout=20) is not None
