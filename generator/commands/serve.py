"""`serve`: the editor's live preview.

- The site is kept in memory (generator/live.py): a save reloads the changed sources, checks
  them as `build` does, and pages are rendered when the browser asks for them. Nothing is
  written to disk.
- watchdog reports saves in the content folder and the themes; a short quiet period (debounce)
  folds a burst of saves ("save all", a git checkout) into ONE rebuild and ONE reload.
- livereload's browser side (its livereload.js and websocket handler, the script injected into
  each page) reloads the open tab after each build.
- When a save breaks the sources, every page shows an error page naming file, line and problem
  in the editor's language, until the next good save; the server keeps running whatever the
  content does.
- `/_build.json` (preview only) tells tools and tests the build number, result and problems.
- Only requests for `localhost`, `127.0.0.1` or `[::1]` (the `Host` header, any port) are
  answered, on every route: a web page the editor visits cannot rename itself to the preview's
  address (DNS rebinding) and read it. No URL, however malformed, is a 500 or a traceback.
"""

from __future__ import annotations

import html
import json
import os
import re
import signal
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from generator import messages
from generator.problems import Position, Problem, Problems, printable

HOST = "127.0.0.1"  # the preview is for the editor's own machine only
DEBOUNCE_SECONDS = 0.05  # a "save all" or a checkout writes its files within milliseconds
EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2

# Files editors' tools write beside the real ones while saving; they never change the site.
_JUNK_SUFFIXES = ("~", ".swp", ".swx", ".swo", ".tmp", ".part", ".crdownload")
_JUNK_PREFIXES = (".#", "#")
_CHANGES = {"created", "modified", "deleted", "moved", "closed"}

# The names the preview answers to, with or without a port (compared without case).
_LOCAL_HOST = re.compile(r"(?:localhost|127\.0\.0\.1|\[::1\])(?::[0-9]{1,5})?", re.IGNORECASE)
_EXCERPTS = 30  # problems shown with their source lines on the error page; the rest without
_LOGGED_URL = 200  # characters of a refused or missing URL written to the log


def is_local_host(host: str | None) -> bool:
    """Whether a `Host` header (or an Origin's host) names this machine's loopback address."""
    return host is not None and _LOCAL_HOST.fullmatch(host) is not None


def is_local_origin(origin: str | None) -> bool:
    """Whether a websocket's `Origin` is a page of the preview itself (or of another local
    server): never `null`, never another site."""
    from urllib.parse import urlsplit

    if not origin:
        return False
    try:
        parts = urlsplit(origin)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and is_local_host(parts.netloc)


@dataclass
class ServeOptions:
    content_dir: Path = Path("content")
    port: int = 8000
    lang: str = "sv"
    strict: bool = False
    host: str = HOST
    debounce: float = DEBOUNCE_SECONDS


@dataclass
class BuildState:
    number: int = 0
    ok: bool = False
    pages: int = 0
    seconds: float = 0.0
    reloads: int = 0
    problems: list[Problem] = field(default_factory=list)


