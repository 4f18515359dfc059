"""The build benchmark (benchmarks/run.py) runs from a fresh clone and reports sane figures.

No timing targets here: speed is what the benchmark prints, not what the tests assert. This only
checks that the one-command benchmark works end to end on a small FICTIONAL corpus, ends with its
JSON line, cleans up after itself, and stops with the failing command's stderr when a build fails.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # runs the benchmark scripts

REPO = Path(__file__).resolve().parent.parent
RUN = REPO / "benchmarks" / "run.py"
KEYS = ("pages", "build_s", "hugo_s", "ratio", "rebuild_s", "rebuild_share", "peak_mb",
        "help_s", "python_s", "cpus", "corpus_mb", "output_mb", "hugo_version", "bare_s",
        "bare_ratio")


def _load_run_module():
    spec = importlib.util.spec_from_file_location("bench_run", RUN)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module


def test_smoke_run_ends_with_sane_json(tmp_path):
    bench = _load_run_module()
    hugo = bench.find_hugo()
    cmd = [sys.executable, str(RUN), "--pages", "300", "--runs", "1", "--help-runs", "2",
           "--work-dir", str(tmp_path)]
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
                "corpus_mb", "output_mb"):
        assert isinstance(result[key], (int, float)) and result[key] > 0, (key, result[key])
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
                           "--help-runs", "1", "--no-hugo", "--work-dir", str(tmp_path)],
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
