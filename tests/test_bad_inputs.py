"""Every bad input is an editor's error: a corpus of broken sources, each run through the real
command line as `validate` and as `build` over a published site.

For each case: both exit 1 within seconds, the message names the source file (and the line,
where the mistake has one), no "internal error" and no traceback, `validate` agrees with `build`,
the published site stays byte-identical and nothing appears beside it. The sources are the
FICTIONAL fixture site (tests/fixtures/fictional-site), broken one way per case.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

FIXTURE = Path(__file__).parent / "fixtures" / "fictional-site"
AREA = "2030/1-trygghet.yaml"


def replace(rel: str, old: str, new: str) -> Callable[[Path], None]:
    def apply(content: Path) -> None:
        path = content / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, (rel, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return apply


def write(rel: str, text: str) -> Callable[[Path], None]:
    def apply(content: Path) -> None:
        (content / rel).write_text(text, encoding="utf-8")
    return apply


def fifo(rel: str) -> Callable[[Path], None]:
    return lambda content: os.mkfifo(content / rel)


def link(rel: str, target: str) -> Callable[[Path], None]:
    return lambda content: os.symlink(target, content / rel)


def alias_bomb() -> str:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 10)]
    return "\n".join(lines) + "\n"


@dataclass
class Case:
    name: str
    breaks: Callable[[Path], None]
    where: str  # the file the message must name, relative to the content folder
    line: int | None  # the line it must name; None for a problem of the whole file, 0: any line
    code_words: tuple[str, ...] = ()  # words the English message must contain


CASES = [
    Case("alias bomb", write(AREA, "id: 2030-trygghet\n" + alias_bomb()), AREA, 2, ("anchor",)),
    Case("recursive alias", replace(AREA, "id: 2030-trygghet\n", "id: 2030-trygghet\nr: &r [*r]\n"),
         AREA, 3, ("anchor",)),
    Case("fifo as a focus area", fifo("2030/2-fifo.yaml"), "2030/2-fifo.yaml", None, ("regular file",)),
    Case("fifo as site.yaml", lambda c: ((c / "site.yaml").unlink(), os.mkfifo(c / "site.yaml")),
         "site.yaml", None, ("regular file",)),
    Case("link to the parent folder", link("2099", "../.."), "2099", None, ("out of the content",)),
    Case("link to /etc/passwd", link("2030/2-passwd.yaml", "/etc/passwd"), "2030/2-passwd.yaml", None,
         ("out of the content",)),
    Case("null site.yaml", write("site.yaml", "~\n"), "site.yaml", 1, ("empty",)),
    Case("null organisations.yaml", write("organisations.yaml", "null\n"), "organisations.yaml", 1,
         ("empty",)),
    Case("null focus area", write(AREA, "---\n"), AREA, 1, ("empty",)),
    Case("null promise.yaml", write("2030/promise.yaml", "~\n"), "2030/promise.yaml", 1, ("empty",)),
    Case("default language not built", replace("site.yaml", "default_language: sv", "default_language: fr"),
         "site.yaml", 9, ("not an allowed value",)),
    Case("only english built", replace("site.yaml", "languages: [sv, en]", "languages: [en]"),
         "site.yaml", 9, ("main language",)),
    Case("a language twice", replace("site.yaml", "languages: [sv, en]", "languages: [sv, sv]"),
         "site.yaml", 10, ("already in the list",)),
    Case("escaped control characters",
         replace(AREA, "sv: Trygghet i centrum (fiktivt)", 'sv: "Trygghet\\0\\x07\\e"'), AREA, 4,
         ("control character",)),
    Case("impossible assessment date", replace("site.yaml", "assessed_on: 2031-05-01",
                                               "assessed_on: 2021-02-30"), "site.yaml", 28, ("date",)),
    Case("slashed assessment date", replace("site.yaml", "assessed_on: 2031-05-01",
                                            "assessed_on: 2021/01/01"), "site.yaml", 28, ("date",)),
    Case("a word as a date", replace("site.yaml", "assessed_on: 2031-05-01", "assessed_on: yesterday"),
         "site.yaml", 28, ("date",)),
    Case("slashed statement date", replace("site.yaml", "statement_updated: 2031-05-02",
                                           "statement_updated: 2021/01/01"), "site.yaml", 37, ("date",)),
    Case("follow-up date without zeros", replace(AREA, "date: 2030-05-15", "date: 2030-5-15"), AREA, 22,
         ("date",)),
    Case("unclosed quote", replace(AREA, "  sv: Trygghet i centrum (fiktivt)",
                                   '  sv: "Trygghet i centrum (fiktivt)'), AREA, 4, ()),
    Case("300-character id", replace(AREA, "- id: 2030-trygghet-1\n",
                                     "- id: 2030-trygghet-" + "a" * 300 + "\n"),
         AREA, 10, ("characters long",)),
    Case("bad e-mail", replace("site.yaml", "email: info@example.org", "email: info at example"),
         "site.yaml", 22, ("e-mail",)),
    Case("bad report e-mail", replace("site.yaml", "report_email: tillganglighet@example.org",
                                      "report_email: <script>"), "site.yaml", 35, ("e-mail",)),
    Case("bad organisation number", replace("site.yaml", "organisation_number: 000000-0000",
                                            "organisation_number: 212000-2057"), "site.yaml", 15,
         ("organisation number",)),
    Case("bad compliance", replace("site.yaml", "compliance: partial", "compliance: mostly"),
         "site.yaml", 27, ("not an allowed value",)),
    Case("javascript source", replace("2030/promise.yaml", "signed_date: 2030-02-01",
                                      "signed_date: 2030-02-01\nsource_url: javascript:alert(1)"),
         "2030/promise.yaml", 9, ("web address",)),
    Case("javascript evidence", replace(AREA, "url: https://example.org/fiktivt-protokoll",
                                        "url: javascript:alert(1)"), AREA, 45, ("web address",)),
    Case("a status label", replace(AREA, "status: in_progress", "status: pågår"), AREA, 25,
         ("in_progress",)),
    Case("nested too deep", replace(AREA, "goal:\n", "deep: " + "[" * 60 + "]" * 60 + "\ngoal:\n"),
         AREA, 6, ("nested",)),
    Case("a second document", replace(AREA, "goal:\n", "---\ngoal:\n"), AREA, 6, ("more than one",)),
    Case("a huge file", write(AREA, "id: 2030-trygghet\n" + "# x\n" * 600_000), AREA, None,
         ("too large",)),
    Case("a responsible organisation twice", replace(AREA, "responsible: [polisen, exempelby-kommun]",
                                                     "responsible: [polisen, polisen]"), AREA, 14,
         ("already in the list",)),
    Case("a bad year", replace("2030/promise.yaml", "start_year: 2030", "start_year: 20x0"),
         "2030/promise.yaml", 6, ("year",)),
    Case("a bad data version", replace("site.yaml", "base_url:", "data_version: 1.0\nbase_url:"),
         "site.yaml", 8, ("version",)),
]


def theme_file(rel: str, text: str) -> Callable[[Path], None]:
    def apply(content: Path) -> None:
        path = content / "_theme" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return apply


def theme_link(rel: str, target: str) -> Callable[[Path], None]:
    def apply(content: Path) -> None:
        path = content / "_theme" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target, path)
    return apply


ESCAPE = ("{% extends 'base.html' %}{% block main %}\n"
          "{{ cycler.__init__.__globals__.os.popen('touch ESCAPED').read() }}\n{% endblock %}\n")

CASES += [
    # Unpinned, changed data simply become the next version (tests/test_data_versions.py); a pin
    # that conflicts with the published site is the editor's error, at the pin's line.
    Case("a pinned data version published with other data",
         lambda c: (replace("site.yaml", "base_url:", "data_version: 1.0.0\nbase_url:")(c),
                    replace(AREA, "sv: Trygghet i centrum (fiktivt)",
                            "sv: Trygghet i centrum (fiktivt, ändrad)")(c)),
         "site.yaml", 8, ("1.0.0", "1.0.1")),
    Case("a pinned data version lower than the published one",
         replace("site.yaml", "base_url:", "data_version: 0.9.0\nbase_url:"),
         "site.yaml", 8, ("lower", "1.0.0")),
    Case("a template escaping the sandbox", theme_file("templates/home.html", ESCAPE),
         "_theme/templates/home.html", 0, ()),
    Case("a static link to /etc/passwd", theme_link("static/passwd.txt", "/etc/passwd"),
         "_theme/static/passwd.txt", None, ()),
    Case("a template link out of the content", theme_link("templates/page.html", "/etc/hostname"),
         "_theme/templates/page.html", None, ()),
]


def tree(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "MEDBORGARLOFTEN_LANG": "en"}
    env.pop("MEDBORGARLOFTEN_DEBUG", None)
    return subprocess.run([sys.executable, "-m", "generator", *args, "--lang", "en"], cwd=cwd,
                          capture_output=True, text=True, timeout=120, env=env)


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    """The fixture site built once; each case copies it as the published site."""
    work = tmp_path_factory.mktemp("published")
    shutil.copytree(FIXTURE, work / "content")
    result = run("build", "--content", "content", "--out", "_site", cwd=work)
    assert result.returncode == 0, result.stderr
    return work / "_site"


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_a_bad_input_is_an_editors_error(case: Case, published: Path, tmp_path: Path):
    shutil.copytree(FIXTURE, tmp_path / "content")
    shutil.copytree(published, tmp_path / "_site")
    case.breaks(tmp_path / "content")
    before, beside = tree(tmp_path / "_site"), sorted(os.listdir(tmp_path))

    checked = run("validate", "--content", "content", cwd=tmp_path)
    built = run("build", "--content", "content", "--out", "_site", cwd=tmp_path)

    for result in (checked, built):
        output = result.stdout + result.stderr
        assert result.returncode == 1, output
        assert "internal error" not in output and "Traceback" not in output, output
        where = re.escape(os.path.join("content", case.where))
        line = r"\d+" if case.line == 0 else case.line
        pattern = rf"^{where}: " if case.line is None else rf"^{where}:{line}:\d+: "
        assert re.search(pattern, output, re.M), (pattern, output)
        for word in case.code_words:
            assert word in output, (word, output)
    assert tree(tmp_path / "_site") == before
    assert sorted(os.listdir(tmp_path)) == beside
    assert not list(tmp_path.rglob("ESCAPED"))  # no template ran a command


def test_the_corpus_covers_every_kind_named_in_the_issue():
    """A guard against the corpus shrinking: the kinds of input the issue lists are all here."""
    names = " ".join(c.name for c in CASES)
    for kind in ("alias bomb", "recursive alias", "fifo", "link", "null", "default language",
                 "control characters", "date", "unclosed quote", "300-character id", "e-mail",
                 "organisation number", "compliance", "javascript", "status label"):
        assert kind in names, kind
