"""Mutated sources never crash the generator: every outcome is a result or positioned problems.

The real source files in content/ are mutated the way editors (and their tools) break files:
characters and lines deleted, inserted, replaced, swapped or duplicated (duplicate keys),
indentation changed, tabs, NUL and other control characters, Unicode line separators, invalid
UTF-8 bytes, truncation, and random YAML scalars and types where values were. Whatever comes out,
the loader and the whole check (model, tables, frictionless) must give either a result or
problems that each name a source file and a line that exists in it, at a column inside that line.

Most examples run at the library level for speed; a handful of mutated folders go through the
real command line (`validate` and `build`), where every problem must be one `file:line:col:` line
and the exit code 0 or 1. The Markdown renderer gets the real Markdown of the sources, mutated and
laced with hostile fragments: no exception, and never script, event handlers or unsafe URLs.
(Fixed attack strings and combinations of hostile pieces are in test_markdown_safety.py.)
Fuzzing by class of bad input (anchors and aliases, deep nesting, escapes, null documents, typed
values, file-system oddities) is in test_fuzz_classes.py.

Hypothesis runs derandomized and the command-line cases use a seeded random.Random, so CI is
repeatable.
"""

from __future__ import annotations

import random
import re
import shutil
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from conftest import CONTENT, copy_content, run_cli
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.slow  # fuzzing

SOURCES = ["site.yaml", "organisations.yaml"] + sorted(  # every year's files
    p.relative_to(CONTENT).as_posix() for p in CONTENT.glob("[0-9]*/*.yaml"))
ORIGINAL = {rel: (CONTENT / rel).read_bytes() for rel in SOURCES}

# -- mutations -------------------------------------------------------------------------------

# Characters YAML refuses (its reader's non-printable set) and other invisible troublemakers.
CONTROL = ["\x00", "\x01", "\x07", "\x08", "\x0b", "\x0c", "\x0e", "\x1b", "\x1f", "\x7f", "\x80",
           "\x84", "\x9f", "\ufffe", "\uffff"]
INVISIBLE = ["\x85", "\u2028", "\u2029", "\ufeff", "\u200b", "\u00a0", "\r", "\r\n", "\t"]
SCALARS = ["", "~", "null", "Null", "''", '""', "true", "no", "yes", "0", "-1", "1.5e3", "0x1F",
           "0o17", ".nan", "-.inf", "2021-02-30", "2021-13-01", "1970-01-01",
           "99999999999999999999",
           "[]", "{}", "[a, b]", "{a: 1}", "{sv: x, en: y}", "{sv: [a], en: {b: c}}", "[{}]",
           "&anchor x", "*anchor", "*undefined", "!!binary aGVq", "!!python/object:os.system",
           "!custom x", "!!int x", "!!map {}", "|", ">-", "'unterminated", '"unterminated',
           '"esc \\q"', '"line\\nbreak"', '"bell\\a\\e[31mred"', "- x", "? x", ": x", "#", "@x",
           "`x`", "%x", "x: y: z", "a, b", "{", "}", "[", "]", "<<: *a", "---", "...",
           "å" * 3, "😀", "TODO", "javascript:alert(1)", "<script>x</script>"]
PIECES = CONTROL + INVISIBLE + SCALARS + [
    "\n", "\n\n", " ", "  ", ":", "- ", "  - ", "#", "'", '"', "{", "[", "&", "*", "!", "|", ">",
    "? ", "%YAML 1.1\n", "--- ", "\n...\n", "<<", "id:", "sv:", "en:", "title:", "commitments:",
    "follow_ups:", "status: delayed", "responsible: [nobody]", "organisations:",
]
BAD_BYTES = [b"\xff", b"\xfe", b"\x80", b"\xc3", b"\xc3\x28", b"\xe2\x82", b"\xed\xa0\x80",
             b"\xc0\xaf", b"\xf8\x88\x80\x80\x80", b"\xef\xbb\xbf"]

TEXT_OPS = ["delete_chars", "insert", "replace_char", "delete_line", "insert_line",
            "duplicate_line", "duplicate_block", "swap_lines", "indent", "tab", "value",
            "truncate_text"]