class Preview:
    """The site in memory, and the latest reload's result for the pages served."""

    def __init__(self, options: ServeOptions) -> None:
        from generator.live import LiveSite

        self.options = options
        self.base_url = f"http://{options.host}:{options.port}/"
        self.site = LiveSite(options.content_dir, self.base_url, options.strict)
        self._lock = threading.Lock()
        self._state = BuildState()

    @property
    def state(self) -> BuildState:
        with self._lock:
            return self._state

    def rebuild(self) -> BuildState:
        """One reload; never raises, so bad content (or a bug) cannot stop the server."""
        started = time.perf_counter()
        try:
            found, pages = self.site.reload()
            problems, ok = found.sorted(), not found.errors
        except Exception as exc:  # noqa: BLE001 - the preview must survive anything
            problems = [Problem(Position("medborgarloften"), "serve_internal_error",
                                {"detail": f"{type(exc).__name__}: {exc}"})]
            ok, pages = False, 0
        seconds = time.perf_counter() - started
        with self._lock:
            number = self._state.number + 1
            self._state = BuildState(number=number, ok=ok, pages=pages, seconds=seconds,
                                     reloads=self._state.reloads, problems=problems)
        self._log(self._state)
        return self._state

    def fail(self, exc: Exception) -> None:
        """A page could not be rendered (a site's own template failed on it): shown as the
        reload's problem until the next save."""
        from generator.render.faults import TemplateFault

        problem = (exc.problem if isinstance(exc, TemplateFault) else
                   Problem(Position("medborgarloften"), "serve_internal_error",
                           {"detail": f"{type(exc).__name__}: {exc}"}))
        with self._lock:
            self._state.ok = False
            self._state.problems = [*self._state.problems, problem]
        self._log(self._state)

    def count_reload(self) -> None:
        with self._lock:
            self._state.reloads += 1

    def _log(self, state: BuildState) -> None:
        from generator.catalogue import translations

        lang = self.options.lang
        catalogue = translations(lang)
        if state.ok:
            pages = catalogue.ngettext("%(num)s page", "%(num)s pages", state.pages) % {"num": state.pages}
            print(messages.text("serve_built", lang, {"number": state.number, "pages": pages,
                                                      "seconds": f"{state.seconds:.2f}"}), flush=True)
        else:
            count = sum(p.severity == "error" for p in state.problems)
            errors = catalogue.ngettext("%(num)s error", "%(num)s errors", count) % {"num": count}
            print(messages.text("serve_failed", lang, {"number": state.number, "errors": errors}),
                  flush=True)
        for problem in state.problems:
            print(problem.render(lang), file=sys.stderr, flush=True)

    def info(self) -> dict:
        state = self.state
        return {
            "build": state.number, "ok": state.ok, "pages": state.pages,
            "seconds": round(state.seconds, 4), "reloads": state.reloads,
            "problems": [p.as_dict(self.options.lang) for p in state.problems],
        }

    def error_page(self) -> str:
        from generator.excerpts import excerpt_html

        lang = self.options.lang
        state = self.state
        items = "\n".join(
            "<li><code>{where}</code> {text}{hint}{excerpt}</li>".format(
                where=html.escape(str(p.position)),
                text=html.escape(("" if p.severity == "error" else
                                  messages.text("warning_prefix", lang, {}) + " ")
                                 + (f"{p.field_name}: " if p.field_name else "") + p.message(lang)),
                hint=f" <em>({html.escape(p.hint(lang))})</em>" if p.hint(lang) else "",
                excerpt=excerpt_html(p) if n < _EXCERPTS else "",
            )
            for n, p in enumerate(state.problems)
        )
        title = html.escape(messages.text("serve_error_title", lang, {}))
        intro = html.escape(messages.text("serve_error_intro", lang, {}))
        return (
            f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{title}</title>\n<style>"
            "body{font:1.05rem/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;"
            "padding:0 1rem;color:#1b1b1b}h1{color:#a4000f}li{margin:.6rem 0}"
            "code{background:#fde8e8;padding:.1rem .3rem;border-radius:3px}em{color:#444}"
            ".excerpt{font:.9rem/1.4 ui-monospace,monospace;background:#f6f6f6;padding:.5rem .7rem;"
            "margin:.4rem 0 0;overflow-x:auto;border-left:3px solid #a4000f}"
            ".excerpt .ln{color:#767676;user-select:none}.excerpt mark{background:#fde8e8;"
            "color:inherit}"
            ".excerpt .caret{color:#a4000f;font-weight:bold}"
            "</style>\n</head>\n<body>\n"
            f'<main id="medborgarloften-build-errors" data-build="{state.number}">\n'
            f"<h1>{title}</h1>\n<p>{intro}</p>\n<ol>\n{items}\n</ol>\n</main>\n</body>\n</html>\n"
        )


