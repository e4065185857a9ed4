"""End to end in a real headless browser: Playwright driving Debian's Chromium.

Screenshots go to test-artifacts/ (listed by .ci/run). Skipped, with the reason, when
/usr/bin/chromium is missing.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import SCRIPT

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    pg = context.new_page()
    dialogs: list[str] = []
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    pg.dialogs = dialogs
    yield pg
    context.close()


def shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_search_to_person_to_evidence(page: Any, live_server: tuple[str, dict[str, str]]) -> None:
    base, _ = live_server
    page.goto(base + "/")
    page.fill("input[name=q]", "meet Geneva")
    page.click("button[type=submit]")
    page.wait_for_selector("li.hit")
    hits = page.locator("li.hit")
    assert hits.count() == 1
    assert "ready to meet in Geneva" in hits.first.locator(".quote-text").inner_text()
    assert "Peskov" in hits.first.locator(".speaker").inner_text()
    assert "2016-12-09" in hits.first.locator(".date").inner_text()
    shot(page, "search")
    hits.first.locator("a.speaker").click()
    page.wait_for_selector("h1.person-name")
    assert page.locator("h1.person-name").inner_text().endswith("Peskov")
    assert page.locator("ol.timeline li").count() >= 1
    assert page.locator("li.hit").count() >= 2
    shot(page, "person")
    page.locator("a.evidence-link").first.click()
    page.wait_for_selector("article.text")
    assert page.locator("article.text .mark-quote").count() >= 1
    assert page.locator("article.text .mark-speaker").count() >= 1
    assert page.locator("article.text .mark-date").count() >= 1
    shot(page, "article")


def test_script_in_an_article_is_shown_as_text(page: Any, live_server: tuple[str, dict[str, str]]) -> None:
    base, ids = live_server
    page.goto(f"{base}/article/{ids['Hostile page']}")
    page.wait_for_selector("article.text")
    assert SCRIPT in page.locator("article.text").inner_text()
    page.goto(base + "/?q=plan")
    page.wait_for_selector("li.hit")
    assert SCRIPT in page.locator("li.hit .quote-text").first.inner_text()
    page.wait_for_timeout(300)
    assert page.dialogs == []
    assert page.evaluate("document.querySelectorAll('main script, main img').length") == 0
    shot(page, "hostile")


def test_events_and_bad_input_pages(page: Any, live_server: tuple[str, dict[str, str]]) -> None:
    base, _ = live_server
    page.goto(base + "/events")
    assert page.locator("h1").inner_text() == "Events"
    shot(page, "events")
    response = page.goto(base + "/?from=2016-99-99")
    assert response is not None and response.status == 400
    assert "not a calendar date" in page.locator("p.error").inner_text()


def test_check_page_shows_an_altered_quote_as_a_diff(page: Any, live_server: tuple[str, dict[str, str]]) -> None:
    base, _ = live_server
    page.goto(base + "/check")
    page.fill("textarea[name=text]", "We are ready to meet in Vienna")
    page.fill("input[name=speaker]", "Peskov")
    page.click("button[type=submit]")
    page.wait_for_selector("section.verdict")
    assert page.locator(".verdict-word").inner_text().lower() == "altered"
    assert page.locator(".words ins.changed").inner_text() == "Vienna"
    assert page.locator(".words del.changed").inner_text() == "Geneva"
    assert "matches" in page.locator(".speaker-ok").inner_text()
    assert "2016-12-09" in page.locator(".first .date").inner_text()
    shot(page, "check-altered")
    page.locator(".first a.evidence-link").click()
    page.wait_for_selector("article.text")
    assert page.locator("article.text .mark-quote").count() >= 1
    page.goto(base + "/statements")
    assert page.locator("li.statement").count() >= 2
    assert page.locator("li.statement ol.chain li.report").count() >= 2
    shot(page, "statements")
