"""Browser fixtures: one Chromium for all browser tests, a fresh context per test, and axe.

Chromium is Debian's (/usr/bin/chromium, or BEACON_CHROMIUM); `playwright install` is not
needed. Pages talk to pytest-django's live server, and links in emails point at it too.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("BEACON_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Fail fast: a page of ours that takes longer than this is a bug worth seeing.
TIMEOUT_MS = 10_000
SERIOUS = {"serious", "critical"}


def _chromium_or_stop() -> str:
    """The browser's path; without one, skip on a laptop but fail under CI."""
    if CHROMIUM.exists():
        return str(CHROMIUM)
    message = (
        f"Chromium not found at {CHROMIUM}: install it (apt-get install chromium, as .ci/run "
        "does) or point BEACON_CHROMIUM at a Chromium binary."
    )
    if os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}:
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


# Package scope: started once for every test under tests/e2e/ and stopped after the last of
# them. Playwright's sync API leaves an asyncio loop marked as running in the main thread
# while it is alive, which must not leak into the rest of the suite.
@pytest.fixture(scope="package")
def browser() -> Iterator:
    """One headless Chromium shared by the browser tests."""
    executable = _chromium_or_stop()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def live_url(live_server, settings) -> str:
    """The live server's origin; emailed and shared links point at it too."""
    settings.BEACON_BASE_URL = live_server.url
    return live_server.url


@pytest.fixture
def new_page(browser, live_url, request) -> Iterator[Callable]:
    """Open a page in a fresh context: `new_page(java_script_enabled=False, locale="es")`.

    Each context has its own cookies, so each page is a new visitor. Relative URLs in
    `page.goto("/c/...")` go to the live server. In tests that check pages with axe, each
    document gets axe-core as it is created (see `axe_check`)."""
    from playwright.sync_api import expect

    expect.set_options(timeout=TIMEOUT_MS)
    contexts = []
    with_axe = "axe_check" in request.fixturenames

    def open_page(**options):
        options.setdefault("base_url", live_url)
        options.setdefault("locale", "en-US")
        context = browser.new_context(**options)
        context.set_default_timeout(TIMEOUT_MS)
        if with_axe:
            context.add_init_script(script=_axe_source())
        contexts.append(context)
        page = context.new_page()
        if options.get("java_script_enabled") is False:
            open_page.without_js.append(page)
        return page

    open_page.without_js = []
    open_page.twins = {}
    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    """A desktop-sized page with JavaScript on."""
    return new_page()


@pytest.fixture
def page_nojs(new_page):
    """A desktop-sized page with JavaScript off: every page must still work."""
    return new_page(java_script_enabled=False)


def _axe_source() -> str:
    from axe_playwright_python.base import AXE_SCRIPT

    return AXE_SCRIPT


# What axe_playwright_python's Axe().run(page) runs, after evaluating axe-core's 570 kB
# source in the page each time: here the source is a context's init script instead, which
# Chromium compiles once rather than on every check.
AXE_RUN = 'axe.run({"resultTypes": ["violations"]}).then(results => {return results;})'


def axe_violations(page) -> list[dict]:
    """axe-core's serious and critical violations on the page as it is now."""
    if page.evaluate("typeof window.axe") == "undefined":  # a page opened elsewhere
        page.evaluate(_axe_source())
    results = page.evaluate(AXE_RUN)
    return [v for v in results["violations"] if v.get("impact") in SERIOUS]


def axe_summary(violations: list[dict]) -> str:
    """One line per violation and up to three offending elements, for assertion messages."""
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:3]:
            lines.append(f"    {', '.join(map(str, node['target']))}: {node['html'][:160]}")
    return "\n".join(lines)


def _twin_for_axe(new_page, page):
    """A page with JavaScript on showing exactly what a page without it shows.

    axe runs as a script and its promises never settle where scripts are off, so it runs
    on a twin: the same HTML served at the same URL (so our CSS applies), with our own
    scripts blocked so that nothing is enhanced. One twin per test and window size serves
    every check, each a new navigation (a new context and page cost more than the check)."""
    viewport = page.viewport_size
    key = (viewport["width"], viewport["height"]) if viewport else None
    if key not in new_page.twins:
        twin = new_page(viewport=viewport)
        shown: dict[str, str] = {}
        twin.route("**/*.js", lambda route: route.abort())
        twin.route(
            lambda u: u == shown.get("url"),
            lambda route: route.fulfill(
                status=200, content_type="text/html; charset=utf-8", body=shown["html"]
            ),
        )
        new_page.twins[key] = (twin, shown)
    twin, shown = new_page.twins[key]
    shown["html"], shown["url"] = page.content(), page.url
    twin.goto(shown["url"])
    return twin


@pytest.fixture
def axe_check(new_page) -> Callable:
    """`axe_check(page)` fails the test on any serious or critical axe finding; pages
    without JavaScript are checked through a twin (see _twin_for_axe)."""

    def check(page) -> None:
        if any(page is p for p in new_page.without_js):
            page = _twin_for_axe(new_page, page)
        violations = axe_violations(page)
        assert not violations, (
            f"axe found {len(violations)} serious/critical problem(s) on {page.url}:\n"
            + axe_summary(violations)
        )

    return check
