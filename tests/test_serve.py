"""`serve` through the real command and the real server: a subprocess on a free port, a private
content copy, files edited on disk, pages fetched over HTTP.

Waiting uses generous deadlines only so a broken server cannot hang the suite; nothing asserts how
fast anything happened (speed is measured in benchmarks/rebuild_on_save.py).
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import REPO, copy_content, run_cli

DEADLINE = 120  # seconds; only to stop a hung server from hanging the test run


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


class Server:
    def __init__(self, tmp_path: Path, lang: str = "en", content: Path | None = None) -> None:
        self.content = content or copy_content(tmp_path)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.log = (tmp_path / "serve.log").open("w+")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "generator", "serve", "--content", str(self.content),
             "--port", str(self.port), "--lang", lang],
            cwd=tmp_path, stdout=self.log, stderr=subprocess.STDOUT,
            env={**os.environ, "PYTHONPATH": str(REPO), "MEDBORGARLOFTEN_LANG": lang},
        )
        self.wait_for_build(1)

    def info(self) -> dict:
        return json.loads(fetch(self.url + "_build.json")[1])

    def wait_for_build(self, number: int) -> dict:
        end = time.monotonic() + DEADLINE
        while time.monotonic() < end:
            assert self.proc.poll() is None, f"serve stopped:\n{self.output()}"
            try:
                info = self.info()
                if info["build"] >= number:
                    return info
            except (urllib.error.URLError, ConnectionError, json.JSONDecodeError):
                pass
            time.sleep(0.05)
        pytest.fail(f"no build {number} within the deadline:\n{self.output()}")

    def wait_until(self, condition) -> None:
        end = time.monotonic() + DEADLINE
        while time.monotonic() < end:
            assert self.proc.poll() is None, f"serve stopped:\n{self.output()}"
            if condition():
                return
            time.sleep(0.05)
        pytest.fail(f"the condition did not come true within the deadline:\n{self.output()}")

    def output(self) -> str:
        self.log.flush()
        return Path(self.log.name).read_text()

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:  # pragma: no cover
            self.proc.kill()
        self.log.close()


@pytest.fixture
def server(tmp_path):
    srv = Server(tmp_path)
    yield srv
    srv.stop()


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_first_build_is_served_with_the_livereload_script(server):
    status, page = fetch(server.url)
    assert status == 200
    assert "Medborgarlöften i Kungsör" in page
    assert "/livereload.js" in page
    assert server.info()["ok"] is True
    status, script = fetch(server.url + "livereload.js")
    assert status == 200 and "LiveReload" in script


def test_a_saved_change_appears_on_the_served_page(server):
    before = server.info()["build"]
    edit(server.content / "2021" / "1-skolmiljo.yaml", "sv: Skolor och skolmiljö",
         "sv: Skolor och skolmiljö (redigerad i testet)")
    info = server.wait_for_build(before + 1)
    assert info["ok"], info
    status, page = fetch(server.url + "2021/")
    assert status == 200
    assert "Skolor och skolmiljö (redigerad i testet)" in page


def test_a_broken_save_shows_the_error_and_the_next_good_save_brings_the_site_back(server):
    area = server.content / "2021" / "3-trafiksakerhet.yaml"
    good = area.read_text(encoding="utf-8")
    lines = good.splitlines(keepends=True)
    lines.insert(3, "title: [unclosed\n")  # line 4
    area.write_text("".join(lines), encoding="utf-8")
    info = server.wait_for_build(2)
    assert info["ok"] is False
    assert info["problems"][0]["path"].endswith("3-trafiksakerhet.yaml")

    status, page = fetch(server.url)
    assert status == 500
    assert "3-trafiksakerhet.yaml:" in page
    assert "the YAML cannot be read" in page
    status, page = fetch(server.url + "2021/trafiksakerhet/")
    assert "3-trafiksakerhet.yaml:" in page and "/livereload.js" in page  # reloads when fixed
    assert server.proc.poll() is None  # still serving

    area.write_text(good, encoding="utf-8")
    info = server.wait_for_build(3)
    assert info["ok"] is True
    status, page = fetch(server.url)
    assert status == 200 and "Medborgarlöften i Kungsör" in page


def test_an_unknown_key_is_shown_with_its_line_in_swedish(tmp_path):
    srv = Server(tmp_path, lang="sv")
    try:
        area = srv.content / "2021" / "1-skolmiljo.yaml"
        edit(area, "goal:", "gaol:")
        line = next(i for i, text in enumerate(area.read_text().splitlines(), 1)
                    if text.startswith("gaol:"))
        info = srv.wait_for_build(2)
        assert not info["ok"]
        status, page = fetch(srv.url)
        assert status == 500
        assert f"1-skolmiljo.yaml:{line}:1" in page
        assert "okänd nyckel &#x27;gaol&#x27;" in page
        assert "menade du &#x27;goal&#x27;?" in page
        assert '<html lang="sv">' in page
    finally:
        srv.stop()


FICTIONAL_AREA = """# Fiktivt exempel för test / fictional example for a test.
id: 2021-fiktivt-{n:02d}
title:
  sv: Fiktivt fokusområde {n}
  en: Fictional focus area {n}
goal:
  sv: Ett påhittat mål för testet
  en: A made-up goal for the test
commitments:
  - id: 2021-fiktivt-{n:02d}-1
    text:
      sv: Ett påhittat åtagande
      en: A made-up commitment
    responsible: [polisen]
