"""Broken sources through the command line: exit 1, the file and line named, the old site untouched.

Each single case is one small edit on a copy of the real content, with a *marker*: text on the
line that must be named. The expected line number is found from the marker in the edited file, so
the test states "this line" rather than a number that drifts when the content changes.

A FICTIONAL folder with many problems (`fixtures/invalid/fictional-many-problems/`) checks that
every problem is reported in one run; there the expected lines carry an `EXPECT:` comment.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import CONTENT, FIXTURES, copy_content, run_cli

MANY = FIXTURES / "invalid" / "fictional-many-problems"
# `path:line:column: message (hint)` — the one format an editor learns.
PROBLEM_LINE = re.compile(r"^(?P<path>[^:\s][^:]*):(?P<line>\d+):(?P<column>\d+): (?P<text>.+)$")


def tree_hashes(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*")) if p.is_file()
    }


def decoded(path: Path) -> str:
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def line_of(path: Path, marker: str) -> int:
    lines = decoded(path).splitlines()
    found = [n for n, line in enumerate(lines, start=1) if marker in line]
    assert len(found) == 1, f"marker {marker!r} must be on exactly one line of {path}: {found}"
    return found[0]


def problem_lines(stderr: str) -> list[re.Match]:
    return [m for m in map(PROBLEM_LINE.match, stderr.splitlines()) if m]


def error_lines(stderr: str) -> list[re.Match]:
    return [m for m in problem_lines(stderr) if not m["text"].startswith(("warning:", "varning:"))]


# -- editing a copy of the content ------------------------------------------------------------

def replace(rel: str, old: str, new: str):
    def edit(content: Path) -> None:
        path = content / rel
        text = path.read_text("utf-8")
        assert text.count(old) >= 1, f"{rel} no longer contains {old!r}: update the test case"
        path.write_text(text.replace(old, new, 1), "utf-8")
    return edit


def write(rel: str, data: str | bytes):
    def edit(content: Path) -> None:
        path = content / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return edit


def append(rel: str, text: str):
    def edit(content: Path) -> None:
        path = content / rel
        path.write_text(path.read_text("utf-8").rstrip("\n") + "\n" + text, "utf-8")
    return edit


def latin1(rel: str):
    def edit(content: Path) -> None:
        path = content / rel
        path.write_bytes(path.read_text("utf-8").encode("latin-1"))
    return edit


FOLLOW_UPS = "    follow_ups: []\n"


def follow_ups(block: str) -> str:
    """A `follow_ups:` list written in a commitment of a focus-area file (FICTIONAL data)."""
    return "    follow_ups:\n" + "".join(f"      {line}\n" for line in block.strip("\n").splitlines())


@dataclass
class Case:
    id: str
    file: str    # the file that must be named, relative to content/
    edit: object
    marker: str | None  # text on the line that must be named (None: line 1)
    expect: str  # part of the English message


AREA1, AREA2, AREA3 = "2021/1-skolmiljo.yaml", "2021/2-hot-spots.yaml", "2021/3-trafiksakerhet.yaml"
PROMISE = "2021/promise.yaml"

CASES = [
    Case("yaml-syntax", AREA1, replace(AREA1, "sv: Skolor och skolmiljö", "sv: Skolor: och skolmiljö"),
         "sv: Skolor: och skolmiljö", "the YAML cannot be read"),
    Case("tab-indentation", AREA1, replace(AREA1, "  sv: Skolor och skolmiljö", "\tsv: Skolor och skolmiljö"),
         "\tsv: Skolor", "a tab is used for indentation"),
    Case("duplicate-key", AREA2, replace(AREA2, "background:\n", "goal: Ett mål till\nbackground:\n"),
         "goal: Ett mål till", "the key 'goal' already appears on line"),
    Case("misspelt-key", AREA3, replace(AREA3, "    responsible:", "    responsibel:"),
         "responsibel:", "unknown key 'responsibel' (did you mean 'responsible'?)"),
    Case("unknown-key", AREA3, replace(AREA3, "goal:", "colour: red\ngoal:"),
         "colour: red", "unknown key 'colour' (allowed keys: id, title"),
    Case("commitment-without-text", AREA2,
         append(AREA2, "  - id: 2021-hot-spots-99\n    responsible: [polisen]\n"),
         "- id: 2021-hot-spots-99", "'text.sv' is missing or empty"),
    Case("organisation-without-name", "organisations.yaml",
         append("organisations.yaml", "  - id: test-fiktiv\n    kind: other\n"),
         "- id: test-fiktiv", "'name.sv' is missing or empty"),
    Case("start-year-not-integer", PROMISE, replace(PROMISE, "start_year: 2021", "start_year: tjugotjugoett"),
         "start_year: tjugotjugoett", "'tjugotjugoett' is not a year"),
    Case("count-not-integer", AREA3, replace(AREA3, FOLLOW_UPS, follow_ups("""