BYTE_OPS = ["bad_bytes", "truncate_bytes"]
KEY_LINE = re.compile(r"^(\s*(?:- )?[^\s#:][^:#]*:)([ ].*|)$")


def mutate(data: bytes, ops: list[tuple]) -> bytes:
    """Apply (kind, a, b, payload) operations; a and b are any integers, taken modulo a size."""
    for kind, a, b, payload in ops:
        if kind in BYTE_OPS:
            pos = a % (len(data) + 1)
            if kind == "bad_bytes":
                data = data[:pos] + BAD_BYTES[b % len(BAD_BYTES)] + data[pos:]
            else:
                data = data[:pos]
            continue
        text = data.decode("utf-8", "surrogateescape")
        data = _mutate_text(text, kind, a, b, payload).encode("utf-8", "surrogateescape")
    return data


def _mutate_text(text: str, kind: str, a: int, b: int, payload: str) -> str:
    pos = a % (len(text) + 1)
    if kind == "delete_chars":
        return text[:pos] + text[pos + b % 12 + 1:]
    if kind == "insert":
        return text[:pos] + payload + text[pos:]
    if kind == "replace_char":
        return text[:pos] + payload + text[pos + 1:]
    if kind == "truncate_text":
        return text[:pos]
    lines = text.splitlines(keepends=True) or [""]
    i, j = a % len(lines), b % len(lines)
    if kind == "delete_line":
        del lines[i]
    elif kind == "insert_line":
        lines.insert(i, payload + "\n")
    elif kind == "duplicate_line":  # the same key twice, usually
        lines.insert(j, lines[i] if lines[i].endswith("\n") else lines[i] + "\n")
    elif kind == "duplicate_block":
        block = lines[i:i + b % 6 + 1]
        lines[j:j] = block
    elif kind == "swap_lines":
        lines[i], lines[j] = lines[j], lines[i]
    elif kind == "indent":
        stripped = lines[i].lstrip(" ")
        indent = len(lines[i]) - len(stripped)
        lines[i] = " " * max(0, indent + b % 9 - 4) + stripped
    elif kind == "tab":
        line = lines[i]
        tab_first = b % 2 or not line.startswith(" ")
        lines[i] = ("\t" + line) if tab_first else line.replace(" ", "\t", 1)
    elif kind == "value":  # a random scalar or type in place of a value written on its line
        order = [(i + k) % len(lines) for k in range(len(lines))]
        keyed = [(n, KEY_LINE.match(lines[n].rstrip("\r\n"))) for n in order]
        keyed = [(n, m) for n, m in keyed if m]
        inline = [(n, m) for n, m in keyed if m.group(2).strip()[:1] not in ("", "|", ">")]
        for n, match in (inline or keyed)[:1]:
            end = lines[n][len(lines[n].rstrip("\r\n")):] or "\n"
            lines[n] = f"{match.group(1)} {payload}{end}"
    return "".join(lines)


OP = st.tuples(
    st.sampled_from(TEXT_OPS + BYTE_OPS),
    st.integers(0, 1 << 20), st.integers(0, 1 << 20),
    st.one_of(st.sampled_from(PIECES), st.text(max_size=12)),
)
# One or two files, each with one to six mutations.
MUTATIONS = st.dictionaries(st.sampled_from(SOURCES), st.lists(OP, min_size=1, max_size=6),
                            min_size=1, max_size=2)


