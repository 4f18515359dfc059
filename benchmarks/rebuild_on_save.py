"""Save → served page latency of `medborgarloften serve`, median and p95 over many saves.

    python benchmarks/rebuild_on_save.py [--saves 30] [--content content]

Starts the real `serve` command on a free port with a private copy of the content, then for each
save rewrites one focus-area file with a new title and measures, from the moment the write
returned:
  - "rebuilt": until /_build.json reports the new build (the site is rebuilt and published in the
    preview folder);
  - "served":  until the served page contains the new title.
Both include the debounce (generator/commands/serve.py, DEBOUNCE_SECONDS), which is what an editor
waits for. Also printed: the build time alone, as the server measured it.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.read().decode("utf-8")


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=30)
    parser.add_argument("--content", type=Path, default=REPO / "content")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="bench-serve-"))
    content = work / "content"
    shutil.copytree(args.content, content)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    base = f"http://127.0.0.1:{port}/"
    log = (work / "serve.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--content", str(content), "--port", str(port)],
        cwd=work, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    area = content / "2021" / "1-skolmiljo.yaml"
    original = area.read_text(encoding="utf-8")
    rebuilt, served, build_seconds = [], [], []
    try:
        number = 0
        while number < 1:
            time.sleep(0.05)
            assert proc.poll() is None, (work / "serve.log").read_text()
            try:
                number = json.loads(get(base + "_build.json"))["build"]
            except OSError:
                pass
        for save in range(1, args.saves + 1):
            marker = f"Skolor och skolmiljö (mätning {save})"
            text = original.replace("sv: Skolor och skolmiljö", f"sv: {marker}", 1)
            started = time.perf_counter()
            area.write_text(text, encoding="utf-8")
            while True:
                info = json.loads(get(base + "_build.json"))
                if info["build"] > number:
                    rebuilt.append(time.perf_counter() - started)
                    build_seconds.append(info["seconds"])
                    number = info["build"]
                    break
                time.sleep(0.002)
            while marker not in get(base + "2021/"):
                time.sleep(0.002)
            served.append(time.perf_counter() - started)
            time.sleep(0.3)  # let the debounce window close so saves are independent
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()
        shutil.rmtree(work, ignore_errors=True)

    def ms(values: list[float]) -> str:
        return f"median {statistics.median(values) * 1000:.0f} ms, p95 {p95(values) * 1000:.0f} ms"

    print(f"saves: {len(served)} (one focus-area file of the Kungsör content, {os.cpu_count()} CPUs)")
    print(f"save -> rebuilt preview: {ms(rebuilt)}")
    print(f"save -> served page:     {ms(served)}")
    print(f"build alone:             {ms(build_seconds)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
