"""Save → served page latency of `medborgarloften serve`, median and p95 over many saves.

    python benchmarks/rebuild_on_save.py [--saves 30] [--content content]
    python benchmarks/rebuild_on_save.py --pages 10008 [--saves 15] [--seed 1]

Starts the real `serve` command on a free port with a private copy of the content (with
--pages: a FICTIONAL corpus of about that many pages, benchmarks/corpus.py, written into a
temporary folder), waits for its first reload, and then for each save rewrites one focus-area
file (the middle promise's first) with a new title in the site's default language and measures,
from just before the write:
  - "rebuilt": until /_build.json reports the next reload number (the sources are read again and
    checked; generator/live.py);
  - "served":  until the focus area's own page (`<promise id>/<area slug>/`, as
    generator/render/pages.py plans it) contains the new title; the page is rendered on request.
Both include the debounce (generator/commands/serve.py, DEBOUNCE_SECONDS), which is what an editor
waits for. Also printed: the reload alone, as the server measured it. Polling uses one kept-alive
connection every POLL seconds, so the server spends little time answering it.

Figures are printed as they come; the last line is one JSON object: content, pages (what the
server reports), saves, served_median_ms, served_p95_ms, rebuilt_median_ms, reload_s_median,
and more.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml
from markupsafe import escape

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(BENCH))

from corpus import write_corpus  # noqa: E402

POLL = 0.004  # seconds between polls
FIRST_LOAD_LIMIT = 600.0  # seconds for the server's first reload (a big corpus takes a while)
SAVE_LIMIT = 120.0  # seconds for one save to be served
QUIET = 0.3  # seconds after each save, so that saves are independent of each other


class BenchError(Exception):
    """A step failed; the message says which."""


class Client:
    """GETs over one kept-alive HTTP connection (reconnects when the server closes it)."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.conn: http.client.HTTPConnection | None = None

    def get(self, path: str) -> tuple[int, str]:
        for attempt in (1, 2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            try:
                self.conn.request("GET", path)
                response = self.conn.getresponse()
                return response.status, response.read().decode("utf-8", errors="replace")
            except (OSError, http.client.HTTPException):
                self.conn.close()
                self.conn = None
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def info(self) -> dict:
        status, body = self.get("/_build.json")
        if status != 200:
            raise BenchError(f"/_build.json answered {status}: {body[:500]}")
        return json.loads(body)

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def read_yaml(path: Path) -> dict:
    with path.open(encoding="utf-8") as f:
        return yaml.safe_load(f) or {}


def pick_focus_area(content: Path) -> tuple[Path, str, str, str]:
    """The middle promise's first focus-area file, the site's default language, the path of the
    page that shows the area (generator/render/pages.py: `{prefix}{promise.id}/{area.slug}/`,
    no prefix in the default language; generator/sources/loader.py: the slug is the area id
    without `<promise id>-`), and the area's current title."""
    site = read_yaml(content / "site.yaml")
    lang = str(site.get("default_language") or "sv")
    folders = sorted(p for p in content.iterdir() if (p / "promise.yaml").is_file())
    if not folders:
        raise BenchError(f"{content}: no promise folder (a folder with promise.yaml)")
    folder = folders[len(folders) // 2]
    areas = sorted(p for p in folder.glob("*.yaml") if p.name != "promise.yaml")
    if not areas:
        raise BenchError(f"{folder}: no focus-area file")
    promise_id = str(read_yaml(folder / "promise.yaml")["id"])
    data = read_yaml(areas[0])
    area_id = str(data["id"])
    prefix = f"{promise_id}-"
    slug = area_id[len(prefix):] if area_id.startswith(prefix) else area_id
    title = (data.get("title") or {}).get(lang)
    if not title:
        raise BenchError(f"{areas[0]}: no title in the default language {lang!r}")
    return areas[0], lang, f"/{promise_id}/{slug}/", str(title)


def retitled(original: str, lang: str, title: str, where: Path) -> str:
    """The focus-area file's text with a new title in lang (the line `title:\\n  <lang>: ...`)."""
    edited, n = re.subn(rf"^(title:\n(?:  [a-z]{{2}}: .*\n)*?  {lang}: ).*$",
                        lambda m: m.group(1) + json.dumps(title, ensure_ascii=False),
                        original, count=1, flags=re.MULTILINE)
    if n != 1:
        raise BenchError(f"{where}: found no one-line 'title:' text in {lang!r} to edit")
    return edited


def wait_first_load(proc: subprocess.Popen, client: Client, log: Path) -> dict:
    deadline = time.monotonic() + FIRST_LOAD_LIMIT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise BenchError(f"serve exited with {proc.returncode}:\n{log.read_text()[-3000:]}")
        try:
            info = client.info()
        except (OSError, http.client.HTTPException, ValueError):
            time.sleep(0.05)
            continue
        if info["build"] >= 1:
            if not info["ok"]:
                raise BenchError(f"the first reload found problems: {info['problems'][:5]}")
            return info
        time.sleep(0.05)
    raise BenchError(f"serve did not finish its first reload within {FIRST_LOAD_LIMIT:.0f} s:\n"
                     f"{log.read_text()[-3000:]}")


def settled(client: Client) -> dict:
    """The server's state once no reload has happened for QUIET seconds."""
    info = client.info()
    while True:
        time.sleep(QUIET)
        again = client.info()
        if again["build"] == info["build"]:
            return again
        info = again


def measure(args: argparse.Namespace, content: Path, work: Path, label: str) -> dict:
    area, lang, page, title = pick_focus_area(content)
    original = area.read_text(encoding="utf-8")
    port = free_port()
    log_path = work / "serve.log"
    env = {**os.environ,
           "PYTHONPATH": os.pathsep.join([str(REPO), *filter(None, [os.environ.get("PYTHONPATH")])])}
    rebuilt: list[float] = []
    served: list[float] = []
    reloads: list[float] = []
    client = Client(port)
    with log_path.open("w") as log:
        started = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-m", "generator", "serve", "--content", str(content),
             "--port", str(port)],
            cwd=work, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, env=env)
        try:
            first = wait_first_load(proc, client, log_path)
            ready = time.perf_counter() - started
            print(f"serve: first reload {first['seconds']:.2f} s ({first['pages']} pages), "
                  f"{ready:.1f} s after start", flush=True)
            status, body = client.get(page)  # renders once: compiles the templates
            if status != 200 or str(escape(title)) not in body:
                raise BenchError(f"{page} (status {status}) does not show {title!r} of {area}; "
                                 "is it the focus area's page?")
            shown = area.relative_to(content)
            print(f"editing {shown}, watching http://127.0.0.1:{port}{page}", flush=True)
            number = settled(client)["build"]
            for save in range(1, args.saves + 1):
                marker = f"Mätning {save} av sparning (benchmark)"
                text = retitled(original, lang, marker, area)
                begun = time.perf_counter()
                area.write_text(text, encoding="utf-8")
                deadline = time.monotonic() + SAVE_LIMIT
                while True:
                    info = client.info()
                    if info["build"] > number:
                        rebuilt.append(time.perf_counter() - begun)
                        break
                    if time.monotonic() > deadline or proc.poll() is not None:
                        raise BenchError(f"save {save}: no reload within {SAVE_LIMIT:.0f} s")
                    time.sleep(POLL)
                if not info["ok"]:
                    raise BenchError(f"save {save}: the reload found problems: "
                                     f"{info['problems'][:5]}")
                while marker not in client.get(page)[1]:
                    if time.monotonic() > deadline or proc.poll() is not None:
                        raise BenchError(f"save {save}: {page} did not show the new title")
                    time.sleep(POLL)
                served.append(time.perf_counter() - begun)
                last = settled(client)  # a second reload for one save would be counted here
                reloads.append(info["seconds"])
                number = last["build"]
                print(f"save {save}: rebuilt {rebuilt[-1] * 1000:.0f} ms, served "
                      f"{served[-1] * 1000:.0f} ms (reload {info['seconds'] * 1000:.0f} ms"
                      + (f"; {last['build'] - info['build']} more reload(s) after it"
                         if last["build"] != info["build"] else "") + ")", flush=True)
        finally:
            client.close()
            proc.terminate()
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()

    def ms(values: list[float]) -> str:
        return f"median {statistics.median(values) * 1000:.0f} ms, p95 {p95(values) * 1000:.0f} ms"

    print(f"saves: {len(served)} ({label}, {first['pages']} pages, {os.cpu_count()} CPUs)")
    print(f"save -> rebuilt (reload number): {ms(rebuilt)}")
    print(f"save -> served page:             {ms(served)}")
    print(f"reload alone (server's figure):  {ms(reloads)}")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    return {
        "content": label,
        "pages": first["pages"],
        "saves": len(served),
        "served_median_ms": round(statistics.median(served) * 1000, 1),
        "served_p95_ms": round(p95(served) * 1000, 1),
        "rebuilt_median_ms": round(statistics.median(rebuilt) * 1000, 1),
        "rebuilt_p95_ms": round(p95(rebuilt) * 1000, 1),
        "reload_s_median": round(statistics.median(reloads), 4),
        "first_reload_s": round(first["seconds"], 3),
        "edited": str(shown),
        "page": page,
        "cpus": os.cpu_count(),
        "load_1m": round(load, 2) if load is not None else None,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=30, help="saves measured (default: 30)")
    parser.add_argument("--content", type=Path, default=None, metavar="DIR",
                        help="the content folder, copied first (default: content)")
    parser.add_argument("--pages", type=int, default=None, metavar="N",
                        help="instead: a fictional corpus of about N pages (benchmarks/corpus.py)")
    parser.add_argument("--seed", type=int, default=1, help="corpus seed (default: 1)")
    args = parser.parse_args(argv)
    if args.saves < 1:
        parser.error("--saves must be at least 1")
    if args.pages is not None and args.content is not None:
        parser.error("--content and --pages exclude each other")
    if args.pages is not None and args.pages < 1:
        parser.error("--pages must be at least 1")

    work = Path(tempfile.mkdtemp(prefix="bench-serve-")).resolve()
    try:
        if args.pages is not None:
            started = time.perf_counter()
            content = write_corpus(work, args.pages, args.seed)
            label = f"fictional corpus (--pages {args.pages}, seed {args.seed})"
            print(f"corpus written in {time.perf_counter() - started:.1f} s", flush=True)
        else:
            source = args.content if args.content is not None else REPO / "content"
            if not source.is_dir():
                parser.error(f"{source}: no such folder")
            content = work / "content"
            shutil.copytree(source, content)
            label = (str(source) if args.content is not None
                     else "content")
        result = measure(args, content, work, label)
    except BenchError as error:
        print(f"benchmark failed: {error}", file=sys.stderr, flush=True)
        return 1
    except KeyboardInterrupt:
        print("benchmark interrupted", file=sys.stderr, flush=True)
        return 130
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(result, ensure_ascii=False), flush=True)  # the last line: the figures
    return 0


if __name__ == "__main__":
    sys.exit(main())