def _readable_value(value: str) -> bool:
    try:
        node = yaml.compose(f"key: {value}\n", Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return False
    return isinstance(node, yaml.MappingNode) and len(node.value) == 1


# For the whole check: edits that mostly keep the YAML readable, so the model, the tables and
# frictionless see wrong types, values, ids and shapes rather than only unreadable files.
VALUES = [v for v in SCALARS if _readable_value(v)] + [
    "polisen", "kungsors-kommun", "okand-organisation", "2021", "2021-1", "in_progress",
    "in_progres", "delayed", "done", "not_done", "quarterly", "2021-skolmiljo-1", "2021-hot-spots",
    "https://example.org/fiktiv", "12,5", "-3", "{value: x}", "{date: 2021-04-30, status: delayed}",
    "[{id: 2021-fiktiv-t1, date: 2021-04-31, status: done}]",
]
SHAPE_OP = st.tuples(
    st.sampled_from(["value"] * 4 + ["delete_line", "duplicate_line", "duplicate_block",
                                     "swap_lines", "indent", "insert_line"]),
    st.integers(0, 1 << 20), st.integers(0, 1 << 20), st.sampled_from(VALUES),
)
SHAPE_MUTATIONS = st.dictionaries(st.sampled_from(SOURCES),
                                  st.lists(SHAPE_OP, min_size=1, max_size=4),
                                  min_size=1, max_size=2)


def random_ops(rng: random.Random) -> list[tuple]:
    """The same operations from a seeded random.Random, for the command-line cases."""
    return [(rng.choice(TEXT_OPS + BYTE_OPS), rng.randrange(1 << 20), rng.randrange(1 << 20),
             rng.choice(PIECES)) for _ in range(rng.randint(1, 5))]


def test_mutations_really_break_files():
    """The mutations are not silently no-ops."""
    rel = "2021/1-skolmiljo.yaml"
    made = {
        "control": mutate(ORIGINAL[rel], [("insert", 40, 0, "\x00")]),
        "bytes": mutate(ORIGINAL[rel], [("bad_bytes", 40, 0, "")]),
        "tab": mutate(ORIGINAL[rel], [("tab", 3, 1, "")]),
        "value": mutate(ORIGINAL[rel], [("value", 0, 0, "{a: 1}")]),
        "duplicate": mutate(ORIGINAL[rel], [("duplicate_line", 3, 4, "")]),
    }
    assert all(data != ORIGINAL[rel] for data in made.values())
    assert b"\x00" in made["control"] and b"\xff" in made["bytes"]
    assert made["tab"].splitlines()[3].startswith(b"\t")
    assert b": {a: 1}\n" in made["value"]
    assert len(made["duplicate"].splitlines()) == len(ORIGINAL[rel].splitlines()) + 1


# -- where problems may point ----------------------------------------------------------------

_BREAK = re.compile(r"\r\n|\r|\n")


def editor_lines(data: bytes) -> list[str]:
    """The lines an editor shows: broken at \\n, \\r\\n and \\r only (not at U+2028 or U+0085)."""
    text = data.decode("utf-8", "replace")
    if text.startswith("\ufeff"):
        text = text[1:]
    return _BREAK.split(text)


def assert_positioned(problems, files: dict[str, bytes], shown: dict[str, str]) -> None:
    """Every problem names a source file, a line of it and a column inside that line, and reads
    as one line in both languages."""
    by_shown = {shown[rel]: rel for rel in files}
    for problem in problems.sorted():
        where = problem.position
        assert where.path in by_shown, f"{problem}: not a source file"
        lines = editor_lines(files[by_shown[where.path]])
        assert 1 <= where.line <= len(lines), \
            f"{where}: line outside the file ({len(lines)} lines) for {problem.code}"
        assert 1 <= where.column <= len(lines[where.line - 1]) + 1, \
            f"{where}: column outside line {lines[where.line - 1]!r} for {problem.code}"
        for lang in ("sv", "en"):
            rendered = problem.render(lang)
            assert rendered.startswith(f"{where.path}:{where.line}:{where.column}: ")
            assert not re.search(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]", rendered), \
                f"the message is not one clean line: {rendered!r}"


@pytest.fixture(scope="module")
def workdir():
    """One private content copy for the library-level examples; each example restores it."""
    folder = Path(tempfile.mkdtemp(prefix="fuzz-sources-"))
    content = copy_content(folder)
    yield content
    shutil.rmtree(folder, ignore_errors=True)


def _apply(content: Path, mutations: dict[str, list[tuple]]) -> dict[str, bytes]:
    files = dict(ORIGINAL)
    for rel, ops in mutations.items():
        files[rel] = mutate(ORIGINAL[rel], ops)
        (content / rel).write_bytes(files[rel])
    return files


def _restore(content: Path, mutations: dict) -> None:
    for rel in mutations:
        (content / rel).write_bytes(ORIGINAL[rel])


def _shown(content: Path) -> dict[str, str]:
    from generator.sources.loader import shown_path
    return {rel: shown_path(content / rel) for rel in SOURCES}


FAST = settings(max_examples=300, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.function_scoped_fixture])
FULL = settings(FAST, max_examples=150)


