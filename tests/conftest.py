"""Shared fixtures: tests build real sites through the command line, like a user would."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
# The day a new data version is "first published" in tests (generator/datasets/versions.py reads
# SOURCE_DATE_EPOCH): fixed, so a test run over midnight still builds identical bytes.
TEST_DAY = "2026-12-01"
TEST_EPOCH = "1796083200"
CONTENT = REPO / "content"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str


def run_cli(*args: str | Path, cwd: Path | None = None, env: dict | None = None,
            timeout: float = 300) -> Run:
    """Run `python -m generator …` in a subprocess and capture what a user would see."""
    full_env = {**os.environ, "MEDBORGARLOFTEN_LANG": "en", "SOURCE_DATE_EPOCH": TEST_EPOCH,
                **(env or {})}
    proc = subprocess.run(
        [sys.executable, "-m", "generator", *map(str, args)],
        cwd=cwd or REPO, env=full_env, capture_output=True, text=True, timeout=timeout,
    )
    return Run(proc.returncode, proc.stdout, proc.stderr)


def copy_content(tmp_path: Path, source: Path = CONTENT) -> Path:
    """A private copy of a content folder that a test may break."""
    target = tmp_path / "content"
    shutil.copytree(source, target)
    return target


@pytest.fixture(scope="session")
def kungsor_site(tmp_path_factory) -> Path:
    """The real Kungsör content built once per test session (read-only for tests)."""
    out = tmp_path_factory.mktemp("kungsor") / "_site"
    result = run_cli("build", "--content", CONTENT, "--out", out)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture
def content_copy(tmp_path) -> Path:
    return copy_content(tmp_path)