"""


def test_twenty_files_saved_at_once_give_one_rebuild_and_one_reload(server):
    start = server.info()
    assert start["build"] == 1 and start["reloads"] == 0
    for n in range(1, 21):  # an editor's "save all": twenty files within moments
        path = server.content / "2021" / f"9-fiktivt-{n:02d}.yaml"
        path.write_text(FICTIONAL_AREA.format(n=n), encoding="utf-8")
    after_burst = server.wait_for_build(2)
    assert after_burst["ok"], after_burst
    # That one build saw all twenty files: each new focus area has its page in both languages.
    assert after_burst["pages"] > start["pages"]
    for n in range(1, 21):
        for page, title in ((f"2021/fiktivt-{n:02d}/", f"Fiktivt fokusområde {n}<"),
                            (f"en/2021/fiktivt-{n:02d}/", f"Fictional focus area {n}<")):
            status, html = fetch(server.url + page)
            assert status == 200 and title in html, page
    assert after_burst["reloads"] == 1

    # A later single save is the very next build: the burst caused no second rebuild.
    edit(server.content / "2021" / "9-fiktivt-01.yaml", "Fiktivt fokusområde 1\n",
         "Fiktivt fokusområde ett\n")
    server.wait_until(lambda: "Fiktivt fokusområde ett" in fetch(server.url + "2021/")[1])
    # The page is live as soon as the build publishes it; the build and the reload are counted
    # moments later (after the build's own clean-up, and after the browser was told).
    server.wait_until(lambda: server.info()["reloads"] >= 2)
    after_save = server.info()
    assert after_save["build"] == 3 and after_save["reloads"] == 2
    assert server.output().count("Build ") == 3


def test_the_theme_is_watched_too(tmp_path):
    content = copy_content(tmp_path)
    templates = content / "_theme" / "templates"
    templates.mkdir(parents=True)
    srv = Server(tmp_path, content=content)
    try:
        base = (REPO / "themes" / "default" / "templates" / "base.html").read_text(encoding="utf-8")
        assert "</body>" in base
        (templates / "base.html").write_text(
            base.replace("</body>", "<p id=\"theme-marker\">egen mall</p>\n</body>", 1),
            encoding="utf-8")
        info = srv.wait_for_build(2)
        assert info["ok"], info
        assert 'id="theme-marker"' in fetch(srv.url)[1]
        # An edit of a template already in use: the same process must not keep the old one.
        (templates / "base.html").write_text(
            base.replace("</body>", "<p id=\"theme-marker-2\">ändrad mall</p>\n</body>", 1),
            encoding="utf-8")
        info = srv.wait_for_build(3)
        assert info["ok"], info
        html = fetch(srv.url)[1]
        assert 'id="theme-marker-2"' in html and 'id="theme-marker"' not in html
    finally:
        srv.stop()


def test_the_livereload_websocket_is_told_to_reload_after_a_save(server):
    pytest.importorskip("tornado")
    import asyncio

    from tornado.websocket import websocket_connect

    async def listen() -> dict:
        ws = await websocket_connect(f"ws://127.0.0.1:{server.port}/livereload")
        ws.write_message(json.dumps({"command": "hello",
                                     "protocols": ["http://livereload.com/protocols/official-7"]}))
        hello = json.loads(await ws.read_message())
        assert hello["command"] == "hello"
        ws.write_message(json.dumps({"command": "info", "url": server.url}))
        await asyncio.sleep(0.2)  # let the server register this tab before the save
        edit(server.content / "2021" / "2-hot-spots.yaml", "id: 2021-hot-spots",
             "id: 2021-hot-spots\n# sparad igen")
        message = await asyncio.wait_for(ws.read_message(), DEADLINE)
        ws.close()
        return json.loads(message)

    # A thread of its own: the browser tests' Playwright may keep an event loop running in this one.
    outcome: dict = {}

    def run() -> None:
        try:
            outcome["message"] = asyncio.run(listen())
        except BaseException as error:  # noqa: BLE001 - reported below in the test's thread
            outcome["error"] = error

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(DEADLINE + 30)
    if "error" in outcome:
        raise outcome["error"]
    assert outcome["message"]["command"] == "reload"


def test_the_server_binds_to_localhost_only(server):
    addresses = {info[4][0] for info in socket.getaddrinfo(socket.gethostname(), None,
                                                            socket.AF_INET)}
    outside = sorted(a for a in addresses if not a.startswith("127."))
    if not outside:
        pytest.skip("this machine has no non-loopback IPv4 address to try")
    with pytest.raises(OSError):
        socket.create_connection((outside[0], server.port), timeout=5).close()


def test_a_busy_port_is_a_clear_error(tmp_path):
    content = copy_content(tmp_path)
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = run_cli("serve", "--content", content, "--port", port, timeout=120)
    assert result.returncode == 2
    assert f"the port {port} is already in use" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_missing_content_folder_is_a_clear_error(tmp_path):
    result = run_cli("serve", "--content", tmp_path / "nowhere", "--port", free_port())
    assert result.returncode == 1
    assert "the content folder does not exist" in result.stderr
    assert "Traceback" not in result.stderr


def test_serve_help_names_its_options():
    result = run_cli("serve", "--help")
    assert result.returncode == 0
    assert "--port" in result.stdout and "--content" in result.stdout
