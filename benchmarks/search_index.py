"""What the search index adds to a build: cold builds with Pagefind and without it (the program
hidden through PAGEFIND_BINARY_PATH, which makes the build skip the index with a warning),
alternating, on the real content, the fictional fixture site and optionally a generated corpus.

    python benchmarks/search_index.py [--runs 5] [--pages 0]

Prints the median wall time of each, the difference, the size of `pagefind/`, and as its last
line one JSON object. Figures compare only within one run (see docs/benchmarks.md).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BASE_URL = "https://www.example.org/medborgarloften/"


def build_seconds(content: Path, out: Path, with_index: bool) -> float:
    shutil.rmtree(out, ignore_errors=True)
    env = {**os.environ, "MEDBORGARLOFTEN_LANG": "en"}
    if not with_index:
        env["PAGEFIND_BINARY_PATH"] = str(out.parent / "no-pagefind")
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "generator", "build", "--content", str(content),
                           "--out", str(out), "--base-url", BASE_URL],
                          cwd=REPO, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(proc.stderr)
    return seconds


def measure(name: str, content: Path, work: Path, runs: int) -> dict:
    out = work / name / "_site"
    out.parent.mkdir(parents=True, exist_ok=True)
    timings: dict[bool, list[float]] = {True: [], False: []}
    for _ in range(runs):
        for with_index in (False, True):
            timings[with_index].append(build_seconds(content, out, with_index))
    index = out / "pagefind"  # the last build was with the index
    files = [p for p in index.rglob("*") if p.is_file()]
    pages = sum(1 for _ in out.rglob("*.html"))
    figures = {"site": name, "html_files": pages,
               "without_index_s": round(statistics.median(timings[False]), 3),
               "with_index_s": round(statistics.median(timings[True]), 3),
               "index_files": len(files),
               "index_mb": round(sum(p.stat().st_size for p in files) / 1e6, 2)}
    figures["added_s"] = round(figures["with_index_s"] - figures["without_index_s"], 3)
    print(f"{name}: {pages} HTML files, build {figures['without_index_s']} s without the index, "
          f"{figures['with_index_s']} s with it (+{figures['added_s']} s); pagefind/ "
          f"{figures['index_files']} files, {figures['index_mb']} MB", flush=True)
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pages", type=int, default=0,
                        help="also a generated corpus of about this many pages (benchmarks/corpus.py)")
    args = parser.parse_args(argv)
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        sites = [("kungsor", REPO / "content"),
                 ("fictional", REPO / "tests" / "fixtures" / "fictional-site")]
        if args.pages:
            subprocess.run([sys.executable, str(REPO / "benchmarks" / "corpus.py"), str(work / "corpus"),
                            str(args.pages)], check=True, cwd=REPO, stdout=subprocess.DEVNULL)
            sites.append((f"corpus-{args.pages}", work / "corpus" / "content"))
        for name, content in sites:
            results.append(measure(name, content, work, args.runs))
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    print(json.dumps({"runs": args.runs, "load_1m": load, "sites": results}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