@FAST
@given(mutations=MUTATIONS)
def test_loader_gives_content_or_positioned_problems(workdir, mutations):
    from generator.problems import Problems
    from generator.sources.loader import load_content

    files = _apply(workdir, mutations)
    try:
        problems = Problems()
        content = load_content(workdir, problems)
    finally:
        _restore(workdir, mutations)
    assert content is not None  # the folder itself is always usable here
    assert_positioned(problems, files, _shown(workdir))


@FULL
@given(mutations=st.one_of(SHAPE_MUTATIONS, SHAPE_MUTATIONS, MUTATIONS))
def test_the_whole_check_gives_a_result_or_positioned_problems(workdir, mutations):
    """load → model → tables → frictionless → translations, as `validate` runs it."""
    from generator.build import BuildOptions, BuildResult, check

    files = _apply(workdir, mutations)
    try:
        result = BuildResult()
        checked = check(BuildOptions(content_dir=workdir, out_dir=workdir.parent / "_site"), result)
    finally:
        _restore(workdir, mutations)
    assert (checked is None) == bool(result.problems.errors)
    assert_positioned(result.problems, files, _shown(workdir))
    event("checked: " + ("a result" if checked else "problems"))
    for code in sorted({p.code for p in result.problems.errors}):
        event(f"error: {code}")


def test_the_check_of_the_unmutated_content_passes(workdir):
    """The baseline the mutations start from is clean, so problems above come from mutations."""
    from generator.build import BuildOptions, BuildResult, check

    result = BuildResult()
    assert check(BuildOptions(content_dir=workdir), result) is not None
    assert not result.problems.errors


def test_the_position_check_can_fail():
    from generator.problems import Position, Problems

    problems = Problems()
    problems.add(Position("f.yaml", 3, 1), "empty_file")
    with pytest.raises(AssertionError, match="line outside the file"):
        assert_positioned(problems, {"f": b"a: b\n"}, {"f": "f.yaml"})
    problems = Problems()
    problems.add(Position("f.yaml", 1, 9), "empty_file")
    with pytest.raises(AssertionError, match="column outside line"):
        assert_positioned(problems, {"f": b"a: b\n"}, {"f": "f.yaml"})

    class Unclean:  # a renderer that let a line break through
        position = Position("f.yaml", 1, 1)
        code = "unknown_key"

        def render(self, lang):
            return "f.yaml:1:1: unknown key 'a\nb'"

    class One:
        def sorted(self):
            return [Unclean()]

    with pytest.raises(AssertionError, match="one clean line"):
        assert_positioned(One(), {"f": b"a: b\n"}, {"f": "f.yaml"})


def test_a_value_with_line_breaks_or_escapes_is_shown_on_one_line():
    from generator.problems import Position, Problems

    problems = Problems()
    problems.add(Position("f.yaml", 2, 1), "unknown_key", field_name="a\nb", key="a\nb",
                 allowed="id")
    problems.add(Position("f.yaml", 3, 1), "bad_date", field_name="date", value="\x1b[31m\u2028")
    for problem in problems.sorted():
        for lang in ("sv", "en"):
            assert "\n" not in problem.render(lang) and "\x1b" not in problem.render(lang)
    assert "unknown key 'a\\nb'" in problems.sorted()[0].render("en")
    assert "\\x1b[31m\\u2028" in problems.sorted()[1].render("en")


# -- located values cross process boundaries ------------------------------------------------

def _positions(value) -> list:
    if isinstance(value, dict):
        return [value.pos, sorted(value.key_pos.items())] + [
            (k, _positions(v)) for k, v in value.items()]
    if isinstance(value, list):
        return [value.pos] + [_positions(v) for v in value]
    return [getattr(value, "pos", None), type(value).__name__]


