"""A killed build never publishes half a site.

Two complete sites are made first: the real content and a changed copy (another focus-area title,
so pages and data differ), each built over the other. Then builds that turn the published folder
from one into the other are started and killed with SIGKILL at seeded random moments spread over
the whole length of a build, measured first. After every kill the published folder must be byte
for byte the site from before or the site the build was making: never a mix, never missing. Each
build starts from what the last one left. The staging folders killed builds leave beside the
output (`.<out>.staging-<pid>`, see generator/publish.py) are removed by the next build, although
their process is dead and can say nothing.

A build that fails on bad sources before anything is written is covered by
test_invalid_sources.py (site byte-identical, no staging folder left); here a build that fails
late, after its staging folder was made, is checked the same way.

Also: page workers of a big site die with a killed build, and a published folder restored from
a copy is rebuilt correctly by the next build.
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import REPO, TEST_EPOCH, copy_content, run_cli

pytestmark = pytest.mark.slow  # kills builds at random moments

SEED = 20210601
KILLS = 12
FIRST_BUILD_KILLS = 3
AREA = "2021/1-skolmiljo.yaml"
TITLE_SV, TITLE_EN = "sv: Skolor och skolmiljö", "en: Schools and the school environment"


def tree(root: Path) -> dict[str, str]:
    """Every file of a site and the SHA-256 of its bytes."""
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.glob(f".{out.name}.staging-*"))


def trash(out: Path) -> list[str]:
    """Replaced sites waiting for their detached deleter (publish.py)."""
    return sorted(p.name for p in out.parent.glob(f".{out.name}.trash-*"))


def final_build(content: Path, out: Path, log: Path) -> None:
    """A normal build: it succeeds, and afterwards nothing of earlier builds lies beside the
    site; only this build's own replaced site, which its detached deleter removes soon."""
    proc = start_build(content, out, log)
    assert proc.wait() == 0, log.read_text("utf-8", "replace")
    assert leftovers(out) == [], "staging folders of killed builds were not removed"
    assert set(trash(out)) <= {f".{out.name}.trash-{proc.pid}"}, trash(out)
    waited = 0.0
    while trash(out) and waited < 120:  # generous: only the deleter's progress is awaited
        time.sleep(0.05)
        waited += 0.05
    assert trash(out) == [], "the replaced site was never deleted"


def difference(state: dict, site: dict) -> str:
    changed = sorted(k for k in set(state) | set(site) if state.get(k) != site.get(k))
    return f"{len(changed)} files differ, e.g. {changed[:5]}"


def pin_version(content: Path, version: str) -> None:
    """Pin the data version, so the two sources this test flips between keep theirs (unpinned,
    every flip would be a new version: tests/test_data_versions.py)."""
    site = content / "site.yaml"
    text = site.read_text("utf-8")
    assert "data_version" not in text, "site.yaml pins a data version: update this test"
    site.write_text(text + f"data_version: {version}\n", "utf-8")


def change_content(content: Path, version: str = "1.0.1") -> None:
    """The new site: a changed focus-area title (FICTIONAL wording) in both languages. The title
    is in the published data too, so it is published as the pinned `version`."""
    area = content / AREA
    text = area.read_text("utf-8")
    assert TITLE_SV in text and TITLE_EN in text, f"{AREA} changed: update this test"
    area.write_text(text.replace(TITLE_SV, TITLE_SV + " (ändrad i test)")
                        .replace(TITLE_EN, TITLE_EN + " (changed in a test)"), "utf-8")
    pin_version(content, version)


def start_build(content: Path, out: Path, log: Path) -> subprocess.Popen:
    with log.open("wb") as stream:
        return subprocess.Popen(
            [sys.executable, "-m", "generator", "build", "--content", str(content),
             "--out", str(out), "--lang", "en"],
            cwd=REPO, stdout=stream, stderr=subprocess.STDOUT,
            env={**os.environ, "MEDBORGARLOFTEN_LANG": "en", "SOURCE_DATE_EPOCH": TEST_EPOCH})


def run_and_kill(proc: subprocess.Popen, delay: float) -> int:
    """SIGKILL after `delay` seconds unless the build ended first; always reaped (a zombie's pid
    would still look alive). Returns the exit status: -9 when killed."""
    try:
        proc.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
    return proc.wait()