- id: 2021-fiktiv-t1
  date: 2021-04-30
  status: in_progress
  actions:
    - count: two
      description: {sv: Påhittad kontroll, en: Invented check}
""")), "count: two", "'two' is not a number"),
    # frictionless takes these for numbers (and "inf" for one of at least 0); JSON cannot
    Case("infinite-target", AREA3, replace(AREA3, "    responsible:",
                                           "    target: {value: Infinity}\n    responsible:"),
         "value: Infinity", "'Infinity' is not a number"),
    Case("not-a-number-outcome", AREA3, replace(AREA3, FOLLOW_UPS, follow_ups("""
- id: 2021-fiktiv-t1
  date: 2021-04-30
  status: in_progress
  actual: nan
""")), "actual: nan", "'nan' is not a number"),
    Case("impossible-date", PROMISE, replace(PROMISE, "signed_date:", "signed_date: 2021-02-30"),
         "signed_date: 2021-02-30", "'2021-02-30' is not a date or a period"),
    Case("unknown-organisation", AREA2,
         replace(AREA2, "responsible: [polisen, kungsors-kommun]", "responsible: [polisen, kungsors-komun]"),
         "kungsors-komun", "'kungsors-komun' does not exist in organisations (did you mean 'kungsors-kommun'?)"),
    Case("unknown-signatory-organisation", PROMISE,
         replace(PROMISE, "organisation: polisen", "organisation: polis"),
         "organisation: polis", "did you mean 'polisen'?"),
    Case("unknown-status", AREA3, replace(AREA3, FOLLOW_UPS, follow_ups("""
- id: 2021-fiktiv-t1
  date: 2021-04-30
  status: in_progres
""")), "status: in_progres", "'in_progres' is not an allowed value (did you mean 'in_progress'?"),
    Case("delayed-without-reason", AREA3, replace(AREA3, FOLLOW_UPS, follow_ups("""
- id: 2021-fiktiv-t1
  date: 2021-04-30
  status: delayed