class Debouncer:
    """Calls `action` once the events have been quiet for `quiet` seconds (in its own thread).

    Events during a run mark the sources dirty again, so the run after it sees every change.
    """

    def __init__(self, quiet: float, action) -> None:
        self.quiet = quiet
        self.action = action
        self._cond = threading.Condition()
        self._last: float | None = None
        self._thread = threading.Thread(target=self._run, name="rebuild", daemon=True)
        self._thread.start()

    def poke(self) -> None:
        with self._cond:
            self._last = time.monotonic()
            self._cond.notify()

    def _run(self) -> None:
        while True:
            with self._cond:
                while self._last is None:
                    self._cond.wait()
                while (remaining := self._last + self.quiet - time.monotonic()) > 0:
                    self._cond.wait(remaining)
                self._last = None
            self.action()


def is_relevant(path: str) -> bool:
    """Real source or theme files, not editors' swap files or hidden folders."""
    parts = Path(path).parts
    name = parts[-1] if parts else ""
    if any(part.startswith(".") and part not in (".", "..") for part in parts[-4:]):
        return False
    if name.startswith(_JUNK_PREFIXES) or name.endswith(_JUNK_SUFFIXES) or name.isdigit():
        return False  # vim probes with a file named 4913
    return not name.endswith((".pyc", ".mo"))


def watched_paths(content_dir: Path) -> list[Path]:
    """content/ (which holds the site's own _theme/) and the default theme."""
    from generator.build import DEFAULT_THEME

    return [content_dir.resolve(), DEFAULT_THEME.resolve()]


def _watch(paths: list[Path], on_change):
    from watchdog.events import FileSystemEventHandler
    from watchdog.observers import Observer

    class Handler(FileSystemEventHandler):
        def on_any_event(self, event):
            if event.event_type not in _CHANGES:
                return
            if event.is_directory and event.event_type == "modified":
                return
            paths_changed = [event.src_path, getattr(event, "dest_path", "") or ""]
            if any(p and is_relevant(os.fsdecode(p)) for p in paths_changed):
                on_change()

    observer = Observer()
    handler = Handler()
    for path in paths:
        if path.is_dir():
            observer.schedule(handler, str(path), recursive=True)
    observer.start()
    return observer