def spread(rng: random.Random, count: int, duration: float) -> list[float]:
    """One random moment in each of `count` equal slices of the build (and a little past it)."""
    span = duration * 1.1
    delays = [span * (k + rng.random()) / count for k in range(count)]
    rng.shuffle(delays)
    return delays


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    """The two complete sites a published folder goes back and forth between, and how long a
    build takes here.

    `new`: the changed sources built over the real site (data 1.0.1 published, 1.0.0 carried
    over). `old`: the real sources built over that (data 1.0.0 current again, 1.0.1 still
    online). From then on each build of the other sources turns one into the other, so every
    build in the kill runs changes the site, and each starts from what the last one published,
    as the generator's own records of the published site expect.
    """
    tmp = tmp_path_factory.mktemp("kill-safety")
    new_content = copy_content(tmp)
    change_content(new_content)
    old_content = copy_content(tmp / "old-sources")
    pin_version(old_content, "1.0.0")

    def build(content: Path, out: Path, over: Path | None = None) -> float:
        if over is not None:
            shutil.copytree(over, out)
        started = time.monotonic()
        proc = start_build(content, out, tmp / "setup.log")
        assert proc.wait() == 0, (tmp / "setup.log").read_text("utf-8", "replace")
        return time.monotonic() - started

    first = tmp / "start" / "_site"
    build(old_content, first)
    new_site, old_site, again = (tmp / name / "_site" for name in ("new", "old", "again"))
    durations = [build(new_content, new_site, over=first), build(new_content, new_site)]
    durations.append(build(old_content, old_site, over=new_site))
    build(new_content, again, over=old_site)
    old, new = tree(old_site), tree(new_site)
    assert tree(again) == new, "building the new sources over the old site must give the new " \
                               f"site: {difference(tree(again), new)}"
    changed = {k for k in set(old) | set(new) if old.get(k) != new.get(k)}
    assert "2021/skolmiljo/index.html" in changed and "data/focus_areas.csv" in changed
    for rel in ("data/v1.0.0/focus_areas.csv", "data/v1.0.1/focus_areas.csv"):
        assert old[rel] == new[rel]  # published versions are carried over unchanged
    fresh = tmp / "fresh" / "_site"  # the new sources into an empty folder: no old version
    build(new_content, fresh)
    return {"tmp": tmp, "sources": {"old": old_content, "new": new_content},
            "folders": {"old": old_site, "new": new_site}, "old": old, "new": new,
            "fresh": tree(fresh), "duration": max(durations)}


def test_a_killed_build_leaves_the_old_or_the_new_site_never_a_mix(sites):
    tmp = sites["tmp"]
    out = tmp / "published" / "_site"
    shutil.copytree(sites["folders"]["new"], out)
    published = "new"
    rng = random.Random(SEED)
    outcomes = []
    for n, delay in enumerate(spread(rng, KILLS, sites["duration"])):
        target = "old" if published == "new" else "new"
        proc = start_build(sites["sources"][target], out, tmp / f"kill-{n}.log")
        status = run_and_kill(proc, delay)
        assert out.is_dir(), f"kill {n} after {delay:.2f}s: the published site is missing"
        state = tree(out)
        assert state in (sites[published], sites[target]), (
            f"kill {n} after {delay:.2f}s (exit {status}), building the {target} site over the "
            f"{published} one, left a mix: against the {published} site "
            f"{difference(state, sites[published])}; against the {target} site "
            f"{difference(state, sites[target])}")
        if status == 0:
            assert state == sites[target]
        killed_before = state == sites[published]
        outcomes.append((round(delay, 2), status, "before" if killed_before else "after",
                         len(leftovers(out))))
        published = published if killed_before else target
    print("kills (delay s, exit, published site from before or after, staging leftovers):",
          outcomes)
    killed = [o for o in outcomes if o[1] == -signal.SIGKILL]
    # A quarter of the kills fall in the first quarter of a build: those at least were killed.
    assert len(killed) >= KILLS // 4, outcomes
    assert any(o[2] == "before" for o in killed), outcomes

    final_build(sites["sources"]["new"], out, tmp / "final.log")
    assert tree(out) == sites["new"]


def test_a_killed_first_build_leaves_no_site_or_the_complete_new_one(sites):
    tmp = sites["tmp"]
    out = tmp / "first" / "_site"
    out.parent.mkdir()
    rng = random.Random(SEED + 1)
    for n, delay in enumerate(spread(rng, FIRST_BUILD_KILLS, sites["duration"])):
        if out.exists():
            shutil.rmtree(out)
        status = run_and_kill(start_build(sites["sources"]["new"], out, tmp / f"first-{n}.log"),
                              delay)
        if out.exists():
            state = tree(out)
            assert state == sites["fresh"], f"first build killed after {delay:.2f}s " \
                                            f"(exit {status}): {difference(state, sites['fresh'])}"
        else:
            assert status != 0
    final_build(sites["sources"]["new"], out, tmp / "first-final.log")
    assert tree(out) == sites["fresh"]


def _pid_of_a_finished_process() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()  # reaped: the pid is free, as a killed build's is once its shell has seen it die
    return proc.pid


