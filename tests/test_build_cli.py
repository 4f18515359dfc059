"""The real Kungsör content built through the command line, as a user runs it.

Covers: a fresh build gives both languages and a data package that `frictionless validate`
accepts; every page names its language and its counterpart; two builds are byte-identical;
`--help` and usage errors; an output folder that must not be replaced is refused.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from conftest import CONTENT, REPO, copy_content, run_cli

FRICTIONLESS = Path(sys.executable).parent / "frictionless"
AREAS = ("skolmiljo", "hot-spots", "trafiksakerhet")  # the 2021 focus-area slugs, in order


def tree_hashes(root: Path) -> dict[str, str]:
    """Every file under root (relative path → SHA-256), so two trees compare byte for byte."""
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*")) if p.is_file()
    }


def schema_resources() -> list[str]:
    descriptor = yaml.safe_load((REPO / "generator" / "schema" / "package.yaml").read_text("utf-8"))
    return [r["name"] for r in descriptor["resources"]]


def base_url() -> str:
    return yaml.safe_load((CONTENT / "site.yaml").read_text("utf-8"))["base_url"]


class HeadLinks(HTMLParser):
    """`<html lang>` and the `<link rel="alternate" hreflang>` elements of one page."""

    def __init__(self) -> None:
        super().__init__()
        self.lang: str | None = None
        self.alternates: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        elif tag == "link" and "alternate" in (a.get("rel") or "").split() and a.get("hreflang"):
            self.alternates[a["hreflang"]] = a.get("href") or ""


def head_links(page: Path) -> HeadLinks:
    parser = HeadLinks()
    parser.feed(page.read_text("utf-8"))
    return parser


# 1. A fresh build of the real content ------------------------------------------------------

def test_fresh_build_has_both_languages_year_and_focus_area_pages(kungsor_site):
    expected = ["index.html", "en/index.html", "2021/index.html", "en/2021/index.html"]
    expected += [f"{prefix}2021/{slug}/index.html" for prefix in ("", "en/") for slug in AREAS]
    missing = [rel for rel in expected if not (kungsor_site / rel).is_file()]
    assert not missing, f"pages missing from _site: {missing}"
    assert head_links(kungsor_site / "index.html").lang == "sv"
    assert head_links(kungsor_site / "en" / "index.html").lang == "en"


def test_fresh_build_in_repo_root_writes_site_folder(tmp_path):
    """`medborgarloften build` with no options, as the README says: content/ → _site/."""
    work = tmp_path / "project"
    work.mkdir()
    copy_content(work)
    result = run_cli("build", cwd=work)
    assert result.returncode == 0, result.stderr
    assert (work / "_site" / "index.html").is_file()
    assert (work / "_site" / "data" / "datapackage.json").is_file()
    assert "Traceback" not in result.stdout + result.stderr


def test_data_folder_has_datapackage_and_one_csv_per_table(kungsor_site):
    data = kungsor_site / "data"
    package = json.loads((data / "datapackage.json").read_text("utf-8"))
    names = [r["name"] for r in package["resources"]]
    assert names == schema_resources()
    csv_paths = {r["name"]: r["path"] for r in package["resources"] if r["path"].endswith(".csv")}
    assert set(csv_paths) == set(names), "every table is published as exactly one CSV"
    # codebook.csv (issue 4) documents the tables; it is not one of them. <table>.excel.csv is
    # the same table for Swedish Excel, beside its canonical CSV.
    on_disk = sorted(p.name for p in data.glob("*.csv")
                     if p.name != "codebook.csv" and not p.name.endswith(".excel.csv"))
    assert on_disk == sorted(csv_paths.values())
    assert sorted(p.name for p in data.glob("*.excel.csv")) == sorted(
        rel.replace(".csv", ".excel.csv") for rel in csv_paths.values())
    for name, rel in csv_paths.items():
        header = (data / rel).read_bytes().split(b"\r\n", 1)[0].split(b"\n", 1)[0]
        assert not header.startswith(b"\xef\xbb\xbf"), f"{rel} has a byte-order mark"
        fields = [f["name"] for f in next(r for r in package["resources"]
                                          if r["name"] == name)["schema"]["fields"]]
        assert header.decode("utf-8").split(",") == fields, f"{rel}: header differs from schema"


def _frictionless(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(FRICTIONLESS), "validate", "--json", str(path)],
                          capture_output=True, text=True, timeout=600)


def test_frictionless_validate_accepts_the_data_package(kungsor_site):
    proc = _frictionless(kungsor_site / "data" / "datapackage.json")
    report = json.loads(proc.stdout)
    assert proc.returncode == 0 and report["valid"], json.dumps(report["errors"], indent=1)[:3000]
    assert len(report["tasks"]) == len(schema_resources())


def test_frictionless_validate_would_catch_a_broken_csv(kungsor_site, tmp_path):
    """The check above can fail: a status outside the vocabulary is caught by the schema."""
    data = tmp_path / "data"
    shutil.copytree(kungsor_site / "data", data)
    commitments = data / "commitments.csv"
    text = commitments.read_text("utf-8")
    assert "not_assessed" in text
    commitments.write_text(text.replace("not_assessed", "finished", 1), "utf-8")
    proc = _frictionless(data / "datapackage.json")
    assert proc.returncode != 0
    assert not json.loads(proc.stdout)["valid"]


# 2b. Every page names its language and links to its counterpart --------------------------

def _file_for(url: str, site: Path, base: str) -> Path:
    assert url.startswith(base), f"{url} is not under the base URL {base}"
    rel = url[len(base):]
    return site / (rel + "index.html" if rel.endswith("/") or not rel else rel)


def test_every_page_has_html_lang_and_hreflang_alternates(kungsor_site):
    base = base_url()
    pages = sorted(kungsor_site.rglob("*.html"))
    assert len(pages) >= 12
    for page in pages:
        rel = page.relative_to(kungsor_site).as_posix()
        links = head_links(page)
        expected_lang = "en" if rel.startswith("en/") else "sv"
        assert links.lang == expected_lang, f"{rel}: <html lang={links.lang!r}>"
        if page.name == "404.html":
            continue  # the fallback for any missing address: not a page to point search engines at
        assert {"sv", "en"} <= set(links.alternates), f"{rel}: hreflang {links.alternates}"
        for lang, href in links.alternates.items():
            if lang not in ("sv", "en"):
                continue
            target = _file_for(href, kungsor_site, base)
            assert target.is_file(), f"{rel}: hreflang={lang} points at a missing page {href}"
            assert head_links(target).lang == lang, f"{rel}: hreflang={lang} page is not in {lang}"
        assert _file_for(links.alternates[expected_lang], kungsor_site, base) == page, \
            f"{rel}: the alternate for its own language is not the page itself"


# 4. Determinism ---------------------------------------------------------------------------

def test_two_builds_into_different_folders_are_byte_identical(tmp_path):
    first, second = tmp_path / "a" / "_site", tmp_path / "b" / "elsewhere"
    one = run_cli("build", "--content", CONTENT, "--out", first, env={"PYTHONHASHSEED": "1"})
    two = run_cli("build", "--content", CONTENT, "--out", second, env={"PYTHONHASHSEED": "2"})
    assert one.returncode == 0, one.stderr
    assert two.returncode == 0, two.stderr
    a, b = tree_hashes(first), tree_hashes(second)
    assert a.keys() == b.keys()
    differing = [rel for rel in a if a[rel] != b[rel]]
    assert not differing, f"files differ between two builds: {differing}"


# 3b. Command line: help, usage errors, output folder ---------------------------------------

def _commands() -> list[str]:
    import argparse

    from generator.cli import _parser

    parser = _parser()
    subparsers = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return sorted(subparsers.choices)


def test_main_help_lists_commands_and_an_example():
    result = run_cli("--help")
    assert result.returncode == 0
    assert "usage:" in result.stdout and "example" in result.stdout
    for command in ("build", "validate"):
        assert command in result.stdout


@pytest.mark.parametrize("command", _commands())
def test_help_on_every_command_shows_an_example(command):
    result = run_cli(command, "--help")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("usage:")
    assert "example" in result.stdout
    assert f"medborgarloften {command}" in result.stdout.split("example", 1)[1]


@pytest.mark.parametrize("args", [
    [],                                   # no command
    ["bogus"],                            # unknown command
    ["build", "--no-such-option"],        # unknown option
    ["validate", "--lang", "fi"],         # a language we do not speak
    ["validate", "--format", "xml"],      # an unknown format
])
def test_usage_errors_exit_2_without_traceback(args, tmp_path):
    result = run_cli(*args, cwd=tmp_path)
    assert result.returncode == 2, (args, result.stdout, result.stderr)
    assert "usage:" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert not (tmp_path / "_site").exists()


def test_build_refuses_to_replace_the_content_folder(tmp_path):
    content = copy_content(tmp_path)
    before = tree_hashes(content)
    for out in ("content", ".", "content/2021"):
        result = run_cli("build", "--content", "content", "--out", out, cwd=tmp_path)
        assert result.returncode == 1, (out, result.stdout)
        assert f"{out}: the output folder" in result.stderr
        assert "Traceback" not in result.stderr
        assert tree_hashes(content) == before, f"--out {out} changed the sources"


def test_build_refuses_a_folder_that_is_not_a_built_site(tmp_path):
    copy_content(tmp_path)
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "minutes.txt").write_text("keep me", "utf-8")
    result = run_cli("build", "--content", "content", "--out", "notes", cwd=tmp_path)
    assert result.returncode == 1
    assert "notes: the folder exists and is not a built site" in result.stderr
    assert (notes / "minutes.txt").read_text("utf-8") == "keep me"
    assert sorted(p.name for p in notes.iterdir()) == ["minutes.txt"]


def test_unwritable_output_is_a_message_not_a_traceback(tmp_path):
    copy_content(tmp_path)
    (tmp_path / "a-file").write_text("", "utf-8")
    result = run_cli("build", "--content", "content", "--out", "a-file/_site", cwd=tmp_path)
    assert result.returncode == 1
    assert "the site cannot be written" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
