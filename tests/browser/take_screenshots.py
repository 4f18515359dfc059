"""Take the README's screenshots of the home page in both languages from a real build.

    python tests/browser/take_screenshots.py [OUT_DIR]   (default: docs/screenshots)

Builds content/ into a temporary folder, serves it from 127.0.0.1 under the production sub-path
and photographs it in Debian's Chromium, so the pictures show exactly what the build publishes.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(HERE.parent))

from sitecheck import SubPathServer, build_site  # noqa: E402

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def main(out_dir: Path) -> None:
    from playwright.sync_api import sync_playwright

    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        site = build_site(REPO / "content", Path(tmp) / "_site")
        server = SubPathServer(site, Path(tmp) / "www")
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
                page = browser.new_page(viewport={"width": 1024, "height": 1400})
                for lang, path in (("sv", ""), ("en", "en/")):
                    page.goto(server.base + path)
                    page.screenshot(path=str(out_dir / f"home-{lang}.png"), full_page=False)
                    print(out_dir / f"home-{lang}.png")
                browser.close()
        finally:
            server.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "docs" / "screenshots")