@settings(FAST, max_examples=100)
@given(rel=st.sampled_from(SOURCES), ops=st.lists(SHAPE_OP, max_size=3))
def test_loaded_values_survive_pickling_and_copying_with_their_positions(rel, ops):
    """Pages render in worker processes and caches are pickled: a value that cannot make the
    trip (or loses where it was written) breaks the build or its messages."""
    import copy
    import pickle

    from generator.problems import Problems
    from generator.sources.located import load_yaml

    problems = Problems()
    data = load_yaml(mutate(ORIGINAL[rel], ops).decode("utf-8"), rel, problems)
    for twin in (pickle.loads(pickle.dumps(data)), copy.deepcopy(data), copy.copy(data)):
        assert twin == data
        assert _positions(twin) == _positions(data)


# -- one defect at a known place is reported exactly there -----------------------------------

def _defect_site(data: bytes, a: int, b: int) -> tuple[str, int, int, int]:
    """A (text, line, column, index) place on a line of the file."""
    text = data.decode("utf-8")
    lines = text.split("\n")
    line = a % len(lines)
    column = b % (len(lines[line]) + 1)
    index = sum(len(x) + 1 for x in lines[:line]) + column
    return text, line + 1, column + 1, index


@FAST
@given(rel=st.sampled_from(SOURCES), a=st.integers(0, 1 << 20), b=st.integers(0, 1 << 20),
       defect=st.one_of(st.sampled_from(CONTROL + ["\x85", "\u2028", "\u2029"]).map(
                            lambda c: ("control_character", c)),
                        st.sampled_from(BAD_BYTES[:-1]).map(lambda c: ("not_utf8", c)),
                        st.just(("tab_indent", "\t"))))
def test_a_single_defect_is_reported_at_its_line_and_column(rel, a, b, defect):
    """Swedish text is full of å, ä and ö: a column counted in bytes would drift off the spot."""
    from generator.problems import Problems
    from generator.sources.located import load_yaml, read_text

    code, inserted = defect
    text, line, column, index = _defect_site(ORIGINAL[rel], a, b)
    if code == "tab_indent":  # indentation: the tab goes at the start of the line
        index -= column - 1
        column = 1
    if code == "not_utf8":
        data = text[:index].encode("utf-8") + inserted + text[index:].encode("utf-8")
    else:
        data = (text[:index] + inserted + text[index:]).encode("utf-8")
    problems = Problems()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "f.yaml"
        path.write_bytes(data)
        decoded = read_text(path, "f.yaml", problems)
        if decoded is not None:
            load_yaml(decoded, "f.yaml", problems)
    found = [(p.position.line, p.position.column, p.code) for p in problems.sorted()]
    assert (line, column, code) in found, f"inserted {inserted!r} at {line}:{column}: {found}"


# The defects these tests found, kept as plain examples (each failed before the fix).
FOUND = [
    # The C reader counts a control character's offset in UTF-8 bytes: every å, ä or ö before
    # it moved the reported place further on, here onto a line the file does not have.
    ("a: åäöåäöåäöå\nc: d\x00e\n".encode(), (2, 5, "control_character")),
    # A lone \r (an old Mac line end) breaks the line for editors and for YAML.
    (b"\r\x1f: x\n", (2, 1, "control_character")),
    # Columns of a bad byte counted bytes, not characters.
    ("a: åä \xff\n".encode("utf-8", "surrogateescape").replace(b"\xc3\xbf", b"\xff"),
     (1, 7, "not_utf8")),
    # After a byte-order mark the offset of a bad byte was taken from the text without it.
    (b"\xef\xbb\xbfa: 1\nbb: 2\nc: \xff\n", (3, 4, "not_utf8")),
    # YAML breaks lines at U+2028, U+2029 and U+0085; editors show them inside a line. The
    # syntax error came at `d:`, which PyYAML called line 3 (an editor's line 2), far from its
    # cause: the invisible separator is reported itself now.
    ("a: b\u2028c\nd: [x\n".encode(), (1, 5, "control_character")),
    ("a: b\x85c\nd: e: f\n".encode(), (1, 5, "control_character")),
    ("# en kommentar\u2029med mer text\nid: x\n".encode(), (1, 15, "control_character")),
    # A tab after a lone \r indents a line too.
    (b"a:\r\tb: 2\n", (2, 1, "tab_indent")),
]


@pytest.mark.parametrize("data, expected", FOUND, ids=[
    "control-after-swedish-letters", "control-after-lone-cr", "bad-byte-column-in-characters",
    "bad-byte-after-bom", "line-separator", "next-line-character", "paragraph-separator-in-comment",
    "tab-after-lone-cr"])