""")), "status: delayed", "the status 'delayed' needs a reason"),
    Case("duplicate-id", AREA2,
         replace(AREA2, "id: 2021-hot-spots-2\n", "id: 2021-hot-spots-1  # copied by mistake\n"),
         "copied by mistake", "the id '2021-hot-spots-1' is already used"),
    Case("focus-area-id-prefix", AREA3, replace(AREA3, "id: 2021-", "id: 2020-"),
         "id: 2020-", "does not start with '2021-'"),
    Case("empty-file", AREA3, write(AREA3, ""), None, "the file is empty"),
    Case("only-comments", AREA3, write(AREA3, "# nothing here yet\n"), None, "the file is empty"),
    Case("not-utf8", AREA1, latin1(AREA1), "Fokusområde 1", "the file is not saved as UTF-8"),
    Case("control-character", AREA1, replace(AREA1, "sv: Skolor och skolmiljö", "sv: Skolor\x00 och skolmiljö"),
         "Skolor\x00", "control character"),
    Case("top-level-list", AREA3, write(AREA3, "- id: 2021-lista\n"), None,
         "keys with values are expected here"),
]


@pytest.fixture(scope="module")
def built_site(tmp_path_factory) -> Path:
    """A site built from the real content: each case builds over a private copy of it."""
    out = tmp_path_factory.mktemp("previous") / "_site"
    result = run_cli("build", "--content", CONTENT, "--out", out)
    assert result.returncode == 0, result.stderr
    return out


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_broken_source_names_file_and_line_and_leaves_site_untouched(case, tmp_path, built_site):
    content = copy_content(tmp_path)
    case.edit(content)
    site = tmp_path / "_site"
    shutil.copytree(built_site, site)
    before, siblings = tree_hashes(site), sorted(p.name for p in tmp_path.iterdir())

    result = run_cli("build", "--content", "content", "--out", "_site", "--lang", "en", cwd=tmp_path)

    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output
    line = line_of(content / case.file, case.marker) if case.marker else 1
    where = f"content/{case.file}:{line}:"
    named = [m.group(0) for m in error_lines(result.stderr) if m.group(0).startswith(where)]
    assert named, f"expected a problem at {where}\n{result.stderr}"
    assert any(case.expect in text for text in named), f"{case.expect!r} not in {named}"
    for m in problem_lines(result.stderr):
        assert m["text"].strip(), m.group(0)
    assert tree_hashes(site) == before, "the previously built site was changed"
    assert sorted(p.name for p in tmp_path.iterdir()) == siblings, "a staging folder was left behind"
    assert "Nothing was published" in result.stderr


def test_promise_folder_without_promise_yaml(tmp_path):
    content = copy_content(tmp_path)
    (content / "2022").mkdir()
    (content / "2022" / "1-nagot.yaml").write_text("id: 2022-nagot\n", "utf-8")
    result = run_cli("validate", "--content", "content", "--lang", "en", cwd=tmp_path)
    assert result.returncode == 1
    assert "content/2022: promise.yaml is missing" in result.stderr


def test_missing_content_folder(tmp_path):
    result = run_cli("build", "--content", "nowhere", "--lang", "en", cwd=tmp_path)
    assert result.returncode == 1
    assert "nowhere: the content folder does not exist" in result.stderr
    assert not (tmp_path / "_site").exists()


# -- many problems at once ---------------------------------------------------------------------

def expected_many() -> dict[tuple[str, int], str]:
    expected = {}
    for path in sorted(MANY.rglob("*.yaml")):
        for number, line in enumerate(decoded(path).splitlines(), start=1):
            if "EXPECT:" in line:
                rel = "content/" + path.relative_to(MANY).as_posix()
                expected[(rel, number)] = line.split("EXPECT:", 1)[1].strip()
    return expected


@pytest.fixture
def many(tmp_path) -> Path:
    shutil.copytree(MANY, tmp_path / "content")
    return tmp_path


def test_every_problem_of_a_broken_folder_is_reported_in_one_run(many):
    expected = expected_many()
    assert len(expected) >= 15, "the fixture lost its EXPECT comments"
    result = run_cli("build", "--content", "content", "--lang", "en", cwd=many)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    reported = {(m["path"], int(m["line"])): m["text"] for m in error_lines(result.stderr)}
    assert set(reported) == set(expected), (
        f"missing: {sorted(set(expected) - set(reported))}\n"
        f"unexpected: {sorted(set(reported) - set(expected))}\n{result.stderr}")
    for where, fragment in expected.items():
        assert fragment in reported[where], f"{where}: {reported[where]!r} lacks {fragment!r}"
    assert f"{len(expected)} errors" in result.stderr
    assert not (many / "_site").exists()


def test_validate_reports_the_same_problems_and_writes_nothing(many):
    before = tree_hashes(many)
    built = run_cli("build", "--content", "content", "--out", "built", "--lang", "en", cwd=many)
    checked = run_cli("validate", "--content", "content", "--lang", "en", cwd=many)
    assert checked.returncode == 1
    assert [m.group(0) for m in problem_lines(checked.stderr)] == \
           [m.group(0) for m in problem_lines(built.stderr)]
    assert "Traceback" not in checked.stdout + checked.stderr
    assert tree_hashes(many) == before
    assert sorted(p.name for p in many.iterdir()) == ["content"], "validate wrote something"


def test_validate_json_lists_the_same_places(many):
    result = run_cli("validate", "--content", "content", "--format", "json", "--lang", "en", cwd=many)
    assert result.returncode == 1
    payload = json.loads(result.stdout)
    assert payload["ok"] is False
    places = {(p["path"], p["line"]) for p in payload["problems"] if p["severity"] == "error"}
    assert places == set(expected_many())
    assert all(p["message"] and p["column"] >= 1 for p in payload["problems"] if p["line"])


def test_swedish_and_english_messages_differ_and_both_name_the_file(many):
    sv = run_cli("validate", "--content", "content", "--lang", "sv", cwd=many)
    en = run_cli("validate", "--content", "content", "--lang", "en", cwd=many)
    sv_lines, en_lines = error_lines(sv.stderr), error_lines(en.stderr)
    assert [(m["path"], m["line"], m["column"]) for m in sv_lines] == \
           [(m["path"], m["line"], m["column"]) for m in en_lines]
    assert len(sv_lines) == len(expected_many())
    for s, e in zip(sv_lines, en_lines):
        assert s["text"] != e["text"], f"not translated: {s['text']}"
    assert "okänd nyckel 'nmae'" in sv.stderr and "unknown key 'nmae'" in en.stderr
    assert "fel, " in sv.stderr and "errors, " in en.stderr


def test_message_language_follows_the_environment(many):
    sv = run_cli("validate", "--content", "content", cwd=many, env={"MEDBORGARLOFTEN_LANG": "sv"})
    assert "okänd nyckel 'nmae'" in sv.stderr
    unset = run_cli("validate", "--content", "content", cwd=many,
                    env={"MEDBORGARLOFTEN_LANG": "", "LC_ALL": "", "LC_MESSAGES": "",
                         "LANG": "", "LANGUAGE": ""})
    assert "okänd nyckel 'nmae'" in unset.stderr, "Swedish when the language is unknown"


# -- the message table itself -----------------------------------------------------------------

def test_every_message_has_both_languages_with_the_same_placeholders():
    import string

    from generator.messages import MESSAGES

    def fields(template: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(template) if name}

    for code, ((sv_text, sv_hint), (en_text, en_hint)) in MESSAGES.items():
        assert bool(sv_text) == bool(en_text), code
        assert bool(sv_hint) == bool(en_hint), code
        assert fields(sv_text) | fields(sv_hint) == fields(en_text) | fields(en_hint), code
        for text in (sv_text, sv_hint, en_text, en_hint):
            assert "\n" not in text, f"{code}: a problem is one line"
