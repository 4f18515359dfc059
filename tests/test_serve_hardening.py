"""`serve` against requests no browser of the editor's would make: other host names (DNS
rebinding), hostile websocket clients and malformed URLs. Through the real command on a free
port (see tests/test_serve.py); raw sockets, so every byte of the request is the test's."""

from __future__ import annotations

import base64
import json
import os
import socket

import pytest
from conftest import copy_content, with_fictional_statement
from test_serve import Server, edit

from generator.commands.serve import BuildState, Preview, ServeOptions, is_local_host, is_local_origin
from generator.problems import Position, Problem

REFUSED_HOSTS = ["evil.example", "evil.example:{port}", "127.0.0.1.evil.example", "localhost.evil.example",
                 "evil.example:{port}@localhost", "10.0.0.1:{port}", "[::2]:{port}", "0.0.0.0:{port}",
                 "localhost:{port}x", "localhost:", "", "127.0.0.2"]
LOCAL_HOSTS = ["localhost", "localhost:{port}", "127.0.0.1:{port}", "[::1]:{port}", "LocalHost:{port}",
               "127.0.0.1"]
ROUTES = ["/", "/2021/", "/_build.json", "/livereload.js", "/livereload", "/static/style.css",
          "/nowhere", "/%00"]
BAD_URLS = ["/%00", "/a%00b.html", "/static/%00", "/static/a%00.css", "/%zz", "/%", "/%4", "/%ff",
            "/en/%ff/", "/static/%c0%ae%c0%ae/x", "/../../etc/passwd", "/static/../../../etc/passwd",
            "/%2e%2e/%2e%2e/etc/passwd", "/static/%2e%2e/%2e%2e/pyproject.toml", "//etc/passwd",
            "/\\..\\x", "/static/" + "a" * 5000 + ".css", "/" + "a/" * 3000, "/" + "a" * 20000,
            "/2021/" + "%00" * 100, "/_build.json/%00", "/livereload.js%00", "/data/%00.csv",
            "/static/style.css%00.html", "/static/", "/static", "/en/..%2f..%2fetc/passwd",
            "/%u002e%u002e/", "/\x7f", "/\u00e5".encode().decode("latin-1"), "*", "http://evil.example/"]
LOG_SIGNS = ("Traceback", "Error:", "internal error", 'File "', "Exception")


def request(port: int, raw: bytes, timeout: float = 30) -> tuple[int, bytes]:
    """The status and body of one request sent as raw bytes (status 0: the server closed the
    connection without an answer)."""
    data = b""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        try:
            sock.sendall(raw)
            while chunk := sock.recv(65536):
                data += chunk
        except (ConnectionResetError, BrokenPipeError):
            pass  # turned away before it was all sent: what it answered, if anything, counts
    head, _, body = data.partition(b"\r\n\r\n")
    parts = head.split(b" ", 2)
    return (int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 0), body


def get(port: int, path: str, host: str | None = "localhost", headers: str = "") -> tuple[int, bytes]:
    host_line = "" if host is None else f"Host: {host}\r\n"
    raw = f"GET {path} HTTP/1.1\r\n{host_line}{headers}Connection: close\r\n\r\n"
    return request(port, raw.encode("latin-1"))