def test_defects_found_by_fuzzing_are_reported_where_an_editor_sees_them(data, expected, tmp_path):
    from generator.problems import Problems
    from generator.sources.located import load_yaml, read_text

    path = tmp_path / "f.yaml"
    path.write_bytes(data)
    problems = Problems()
    text = read_text(path, "f.yaml", problems)
    if text is not None:
        load_yaml(text, "f.yaml", problems)
    found = [(p.position.line, p.position.column, p.code) for p in problems.sorted()]
    assert found == [expected]


# -- the real command line -------------------------------------------------------------------

PROBLEM_LINE = re.compile(r"^(?P<path>content/[^:\s]+):(?P<line>\d+):(?P<column>\d+): \S")
SUMMARY = re.compile(r"^(\d+ errors?|No errors), (\d+ warnings?|no warnings)\.$")
NOTHING_PUBLISHED = "Nothing was published; the previous site is untouched."

def _line_starting(rel: str, prefix: str) -> int:
    lines = ORIGINAL[rel].decode("utf-8").splitlines()
    return next(n for n, line in enumerate(lines) if line.startswith(prefix))


CLI_SEED = 20210601
# Named cases first (the defects found while writing these tests), then seeded random ones.
CLI_CASES = {
    "control-after-swedish-text": {"2021/1-skolmiljo.yaml": [("insert", 700, 0, "\x0b")]},
    "line-separator-then-error": {"2021/promise.yaml": [("insert", 30, 0, "\u2028"),
                                                        ("value", 20, 0, "[unclosed")]},
    "newline-in-a-quoted-key": {"organisations.yaml": [("insert_line", 1, 0, '"a\\nb": 1')]},
    "escape-sequence-in-a-value": {"2021/promise.yaml": [
        ("value", _line_starting("2021/promise.yaml", "start_year:"), 0, '"\\e[31m2021\\n"')]},
}
_rng = random.Random(CLI_SEED)
for _n in range(4):
    CLI_CASES[f"random-{_n}"] = {_rng.choice(SOURCES): random_ops(_rng)}


@pytest.mark.parametrize("name", list(CLI_CASES))
def test_mutated_sources_through_the_command_line(name, tmp_path):
    content = copy_content(tmp_path)
    files = _apply(content, CLI_CASES[name])
    site_files = {f"content/{rel}": data for rel, data in files.items()}
    # MEDBORGARLOFTEN_DEBUG lets an internal error out as a traceback instead of a message.
    env = {"MEDBORGARLOFTEN_DEBUG": "1"}
    validate = run_cli("validate", "--content", "content", "--lang", "en", cwd=tmp_path, env=env)
    build = run_cli("build", "--content", "content", "--out", "_site", "--lang", "en",
                    cwd=tmp_path, env=env)
    for run in (validate, build):
        assert run.returncode in (0, 1), run.stderr
        assert "Traceback" not in run.stderr + run.stdout, run.stderr
        assert "internal error" not in run.stderr, run.stderr
        if run.returncode == 1:
            for line in run.stderr.splitlines():
                if SUMMARY.match(line) or line == NOTHING_PUBLISHED:
                    continue
                match = PROBLEM_LINE.match(line)
                assert match, f"not a file:line: problem: {line!r}\n{run.stderr}"
                lines = editor_lines(site_files[match["path"]])
                assert 1 <= int(match["line"]) <= len(lines), line
    assert (validate.returncode == 1) == (build.returncode == 1), (validate.stderr, build.stderr)
    if build.returncode == 1:
        assert NOTHING_PUBLISHED in build.stderr
        assert not (tmp_path / "_site").exists()
    else:
        assert (tmp_path / "_site" / "index.html").is_file()


def test_the_named_command_line_cases_are_real_problems():
    """Each named case must break its file, or it tests nothing."""
    for name, mutations in CLI_CASES.items():
        if name.startswith("random-"):
            continue
        for rel, ops in mutations.items():
            assert mutate(ORIGINAL[rel], ops) != ORIGINAL[rel], name