def _application(preview: Preview):
    from livereload.handlers import LiveReloadHandler, LiveReloadJSHandler
    from livereload.server import LiveScriptInjector
    from tornado import web

    class Watcher:  # livereload's handler only reads which file changed, for its log line
        filepath = None

    LiveReloadHandler.watcher = Watcher()
    LiveReloadHandler.live_css = False  # always reload the whole page: it was rebuilt

    class LiveReload(LiveReloadHandler):
        """livereload's websocket, for the preview's own pages only (livereload accepts any
        origin), and quiet about messages that are not its protocol."""

        def check_origin(self, origin):
            return is_local_origin(origin)

        def on_message(self, message):
            """livereload.js's handshake: "hello" is answered, "info" registers the tab."""
            try:
                parsed = json.loads(message)
            except (TypeError, ValueError, RecursionError):
                return
            command = parsed.get("command") if isinstance(parsed, dict) else None
            if command == "hello":
                self.send_message({"command": "hello", "serverName": "medborgarloften",
                                   "protocols": ["http://livereload.com/protocols/official-7"]})
            elif command == "info":
                LiveReloadHandler.waiters.add(self)

    class Refused(web.RequestHandler):
        """Any request for another host name: answered with a short plain text, whatever the
        method or path."""

        def prepare(self):
            self.set_status(403)
            self.set_header("Content-Type", "text/plain; charset=utf-8")
            self.set_header("Cache-Control", "no-store")
            lang = preview.options.lang
            self.finish(f"{messages.text('serve_host_refused', lang, {})}\n"
                        f"{messages.hint('serve_host_refused', lang, {})}\n")

    class Application(web.Application):
        def find_handler(self, request, **kwargs):
            if not is_local_host(request.headers.get("Host")):
                return self.get_handler_delegate(request, Refused)
            return super().find_handler(request, **kwargs)

    class BuildInfo(web.RequestHandler):
        def get(self):
            self.set_header("Content-Type", "application/json; charset=utf-8")
            self.set_header("Cache-Control", "no-store")
            self.write(json.dumps(preview.info(), ensure_ascii=False))

    class Pages(web.RequestHandler):
        """The site in memory; while the sources have errors, pages show the errors instead."""

        def get(self, path):
            self.set_header("Cache-Control", "no-store")
            if not preview.state.ok and (path == "" or path.endswith(("/", ".html"))):
                self._send(500, "text/html; charset=utf-8", preview.error_page().encode())
                return
            try:
                found = preview.site.get(path) or preview.site.not_found(path)
            except Exception as exc:  # noqa: BLE001 - e.g. a site's template fails on this page
                found = None
                preview.fail(exc)
                self._send(500, "text/html; charset=utf-8", preview.error_page().encode())
                return
            if found is None:
                self._send(404, "text/plain; charset=utf-8", b"404")
                return
            self._send(found.status, found.media_type, found.body)

        def _send(self, status: int, media_type: str, body: bytes) -> None:
            self.set_status(status)
            self.set_header("Content-Type", media_type)
            self.finish(body)

    script = f'<script src="/livereload.js?port={preview.options.port}"></script>'.encode()

    class Inject(LiveScriptInjector):
        pass

    Inject.script = script
    return Application(
        [
            (r"/livereload", LiveReload),
            (r"/livereload\.js", LiveReloadJSHandler),
            (r"/_build\.json", BuildInfo),
            (r"/(.*)", Pages),
        ],
        transforms=[Inject],
        log_function=_log_request,
    )


def _log_request(handler) -> None:
    """The access log: only what went wrong, one printable line each, the URL cut short."""
    status = handler.get_status()
    if status < 400:
        return
    request = handler.request
    url = printable(request.uri or "")
    url = url if len(url) <= _LOGGED_URL else url[:_LOGGED_URL] + "…"
    shown = f"{status} {printable(request.method or '')} {url}"
    if status == 403:
        shown += f" (Host: {printable(request.headers.get('Host', ''))[:_LOGGED_URL]})"
    print(shown, file=sys.stderr, flush=True)


def serve(options: ServeOptions, problems: Problems) -> int:
    """Run the preview until Ctrl+C (or SIGTERM); returns the exit code."""
    from livereload.handlers import LiveReloadHandler
    from tornado.ioloop import IOLoop

    from generator.sources.loader import shown_path

    lang = options.lang
    if not options.content_dir.is_dir():
        problems.add(Position(shown_path(options.content_dir)), "content_dir_missing")
        return EXIT_PROBLEMS

    preview = Preview(options)
    observer = None
    try:
        loop = IOLoop.current()
        app = _application(preview)
        try:
            app.listen(options.port, address=options.host)
        except OSError:
            problems.add(Position(f"{options.host}:{options.port}"), "serve_port_busy",
                         port=options.port)
            return EXIT_USAGE
        preview.rebuild()

        def after_build() -> None:
            preview.rebuild()
            preview.count_reload()
            loop.add_callback(LiveReloadHandler.reload_waiters, "*")

        debouncer = Debouncer(options.debounce, after_build)
        paths = watched_paths(options.content_dir)
        observer = _watch(paths, debouncer.poke)
        print(messages.text("serve_watching", lang,
                            {"paths": ", ".join(shown_path(p) for p in paths)}), flush=True)
        print(messages.text("serve_listening", lang, {"url": preview.base_url}), flush=True)

        def stop(*_args) -> None:
            raise KeyboardInterrupt

        signal.signal(signal.SIGTERM, stop)
        try:
            loop.start()
        except KeyboardInterrupt:
            pass
        return EXIT_OK
    finally:
        if observer is not None:
            observer.stop()