def test_staging_folders_of_dead_builds_are_removed_and_a_running_builds_kept(sites):
    tmp = sites["tmp"]
    out = tmp / "leftovers" / "_site"
    shutil.copytree(sites["folders"]["old"], out)
    # A real killed build's staging folder: kill a build once its staging folder exists.
    caught, published = None, "old"
    for attempt in range(6):
        target = "old" if published == "new" else "new"
        proc = start_build(sites["sources"][target], out, tmp / f"leftover-{attempt}.log")
        mine = out.parent / f".{out.name}.staging-{proc.pid}"
        while proc.poll() is None and not mine.exists():
            time.sleep(0.002)
        run_and_kill(proc, 0)
        if mine.exists():
            caught = mine
            break
        published = "new" if tree(out) == sites["new"] else "old"  # it finished first
    assert caught is not None, "no build could be caught while it had its staging folder"
    # Leftovers of the fallback publish (two renames) carry the pid after "old-".
    dead_old = out.parent / f".{out.name}.staging-old-{_pid_of_a_finished_process()}"
    shutil.copytree(sites["folders"]["old"], dead_old)
    # A build that is running right now (here: a process that sleeps) keeps its folder.
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
    try:
        running = out.parent / f".{out.name}.staging-{sleeper.pid}"
        running.mkdir()
        (running / "index.html").write_text("half a site", "utf-8")

        result = run_cli("build", "--content", sites["sources"]["new"], "--out", out)
        assert result.returncode == 0, result.stderr
        assert tree(out) == sites["new"]
        assert not caught.exists(), "the killed build's staging folder was not removed"
        assert not dead_old.exists(), "a dead build's old-site folder was not removed"
        assert leftovers(out) == [running.name], "a running build's staging folder was removed"
    finally:
        sleeper.kill()
        sleeper.wait()
    final_build(sites["sources"]["new"], out, tmp / "leftovers-final.log")


def test_a_build_failing_after_staging_leaves_the_site_and_no_staging_folder(sites, tmp_path):
    """Changed data under a pinned, already published data version: the build stops, and
    nothing of it remains."""
    content = copy_content(tmp_path)
    change_content(content, version="1.0.0")
    out = tmp_path / "_site"
    shutil.copytree(sites["folders"]["old"], out)
    result = run_cli("build", "--content", content, "--out", out)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "data_version" in result.stderr and "Traceback" not in result.stderr
    assert tree(out) == sites["old"]
    assert leftovers(out) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["_site", "content"]


def test_a_site_folder_restored_from_a_copy_is_rebuilt_correctly(sites, tmp_path):
    """The README's advice: build into the published folder, or keep a copy of it."""
    out = tmp_path / "_site"
    shutil.copytree(sites["folders"]["new"], out)
    result = run_cli("build", "--content", sites["sources"]["old"], "--out", out)
    assert result.returncode == 0, result.stderr
    assert tree(out) == sites["old"]
    shutil.rmtree(out)  # the web team puts back its copy of the site as it was before
    shutil.copytree(sites["folders"]["new"], out)
    result = run_cli("build", "--content", sites["sources"]["old"], "--out", out)
    assert result.returncode == 0, result.stderr
    state = tree(out)
    assert state == sites["old"], difference(state, sites["old"])


# -- a big site renders in worker processes --------------------------------------------------

def processes_running(marker: str) -> list[int]:
    """Live processes whose command line contains `marker` (forked workers share their
    parent's command line, so a unique path in it finds them all, whoever their parent is now)."""
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if marker.encode() in cmdline.read_bytes() and alive(int(cmdline.parent.name)):
                found.append(int(cmdline.parent.name))
        except (OSError, ValueError):
            continue  # the process ended meanwhile
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")
def test_a_killed_big_build_leaves_no_worker_processes(tmp_path):
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        from corpus import write_corpus  # FICTIONAL synthetic content ("Exempelstad")
    finally:
        sys.path.remove(str(REPO / "benchmarks"))
    from generator.render.site import POOL_FROM_PAGES

    content = write_corpus(tmp_path / "corpus", pages=POOL_FROM_PAGES + 150)
    out = tmp_path / "_site"
    marker = str(content)
    proc = start_build(content, out, tmp_path / "big.log")
    survivors: list[int] = []
    try:
        while proc.poll() is None and len(processes_running(marker)) < 2:
            time.sleep(0.01)  # until the build has a worker besides itself
        assert proc.poll() is None, "the build ended before it started workers: " + \
            (tmp_path / "big.log").read_text("utf-8", "replace")
        run_and_kill(proc, 0)
        waited = 0.0
        while processes_running(marker) and waited < 5:  # dying takes milliseconds
            time.sleep(0.05)
            waited += 0.05
        survivors = processes_running(marker)
    finally:
        for pid in processes_running(marker):  # processes this test started, by their id
            os.kill(pid, signal.SIGKILL)
    assert not survivors, f"workers {survivors} outlived the killed build"
