"""A built site served on 127.0.0.1 and read in Debian's chromium through Playwright.

The browser tests and the README's screenshots (`screenshots.py`) share this. Playwright never downloads a
browser here: it drives /usr/bin/chromium, which `make test` installs.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, Response, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
"""Debian's chromium."""

FLAGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
"""Flags that keep headless chromium quiet and offline; Playwright adds `--headless` and a fresh empty profile."""

MISSING = (
    f"{CHROMIUM} is missing, so the site cannot be read in a browser: run `make test`, which installs Debian's "
    "chromium (`apt-get install --no-install-recommends chromium`)"
)


class _QuietHandler(SimpleHTTPRequestHandler):
    """Serves files without logging every request to stderr."""

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve `folder` at the root of a free port on 127.0.0.1; yields the base URL, ending in `/`.

    A built MkDocs site links with relative URLs, so its `site_url` path prefix is not needed.
    """
    handler = functools.partial(_QuietHandler, directory=str(folder))
    with ThreadingHTTPServer(("127.0.0.1", 0), handler) as server:
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_port}/"
        finally:
            server.shutdown()
            thread.join()


@contextmanager
def chromium() -> Iterator[Browser]:
    """One headless chromium; raises FileNotFoundError saying what to install when it is missing."""
    if not CHROMIUM.exists():
        raise FileNotFoundError(MISSING)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=list(FLAGS))
        try:
            yield browser
        finally:
            browser.close()


def offline_context(browser: Browser, base_url: str, width: int = 1280, height: int = 900) -> BrowserContext:
    """A fresh context that may only reach `base_url`: Google Fonts and GitHub's API are blocked, as offline."""
    context = browser.new_context(base_url=base_url, viewport={"width": width, "height": height})
    context.route(lambda url: not url.startswith(base_url), lambda route: route.abort("blockedbyclient"))
    return context


def record_problems(page: Page, base_url: str) -> list[str]:
    """A list that fills with the page's errors: console errors, uncaught exceptions, failed loads from the site.

    Loads of other hosts, which `offline_context` blocks on purpose, are left out.
    """
    problems: list[str] = []

    def console(message: ConsoleMessage) -> None:
        url = message.location.get("url", "")
        blocked = message.text.startswith("Failed to load resource") and not url.startswith(base_url)
        if message.type == "error" and not blocked:
            problems.append(f"console error at {url or page.url}: {message.text}")

    def response(answer: Response) -> None:
        if answer.status >= 400 and answer.url.startswith(base_url):
            problems.append(f"HTTP {answer.status} for {answer.url}")

    page.on("console", console)
    page.on("pageerror", lambda error: problems.append(f"uncaught error on {page.url}: {error}"))
    page.on("response", response)
    return problems
