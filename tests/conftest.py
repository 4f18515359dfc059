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


# A FICTIONAL, complete accessibility statement. The real content/site.yaml leaves empty what
# Kungsör has not stated, so its build warns once per item Digg requires (an error under
# --strict). Tests that build a copy of the real content with --strict to check something else
# put this block in the copy first; nothing of it is a fact about Kungsör.
FICTIONAL_STATEMENT = """accessibility:  # FICTIONAL test values, not Kungsör's statement
  compliance: partial
  assessed_on: 2031-05-01
  assessment_method:
    sv: Fiktiv självskattning (testdata).
    en: A fictional self-assessment (test data).
  known_gaps:
    - sv: Fiktiv brist (testdata).
      en: A fictional gap (test data).
  statement_prepared: 2031-05-02
"""


def with_fictional_statement(content: Path) -> Path:
    """Give a content copy a complete FICTIONAL accessibility statement (see above)."""
    path = content / "site.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("\naccessibility:\n") + 1
    rest = text[start:].splitlines(keepends=True)
    end = next((i for i, line in enumerate(rest[1:], 1) if line[:1] not in (" ", "#", "\n")), len(rest))
    path.write_text(text[:start] + FICTIONAL_STATEMENT + "".join(rest[end:]), encoding="utf-8")
    return content


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