# -- the Markdown renderer -------------------------------------------------------------------

def _markdown_texts() -> list[str]:
    """Every text value of the real sources: much of it is editor Markdown."""
    found: list[str] = []

    def walk(value) -> None:
        if isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, str) and len(value) > 20:
            found.append(value)

    for rel in SOURCES:
        walk(yaml.safe_load(ORIGINAL[rel].decode("utf-8")))
    return found


MARKDOWN = _markdown_texts()
HOSTILE = [
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", "vbscript:msgbox(1)", "data:text/html,<script>x",
    "java\tscript:", "java\nscript:", "\x00javascript:", " javascript:", "&#106;avascript:",
    "&#x6A;avascript:", "&#0000106;avascript:", "javascript&colon;", "javascript&#58;",
    "<script>alert(1)</script>", "<SCRIPT SRC=x>", "</script>", "<img src=x onerror=alert(1)>",
    "<svg/onload=alert(1)>", "<a href=javascript:x>", '" onmouseover="alert(1)', "' onclick='x",
    "<iframe src=javascript:x>", "<style>", "<!--", "-->", "<![CDATA[", "<?php", "&lt;script&gt;",
    "[x](", "](", ")", "[", "]", "![i](", "<", ">", "<javascript:alert(1)>", "<http://x>",
    "\n[r]: javascript:alert(1)\n", "[r]", "[x][r]", '"title"', "`", "```\n", "\n    ", "\\",
    "*", "_", "#", "\n# ", "\n> ", "\n- ", "\n1. ", "|", "&", "&amp;", "&#", ";", "\u2028",
    "\x0b", "\ufeff", "on", "error=", "href=", "src=",
]
ALLOWED_TAGS = {"p", "a", "em", "strong", "code", "pre", "h3", "h4", "h5", "h6", "ul", "ol", "li",
                "blockquote", "hr", "br"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}, "code": {"class"}}
BAD_URL = re.compile(r"^(javascript|vbscript|data):", re.IGNORECASE)
_CONTROL_OR_SPACE = re.compile(r"[\x00-\x20\x7f]+")


class HtmlScan(HTMLParser):
    """Only the tags and attributes Markdown makes; no event handler, no unsafe address."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.bad: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED_TAGS:
            self.bad.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.bad.append(f"<{tag} {name}=…>: event handler")
            if name in ("href", "src") and BAD_URL.match(_CONTROL_OR_SPACE.sub("", value or "")):
                self.bad.append(f"<{tag} {name}={value!r}>: unsafe address")
            if name not in ALLOWED_ATTRIBUTES.get(tag, set()):
                self.bad.append(f"<{tag} {name}>: unexpected attribute")


def scan_html(html: str) -> list[str]:
    scanner = HtmlScan()
    scanner.feed(html)
    scanner.close()
    bad = scanner.bad
    if "<script" in html.lower():
        bad.append("<script")
    return bad


def test_the_html_scan_can_fail():
    assert len(scan_html('<a href=" java\tscript:x" onclick="y">z</a><img src="data:x">'
                         "<script>1</script>")) >= 5


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(base=st.sampled_from(MARKDOWN),
       edits=st.lists(st.tuples(st.integers(0, 1 << 20), st.integers(0, 8),
                                st.one_of(st.sampled_from(HOSTILE), st.text(max_size=6))),
                      min_size=1, max_size=10))
def test_mutated_real_markdown_never_carries_script(base, edits):
    from generator.render.markdown import Markdown

    render_markdown, render_inline = Markdown().block, Markdown().inline

    text = base
    for pos, delete, piece in edits:
        pos %= len(text) + 1
        text = text[:pos] + piece + text[pos + delete:]
    for html in (render_markdown(text), render_inline(text)):
        assert isinstance(html, str)
        bad = scan_html(html)
        assert not bad, f"{bad}\n{text!r}\n{html}"


@settings(max_examples=150, deadline=None, derandomize=True, database=None)
@given(st.text(max_size=200))
def test_any_text_renders_without_exception_or_script(text):
    from generator.render.markdown import Markdown

    render_markdown, render_inline = Markdown().block, Markdown().inline

    for html in (render_markdown(text), render_inline(text)):
        assert not scan_html(html), html
