"""The benchmarks (benchmarks/run.py, benchmarks/rebuild_on_save.py) run from a fresh clone and
report sane figures.

No timing targets here: speed is what the benchmarks print, not what the tests assert. This only
checks, through their command lines on small inputs (a small FICTIONAL corpus, a copy of the
Kungsör content), that they work end to end, end with their JSON line, clean up after themselves
and leave content/ alone, and that run.py stops with the failing command's stderr when a build
fails.
"""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from markupsafe import escape

pytestmark = pytest.mark.slow  # runs the benchmark scripts

REPO = Path(__file__).resolve().parent.parent
RUN = REPO / "benchmarks" / "run.py"
ON_SAVE = REPO / "benchmarks" / "rebuild_on_save.py"
KEYS = ("pages", "build_s", "hugo_s", "ratio", "rebuild_s", "rebuild_share", "peak_mb",
        "help_s", "python_s", "cpus", "corpus_mb", "output_mb", "hugo_version", "bare_s",
        "bare_ratio", "build_bare_ratio", "kungsor_build_s")
ON_SAVE_KEYS = ("content", "pages", "saves", "served_median_ms", "served_p95_ms",
                "rebuilt_median_ms", "reload_s_median")


def _load(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module


def _load_run_module():
    return _load(RUN, "bench_run")


def _content_snapshot() -> dict[str, bytes]:
    return {str(p.relative_to(REPO)): p.read_bytes()
            for p in sorted((REPO / "content").rglob("*")) if p.is_file()}


def test_smoke_run_ends_with_sane_json(tmp_path):
    bench = _load_run_module()
    hugo = bench.find_hugo()
    cmd = [sys.executable, str(RUN), "--smoke", "--work-dir", str(tmp_path)]
    if hugo is None:
        cmd.append("--no-hugo")
    done = subprocess.run(cmd, cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    lines = done.stdout.strip().splitlines()
    assert len(lines) > 3, "figures are printed as the benchmark goes"
    result = json.loads(lines[-1])
    for key in KEYS:
        assert key in result, key

    assert 200 <= result["pages"] <= 400
    assert result["pages"] == result["expected_pages"] or abs(
        result["pages"] - result["expected_pages"]) < 0.2 * result["pages"]
    for key in ("build_s", "rebuild_s", "rebuild_share", "peak_mb", "help_s", "python_s",
                "corpus_mb", "output_mb", "bare_s", "build_bare_ratio", "kungsor_build_s"):
        assert isinstance(result[key], (int, float)) and result[key] > 0, (key, result[key])
    assert result["build_bare_ratio"] == pytest.approx(result["build_s"] / result["bare_s"],
                                                       rel=0.02)
    assert result["rebuild_share"] == pytest.approx(result["rebuild_s"] / result["build_s"],
                                                    rel=0.02)
    # The real Kungsör site was built: a whole bilingual site, not an empty folder.
    assert result["kungsor_pages"] > 10
    assert len(result["kungsor_runs_s"]) == 1 and result["kungsor_peak_mb"] > 0
    assert "Kungsör build (content/" in done.stdout
    assert "spare" not in done.stdout and "background" not in done.stdout
    assert result["cpus"] >= 1
    assert result["promises"] >= 1 and result["focus_areas"] > result["promises"]
    assert result["commitments"] > result["focus_areas"] and result["follow_ups"] > 0
    assert f"{result['pages']} HTML files" in done.stdout
    # The floor loop writes what Hugo would: a page per Markdown file, section and the home.
    assert result["bare_s"] > 0 and result["bare_pages"] == result["pages"]
    if hugo is None:
        assert result["hugo_s"] is None and result["ratio"] is None
        assert result["bare_ratio"] is None
    else:
        assert result["hugo_s"] > 0 and result["ratio"] > 0
        assert result["hugo_pages"] == result["bare_pages"]
        assert result["bare_ratio"] == pytest.approx(result["bare_s"] / result["hugo_s"], abs=0.01)
        assert result["ratio"] == pytest.approx(result["build_s"] / result["hugo_s"], rel=0.02)
        assert result["hugo_pages"] == result["pages"], "Hugo builds as many pages as we do"
        assert result["hugo_version"]
    assert list(tmp_path.iterdir()) == [], "the work folder is removed without --keep"


def test_no_hugo_gives_null_hugo_figures(tmp_path):
    done = subprocess.run([sys.executable, str(RUN), "--pages", "100", "--runs", "1",
                           "--help-runs", "1", "--kungsor-runs", "1", "--no-hugo",
                           "--work-dir", str(tmp_path)],
                          cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["hugo_s"] is None and result["ratio"] is None and result["hugo_version"] is None
    assert result["build_s"] > 0 and result["pages"] > 0


def test_failing_build_stops_with_its_stderr(tmp_path):
    bench = _load_run_module()
    failing = [sys.executable, "-c",
               "import sys; print('some output'); sys.stderr.write('boom: bad source\\n'); "
               "sys.exit(3)"]
    with pytest.raises(bench.BenchError) as error:
        bench.measure(failing, what="build run 1", cwd=tmp_path, env={}, logs=tmp_path / "logs")
    message = str(error.value)
    assert "build run 1 failed with exit code 3" in message
    assert "boom: bad source" in message and "some output" in message


def test_measure_reports_time_and_memory(tmp_path):
    bench = _load_run_module()
    measured = bench.measure([sys.executable, "-c", "x = bytearray(60 * 1024 * 1024)"],
                             what="allocate", cwd=tmp_path, env={}, logs=tmp_path / "logs")
    assert measured.seconds > 0
    if measured.peak_mb is not None:  # os.wait4 exists (Linux, macOS)
        assert measured.peak_mb >= 60


def test_edit_title_changes_only_the_focus_area_title(tmp_path):
    bench = _load_run_module()
    source = tmp_path / "01-omrade.yaml"
    text = ('id: p0000-2000-omrade1\ntitle:\n  sv: "Område 1: park"\n  en: "Area 1: park"\n'
            'commitments:\n  - id: p0000-2000-omrade1-1\n    text:\n      sv: x\n')
    source.write_text(text, encoding="utf-8")
    assert bench.edit_title(source, "Ny rubrik") == text
    assert source.read_text(encoding="utf-8") == text.replace('"Område 1: park"', '"Ny rubrik"')
    (tmp_path / "no-title.yaml").write_text("id: x\n", encoding="utf-8")
    with pytest.raises(bench.BenchError):
        bench.edit_title(tmp_path / "no-title.yaml", "Ny rubrik")


def _run_on_save(tmp_path, *args: str) -> tuple[dict, str]:
    done = subprocess.run([sys.executable, str(ON_SAVE), *args], cwd=tmp_path,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    for key in ON_SAVE_KEYS:
        assert key in result, key
    for key in ON_SAVE_KEYS[3:]:
        assert isinstance(result[key], (int, float)) and result[key] > 0, (key, result[key])
    # A page is served only after the reload that put the new title in the model.
    assert result["served_median_ms"] >= result["rebuilt_median_ms"]
    assert result["served_p95_ms"] >= result["served_median_ms"]
    assert result["reload_s_median"] * 1000 < result["rebuilt_median_ms"]
    return result, done.stdout


def test_rebuild_on_save_on_the_kungsor_content(tmp_path):
    before = _content_snapshot()
    result, stdout = _run_on_save(tmp_path, "--saves", "3")
    assert result["content"] == "content" and result["saves"] == 3
    assert result["pages"] > 10
    # the middle promise's first focus area (2021, 2023, 2024: 2023)
    assert result["page"] == "/2023/ungdomsproblematik/"
    assert result["edited"] == "2023/1-ungdomsproblematik.yaml"
    assert len(re.findall(r"^save \d+: rebuilt \d+ ms, served \d+ ms", stdout, re.M)) == 3
    assert _content_snapshot() == before, "it edits a copy, never content/"


def test_rebuild_on_save_on_a_fictional_corpus(tmp_path):
    result, _ = _run_on_save(tmp_path, "--pages", "300", "--saves", "2")
    assert result["content"].startswith("fictional corpus") and result["saves"] == 2
    assert 200 <= result["pages"] <= 400
    assert re.fullmatch(r"/p\d{4}-\d{4}/omrade1/", result["page"]), result["page"]


def test_rebuild_on_save_picks_the_page_a_build_writes_for_the_area(tmp_path):
    """The page it watches is where `build` puts the edited focus area (not guessed)."""
    bench = _load(ON_SAVE, "bench_rebuild_on_save")
    content = bench.write_corpus(tmp_path / "corpus", 100)
    area, lang, page, title = bench.pick_focus_area(content)
    assert lang == "sv" and area.parent.parent == content and area.name != "promise.yaml"
    out = tmp_path / "site"
    done = subprocess.run([sys.executable, "-m", "generator", "build", "--content", str(content),
                           "--out", str(out)], cwd=REPO, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    html = (out / page.strip("/") / "index.html").read_text(encoding="utf-8")
    assert str(escape(title)) in html


def test_retitled_changes_only_the_title_in_the_language(tmp_path):
    bench = _load(ON_SAVE, "bench_rebuild_on_save")
    kungsor = "id: 2021-x\ntitle:\n  sv: Skolor och skolmiljö\n  en: Schools\ngoal:\n  sv: Mål\n"
    assert bench.retitled(kungsor, "sv", "Ny", tmp_path) == kungsor.replace(
        "sv: Skolor och skolmiljö", 'sv: "Ny"')
    english_first = 'id: x\ntitle:\n  en: "Area 1: park"\n  sv: "Område 1: park"\n'
    assert bench.retitled(english_first, "sv", "Ny", tmp_path) == english_first.replace(
        '"Område 1: park"', '"Ny"')
    with pytest.raises(bench.BenchError):
        bench.retitled("id: x\ngoal:\n  sv: Mål\n", "sv", "Ny", tmp_path)
