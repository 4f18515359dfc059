"""Golden output: the FICTIONAL fixture site, built through the command line, is byte for byte
the reviewed copy in tests/golden/fictional-site/ (Pelican's way of pinning a generator's output).

Any change to what the site contains shows up here as a diff of named files. When the change is
intended, rebuild the copy, review `git diff tests/golden`, and commit it with the change:

    MEDBORGARLOFTEN_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py
"""

from __future__ import annotations

import difflib
import os
import shutil
from pathlib import Path

from conftest import FIXTURES, run_cli

GOLDEN = Path(__file__).resolve().parent / "golden" / "fictional-site"
BASE_URL = "https://www.example.org/medborgarloften/"
TEXT = (".html", ".xml", ".txt", ".csv", ".json", ".md", ".rdf", ".css", ".js", ".svg")


# The search index is Pagefind's output: its program files (JS, CSS, WebAssembly) change with
# Pagefind's version and its index is compressed binary, so it is left out of the golden copy;
# tests/test_search.py checks that it is there, deterministic, and finds the sites' words.
LEFT_OUT = "pagefind/"


def files(root: Path) -> dict[str, bytes]:
    return {rel: p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and not (rel := p.relative_to(root).as_posix()).startswith(LEFT_OUT)}


def differences(expected: dict[str, bytes], built: dict[str, bytes], limit: int = 40) -> str:
    """What differs, file by file: a unified diff for text files, sizes for binary ones."""
    lines = [f"missing: {rel}" for rel in sorted(set(expected) - set(built))]
    lines += [f"unexpected: {rel}" for rel in sorted(set(built) - set(expected))]
    for rel in sorted(set(expected) & set(built)):
        if expected[rel] == built[rel]:
            continue
        if rel.endswith(TEXT) or rel.endswith("SHA256SUMS"):
            lines += list(difflib.unified_diff(
                expected[rel].decode("utf-8", "replace").splitlines(),
                built[rel].decode("utf-8", "replace").splitlines(),
                f"golden/{rel}", f"built/{rel}", lineterm="", n=1))[:limit]
        else:
            lines.append(f"differs: {rel} ({len(expected[rel])} -> {len(built[rel])} bytes)")
    return "\n".join(lines)


def test_the_fictional_site_is_the_reviewed_golden_copy(tmp_path):
    out = tmp_path / "_site"
    result = run_cli("build", "--content", FIXTURES / "fictional-site", "--out", out,
                     "--base-url", BASE_URL)
    assert result.returncode == 0, result.stderr
    if os.environ.get("MEDBORGARLOFTEN_UPDATE_GOLDEN"):
        shutil.rmtree(GOLDEN, ignore_errors=True)
        shutil.copytree(out, GOLDEN, ignore=lambda folder, names: (
            [LEFT_OUT.rstrip("/")] if Path(folder) == out else []))
    built, expected = files(out), files(GOLDEN)
    assert len(expected) > 100, "the golden copy is missing: see this module's docstring"
    assert built == expected, differences(expected, built)


def test_a_changed_page_is_named_in_the_difference():
    """The comparison can fail, and says where."""
    expected = {"index.html": b"<p>a</p>\n<p>b</p>\n", "data/x.xlsx": b"PK\x03"}
    built = {"index.html": b"<p>a</p>\n<p>c</p>\n", "data/x.xlsx": b"PK\x04", "extra.html": b""}
    report = differences(expected, built)
    assert "-<p>b</p>" in report and "+<p>c</p>" in report
    assert "differs: data/x.xlsx" in report and "unexpected: extra.html" in report
