"""One headless Debian Chromium per test session, driven by Playwright, and the built sites
served from 127.0.0.1 under the production sub-path (/medborgarloften/).

Requests are intercepted: anything not addressed to 127.0.0.1 is aborted and recorded, so a
test can assert that no page ever asked another origin for anything.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from sitecheck import FICTIONAL, SubPathServer, build_site

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def fictional_built(tmp_path_factory) -> Path:
    return build_site(FICTIONAL, tmp_path_factory.mktemp("fictional-browser") / "_site")


@pytest.fixture(scope="session")
def servers(kungsor_site, fictional_built, tmp_path_factory):
    started = {
        "kungsor": SubPathServer(kungsor_site, tmp_path_factory.mktemp("www-kungsor")),
        "fictional": SubPathServer(fictional_built, tmp_path_factory.mktemp("www-fictional")),
    }
    yield started
    for server in started.values():
        server.close()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.fail(f"Chromium not found at {CHROMIUM}: run scripts/install-system-deps.sh")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def outside_requests() -> list[str]:
    return []


@pytest.fixture(scope="session")
def tab(browser, outside_requests):
    """One page reused by every test; Javascript stays on only so axe can run."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="sv-SE")

    def guard(route):
        host = urlsplit(route.request.url).hostname
        if host == "127.0.0.1":
            route.continue_()
        else:
            outside_requests.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    yield page
    context.close()