def upgrade(port: int, host: str, origin: str | None) -> int:
    """The status of a websocket handshake on /livereload (101: accepted)."""
    key = base64.b64encode(os.urandom(16)).decode()
    origin_line = "" if origin is None else f"Origin: {origin}\r\n"
    raw = (f"GET /livereload HTTP/1.1\r\nHost: {host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
           f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n{origin_line}\r\n")
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(raw.encode())
        data = b""
        while b"\r\n\r\n" not in data and (chunk := sock.recv(4096)):
            data += chunk
    return int(data.split(b" ", 2)[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    # The real content with a FICTIONAL complete accessibility statement (see conftest), so a
    # clean preview has no problem at all and any problem a URL causes shows.
    root = tmp_path_factory.mktemp("serve")
    srv = Server(root, content=with_fictional_statement(copy_content(root)))
    yield srv
    srv.stop()


def assert_clean_log(server: Server) -> None:
    log = server.output()
    for sign in LOG_SIGNS:
        assert sign not in log, log


@pytest.mark.parametrize("host", REFUSED_HOSTS)
def test_another_host_name_is_refused_on_every_route(server, host):
    host = host.format(port=server.port)
    for route in ROUTES:
        status, body = get(server.port, route, host)
        assert status in (400, 403), (host, route, status)  # 400: tornado's own check of the name
        if status == 403:
            assert body.startswith(b"The preview only answers the addresses localhost"), body
        assert b"Skolor" not in body and b"build" not in body
    assert_clean_log(server)


def test_a_request_without_a_host_is_refused(server):
    status, body = request(server.port, b"GET / HTTP/1.0\r\n\r\n")
    assert status == 403 and b"localhost" in body
    status, _ = request(server.port, b"POST /_build.json HTTP/1.1\r\nHost: evil.example\r\n"
                                     b"Content-Length: 2\r\nConnection: close\r\n\r\n{}")
    assert status == 403


@pytest.mark.parametrize("host", LOCAL_HOSTS)
def test_the_local_host_names_are_answered(server, host):
    host = host.format(port=server.port)
    status, body = get(server.port, "/", host)
    assert status == 200 and "Medborgarlöften i Kungsör".encode() in body
    status, body = get(server.port, "/_build.json", host)
    assert status == 200 and json.loads(body)["ok"] is True


def test_the_livereload_websocket_checks_host_and_origin(server):
    port = server.port
    assert upgrade(port, f"127.0.0.1:{port}", None) == 101  # a tool, not a browser page
    assert upgrade(port, f"127.0.0.1:{port}", f"http://127.0.0.1:{port}") == 101  # the preview's page
    assert upgrade(port, f"localhost:{port}", f"http://localhost:{port}") == 101
    assert upgrade(port, f"evil.example:{port}", f"http://evil.example:{port}") == 403  # rebinding
    assert upgrade(port, f"127.0.0.1:{port}", "https://evil.example") == 403  # another site's page
    assert upgrade(port, f"127.0.0.1:{port}", "null") == 403  # a sandboxed frame, a file:// page
    assert_clean_log(server)


def test_messages_outside_the_livereload_protocol_are_ignored_quietly(server):
    pytest.importorskip("tornado")
    import asyncio
    import threading

    from tornado.websocket import websocket_connect

    async def talk() -> dict:
        ws = await websocket_connect(f"ws://127.0.0.1:{server.port}/livereload")
        for junk in ["not json", "[1, 2]", '{"command": 5}', '{"command": "info"', "null", "[" * 100_000,
                     '{"command": "hello", "protocols": 5}', "\ud800".encode("utf-8", "surrogatepass"),
                     b"\xff\xfe"]:
            await ws.write_message(junk, binary=isinstance(junk, bytes))
        await ws.write_message(json.dumps({"command": "hello", "protocols": []}))
        answer = json.loads(await asyncio.wait_for(ws.read_message(), 30))
        ws.close()
        return answer

    outcome: dict = {}

    def run() -> None:  # a thread of its own, as in tests/test_serve.py
        try:
            outcome["answer"] = asyncio.run(talk())
        except BaseException as error:  # noqa: BLE001 - reported below
            outcome["error"] = error

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(90)
    if "error" in outcome:
        raise outcome["error"]
    assert outcome["answer"]["command"] == "hello"  # the socket survived all of it
    assert server.info()["ok"] is True
    assert_clean_log(server)


def test_no_url_is_a_500_or_a_traceback(server):
    for path in BAD_URLS:
        status, body = get(server.port, path)
        assert status in (400, 404), (path[:60], status, body[:300])
        assert b"Traceback" not in body
    # Nothing a URL asks for breaks the preview for the next request.
    info = server.info()
    assert info["ok"] is True and info["problems"] == [], info
    status, body = get(server.port, "/")
    assert status == 200
    assert_clean_log(server)
    # The log names what was asked for, on one line each, cut short.
    assert all(len(line) < 400 for line in server.output().splitlines())


def test_a_very_long_request_line_is_turned_away_without_a_traceback(server):
    status, _ = get(server.port, "/" + "a" * 200_000)
    assert status in (0, 400, 414, 431)
    assert server.proc.poll() is None and get(server.port, "/")[0] == 200
    assert_clean_log(server)


def test_the_host_check_helpers():
    for host in ["localhost", "LOCALHOST:8000", "127.0.0.1", "127.0.0.1:1", "[::1]", "[::1]:65535"]:
        assert is_local_host(host), host
    for host in [None, "", "localhost.", "localhost:", "localhost:123456", "127.0.0.1 ", " localhost",
                 "127.0.0.01", "::1", "[::1", "evil.example", "localhost\n", "xlocalhost"]:
        assert not is_local_host(host), host
    assert is_local_origin("http://127.0.0.1:8000") and is_local_origin("https://localhost")
    for origin in [None, "", "null", "file://", "http://evil.example", "ws://localhost:8000",
                   "http://localhost.evil.example", "http://[::1", "http://user@evil.example"]:
        assert not is_local_origin(origin), origin


def test_the_error_page_shows_the_source_lines_and_escapes_them(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "content").mkdir()
    source = tmp_path / "content" / "1-omrade.yaml"
    source.write_text("id: a\ntitle:\n  sv: <b>Fet</b> & \"citat\"\ngoal: [x\nslut: 1\n", encoding="utf-8")
    preview = Preview(ServeOptions(content_dir=tmp_path / "content", lang="sv"))
    preview._state = BuildState(number=2, problems=[
        Problem(Position("content/1-omrade.yaml", 3, 7), "yaml_syntax", {"detail": "<x>"}),
        Problem(Position("content/missing.yaml", 1, 1), "empty_file"),
    ])
    page = preview.error_page()
    assert page.count('<pre class="excerpt">') == 1  # none for the file that is not there
    assert "&lt;b&gt;Fet&lt;/b&gt; &amp; &quot;citat&quot;" in page
    assert "<b>" not in page and "<x>" not in page
    assert '<mark><span class="ln">3</span>   sv: &lt;b&gt;' in page
    assert '<span class="ln"> </span>       <span class="caret">^</span>' in page  # under "<"
    assert "content/missing.yaml:1:1" in page


def test_a_broken_save_shows_the_source_lines_in_the_browser(tmp_path):
    srv = Server(tmp_path)
    try:
        area = srv.content / "2021" / "1-skolmiljo.yaml"
        edit(area, "goal:", "gaol:")
        info = srv.wait_for_build(2)
        assert not info["ok"]
        status, page = get(srv.port, "/")
        page_text = page.decode("utf-8")
        assert status == 500
        assert '<pre class="excerpt">' in page_text
        assert "<mark>" in page_text and "gaol:" in page_text and '<span class="caret">^</span>' in page_text
    finally:
        srv.stop()
