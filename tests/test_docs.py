"""The editor's guide cannot drift from the format: every YAML example is validated by the real
loader (whole files and follow-ups are built in a content copy), the field tables are what
docs/fields.py generates from generator/sources/formats.py, the status table is the model's, and
the example error message is what the program prints.

Each ```yaml block starts with a comment saying what it is:
  # content/<path>.yaml …   a whole file: written into a content copy, which must validate and build
  # follow_ups …            follow-up items: put under commitment 2021-skolmiljo-1 in a copy
  # <SPEC>                  a part of a file: checked against formats.<SPEC>

The README and the developer docs cannot drift either: the README stays short and keeps its two
set-up blocks first (.ci/run runs the second), every command and option it lists is one the
command line has, and every file the docs link to or name exists.
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from conftest import REPO, copy_content, run_cli, with_fictional_statement
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
        # --strict: with a FICTIONAL complete accessibility statement (see conftest), whose
        # absence in the real site.yaml is a warning of its own
        content = with_fictional_statement(copy_content(tmp_path))
        target = tmp_path / what
        assert not target.exists(), "an example must not replace a real source file"
        target.parent.mkdir(exist_ok=True)  # an example of a new year's folder
        target.write_text(block, encoding="utf-8")
        built = run_cli("build", "--content", content, "--out", tmp_path / "_site", "--strict")
        assert built.returncode == 0, built.stderr
    elif what == "follow_ups":
        content = with_fictional_statement(copy_content(tmp_path))
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


README = REPO / "README.md"
DOCS = [README, REPO / "CHANGELOG.md", REPO / "docs" / "architecture.md",
        REPO / "docs" / "benchmarks.md", REPO / "docs" / "theme.md",
        REPO / "examples" / "fictional-theme" / "README.md", *GUIDES.values()]
SHELL_FENCE = re.compile(r"^```(\w*)\n(.*?)^```$", re.MULTILINE | re.DOTALL)


def fenced_blocks(text: str) -> list[tuple[str, str]]:
    """(language, body) of every fenced block, in order."""
    return [(m.group(1), m.group(2)) for m in SHELL_FENCE.finditer(text)]


def ci_block() -> str:
    """The block .ci/run executes, extracted with .ci/run's own awk program."""
    script = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    program = re.search(r"awk '([^']*)' README\.md", script).group(1)
    return subprocess.run(["awk", program, str(README)], capture_output=True, text=True,
                          check=True).stdout


def test_the_readme_is_short():
    lines = README.read_text(encoding="utf-8").splitlines()
    assert len(lines) <= 200, f"README.md has {len(lines)} lines; internals go to docs/"


def test_the_first_two_readme_blocks_are_the_set_up():
    blocks = fenced_blocks(README.read_text(encoding="utf-8"))
    assert [lang for lang, _ in blocks[:2]] == ["sh", "sh"]
    build, tests = (body.splitlines() for _, body in blocks[:2])
    assert build[0] == tests[0] == "python3 -m venv .venv && . .venv/bin/activate"
    assert "pip install -e ." in build and build[-1] == "medborgarloften build"
    assert "pip install -e '.[test]'" in tests and tests[-1] == "python -m pytest"
    assert ci_block().splitlines() == tests, ".ci/run must find the README's test block"


def commands_table() -> list[str]:
    """The commands the README's table lists, as written in its first column."""
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## Commands"):]
    section = section[:section.index("\n## ", 1)]
    return re.findall(r"^\| `(medborgarloften [^`]*)` \|", section, re.MULTILINE)


def test_the_readme_lists_every_command_the_cli_has():
    listed = {row.split()[1] for row in commands_table()}
    usage = run_cli("--help").stdout
    offered = set(re.findall(r"^    ([a-z][a-z-]*)  ", usage, re.MULTILINE))
    assert offered, usage
    assert listed == offered


@pytest.mark.parametrize("row", commands_table())
def test_every_option_in_the_readme_exists(row):
    command = row.split()[1]
    usage = run_cli(command, "--help")
    assert usage.returncode == 0, usage.stderr
    options = re.findall(r"--[a-z][a-z-]*", row)
    for option in options:
        assert re.search(rf"{re.escape(option)}\b", usage.stdout), (row, option)


LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")
MADE_BY_RUNS = ("benchmarks/_work",)  # ignored by git, made by the benchmark
NAMED = re.compile(r"(?<![\w./-])((?:generator|benchmarks|tests|themes|scripts|docs)/[\w./-]*\w/?)")


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_every_linked_or_named_file_exists(doc):
    text = doc.read_text(encoding="utf-8")
    links = [target for target in LINK.findall(text) if "://" not in target]
    missing = [target for target in links if not (doc.parent / target).exists()]
    assert not missing, f"{doc.name} links to missing files: {missing}"
    missing = [path for path in NAMED.findall(text)
               if not (REPO / path).exists() and not path.startswith(MADE_BY_RUNS)]
    assert not missing, f"{doc.name} names missing files: {missing}"


def test_the_readme_links_the_docs():
    text = README.read_text(encoding="utf-8")
    for target in ("docs/architecture.md", "docs/benchmarks.md", "CHANGELOG.md",
                   "docs/redaktorsguide.md", "docs/editors-guide.md"):
        assert f"]({target})" in text, target


def test_the_benchmark_docs_name_only_keys_the_benchmark_prints():
    doc = (REPO / "docs" / "benchmarks.md").read_text(encoding="utf-8")
    table = doc[doc.index("| key | meaning |"):]
    table = table[:table.index("\n\n")]
    keys = re.findall(r"`(\w+)`", "\n".join(line.split(" | ")[0] for line in table.splitlines()))
    source = (REPO / "benchmarks" / "run.py").read_text(encoding="utf-8")
    assert len(keys) > 20
    missing = [key for key in keys if f'"{key}":' not in source]
    assert not missing, f"docs/benchmarks.md names keys run.py does not print: {missing}"
