"""The editor's guide cannot drift from the format: every YAML example is validated by the real
loader (whole files and follow-ups are built in a content copy), the field tables are what
docs/fields.py generates from generator/sources/formats.py, the status table is the model's, and
the example error message is what the program prints.

Each ```yaml block starts with a comment saying what it is:
  # content/<path>.yaml …   a whole file: written into a content copy, which must validate and build
  # follow_ups …            follow-up items: put under commitment 2021-skolmiljo-1 in a copy
  # <SPEC>                  a part of a file: checked against formats.<SPEC>
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from conftest import REPO, copy_content, run_cli
from generator.model import NEEDS_REASON, STATUSES
from generator.problems import Problems
from generator.sources import formats
from generator.sources.located import load_yaml

GUIDES = {"sv": REPO / "docs" / "redaktorsguide.md", "en": REPO / "docs" / "editors-guide.md"}
FENCE = re.compile(r"^```yaml\n(.*?)^```", re.MULTILINE | re.DOTALL)
COMMITMENT = "  - id: 2021-skolmiljo-1\n"


def examples() -> list:
    found = []
    for lang, path in GUIDES.items():
        text = path.read_text(encoding="utf-8")
        for match in FENCE.finditer(text):
            line = text[: match.start()].count("\n") + 2
            found.append(pytest.param(lang, match.group(1), id=f"{path.name}:{line}"))
    return found


def test_both_guides_have_yaml_examples():
    assert len(examples()) >= 8


def add_follow_ups(content, block: str) -> None:
    path = content / "2021" / "1-skolmiljo.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index(COMMITMENT)
    empty = text.index("    follow_ups: []\n", start)
    indented = "".join("      " + line if line.strip() else line
                       for line in block.splitlines(keepends=True))
    path.write_text(text[:empty] + "    follow_ups:\n" + indented
                    + text[empty + len("    follow_ups: []\n"):], encoding="utf-8")


@pytest.mark.parametrize("lang, block", examples())
def test_every_yaml_example_is_valid(lang, block, tmp_path):
    first = block.splitlines()[0]
    assert first.startswith("# "), "each example starts with a comment saying what it is"
    what = first[2:].split()[0]
    if what.startswith("content/"):
        content = copy_content(tmp_path)
        target = tmp_path / what
        assert not target.exists(), "an example must not replace a real source file"
        target.write_text(block, encoding="utf-8")
        built = run_cli("build", "--content", content, "--out", tmp_path / "_site", "--strict")
        assert built.returncode == 0, built.stderr
    elif what == "follow_ups":
        content = copy_content(tmp_path)
        add_follow_ups(content, block)
        checked = run_cli("validate", "--content", content, "--strict")
        assert checked.returncode == 0, checked.stderr
    else:
        spec = getattr(formats, what)
        problems = Problems()
        data = load_yaml(block, "example", problems)
        spec.check(data, data.pos, "", problems)
        assert not problems, [p.render("en") for p in problems.sorted()]


def test_a_follow_up_example_really_changes_the_status(tmp_path):
    block = next(b for _, b in (p.values for p in examples()) if "status: delayed" in b)
    content = copy_content(tmp_path)
    add_follow_ups(content, block)
    out = tmp_path / "_site"
    assert run_cli("build", "--content", content, "--out", out).returncode == 0
    page = (out / "2021" / "skolmiljo" / "index.html").read_text(encoding="utf-8")
    assert "Försenad" in page


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_example_error_message_is_what_validate_prints(lang, tmp_path):
    guide = GUIDES[lang].read_text(encoding="utf-8")
    shown = re.search(r"^```\n(content/2021/1-skolmiljo\.yaml:\d+:\d+: .*)\n```", guide,
                      re.MULTILINE).group(1)
    block = next(b for _, b in (p.values for p in examples()) if "status: delayed" in b)
    without_reason = re.sub(r"  reason:\n(    .*\n)+", "", block)
    content = copy_content(tmp_path)
    add_follow_ups(content, without_reason)
    result = run_cli("validate", "--content", content, "--lang", lang, cwd=tmp_path)
    assert result.returncode == 1
    assert shown in result.stderr.splitlines(), result.stderr


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_field_tables_are_generated_from_the_formats(lang):
    generated = subprocess.run([sys.executable, str(REPO / "docs" / "fields.py")],
                               capture_output=True, text=True, check=True).stdout
    sys.path.insert(0, str(REPO / "docs"))
    try:
        import fields
    finally:
        sys.path.remove(str(REPO / "docs"))
    guide = GUIDES[lang].read_text(encoding="utf-8")
    assert fields.current_section(guide) == fields.section(lang), \
        "the field table is out of date: run python docs/fields.py --write"
    assert fields.section(lang) in generated
    for path, _kind, doc_sv, doc_en in (row for _, record in fields.FILES
                                        for row in fields.rows(record)):
        assert fields.meaning(path, doc_sv, doc_en, lang), f"{path} has no meaning in {lang}"
        assert f"| `{path}` |" in guide


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_status_table_is_the_models(lang):
    guide = GUIDES[lang].read_text(encoding="utf-8")
    table = guide[guide.index("<!-- statuses:start -->"):guide.index("<!-- statuses:end -->")]
    yes, no = ("ja", "nej") if lang == "sv" else ("yes", "no")
    expected = [f"| `{key}` | {sv} | {en} | {yes if key in NEEDS_REASON else no} |"
                for key, (sv, en) in STATUSES.items()]
    assert table.splitlines()[1:] == expected


def test_the_guides_name_every_command_they_describe():
    for path in GUIDES.values():
        text = path.read_text(encoding="utf-8")
        for command in ("medborgarloften serve", "medborgarloften new-year 2022",
                        "medborgarloften validate", "medborgarloften build"):
            assert command in text, (path.name, command)
