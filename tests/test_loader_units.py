"""Units of the source reading: located YAML, key specs, problems. The CLI tests cover the whole."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.problems import Position, Problems
from generator.sources import formats, located
from generator.sources.located import LDict, LList, LStr, load_yaml, read_text
from generator.sources.spec import Key, ListOf, Localized, Record, Text

LOADERS = [yaml.SafeLoader] + ([yaml.CSafeLoader] if hasattr(yaml, "CSafeLoader") else [])


@pytest.fixture(params=LOADERS, ids=lambda loader: loader.__name__)
def each_composer(request, monkeypatch):
    """Run a test with PyYAML's Python composer and, when built, its C composer: they differ."""
    monkeypatch.setattr(located, "_Loader", request.param)


def codes(problems: Problems) -> list[tuple[int, int, str]]:
    return [(p.position.line, p.position.column, p.code) for p in problems.sorted()]


def test_values_remember_line_and_column(each_composer):
    problems = Problems()
    data = load_yaml("a: 1\nb:\n  - x\n  - {c: d}\n", "f.yaml", problems)
    assert not problems
    assert isinstance(data, LDict) and isinstance(data["b"], LList)
    assert data["a"] == "1" and data["a"].pos == Position("f.yaml", 1, 4)
    assert data.key_pos["b"] == Position("f.yaml", 2, 1)
    assert data["b"][1]["c"].pos == Position("f.yaml", 4, 9)


@pytest.mark.parametrize("text", ["a: null\n", "a: ~\n", "a:\n", "a: NULL\n"])
def test_plain_nulls_are_empty(each_composer, text):
    assert load_yaml(text, "f.yaml", Problems())["a"] is None


@pytest.mark.parametrize("text", ['a: "null"\n', "a: '~'\n"])
def test_quoted_nulls_are_text(each_composer, text):
    value = load_yaml(text, "f.yaml", Problems())["a"]
    assert isinstance(value, LStr) and value in ("null", "~")


def test_scalars_stay_as_written_for_the_schemas_to_check(each_composer):
    data = load_yaml("d: 2021-02-30\nn: 007\nb: yes\n", "f.yaml", Problems())
    assert (data["d"], data["n"], data["b"]) == ("2021-02-30", "007", "yes")


def test_duplicate_key_names_both_lines(each_composer):
    problems = Problems()
    load_yaml("a: 1\nb: 2\na: 3\n", "f.yaml", problems)
    [problem] = problems.sorted()
    assert (problem.position.line, problem.code, problem.params["first_line"]) == (3, "duplicate_key", 1)


def test_tab_indentation_is_reported_at_the_tab(each_composer):
    problems = Problems()
    assert load_yaml("a:\n  b: 1\n  \tc: 2\n", "f.yaml", problems) is None
    assert codes(problems) == [(3, 3, "tab_indent")]


def test_a_tab_inside_a_value_is_allowed():
    """Only indentation tabs are refused (with the composer in use; the Python one is stricter)."""
    problems = Problems()
    assert load_yaml("a: x\ty\n", "f.yaml", problems) == {"a": "x\ty"}
    assert not problems


def test_syntax_error_is_one_line_with_position(each_composer):
    problems = Problems()
    assert load_yaml("a: 1\nb: [1, 2\n", "f.yaml", problems) is None
    [problem] = problems.sorted()
    assert problem.code == "yaml_syntax" and problem.position.line >= 2
    assert "\n" not in problem.render("en")


def test_control_character_is_located(each_composer):
    problems = Problems()
    assert load_yaml("a: 1\nb: x\x00y\n", "f.yaml", problems) is None
    assert codes(problems) == [(2, 5, "control_character")]
    assert "U+0000" in problems.sorted()[0].render("en")


def test_merge_keys_and_non_text_keys_are_refused(each_composer):
    problems = Problems()
    assert load_yaml("base: &b {x: 1}\nc:\n  <<: *b\n? [1, 2]\n: v\n", "f.yaml", problems) is None
    assert codes(problems) == [(1, 7, "yaml_anchor"), (3, 3, "merge_key"), (3, 7, "yaml_alias"),
                               (4, 3, "key_not_text")]


def test_a_key_that_is_a_group_drops_only_itself_and_its_value(each_composer):
    problems = Problems()
    data = load_yaml("a: 1\n? {x: y}\n: v\nb: 2\n", "f.yaml", problems)
    assert data == {"a": "1", "b": "2"}
    assert codes(problems) == [(2, 3, "key_not_text")]


def test_an_alias_bomb_is_refused_at_once(each_composer):
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    lines += [f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
              f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
              f"*{chr(97 + i)}]" for i in range(9)]
    problems = Problems()
    assert load_yaml("\n".join(lines) + "\n", "f.yaml", problems) is None
    found = {c for _, _, c in codes(problems)}
    assert found == {"yaml_anchor", "yaml_alias"}
    assert codes(problems)[0] == (1, 4, "yaml_anchor")


def test_a_recursive_alias_is_refused(each_composer):
    problems = Problems()
    assert load_yaml("r: &r [*r]\n", "f.yaml", problems) is None
    assert codes(problems) == [(1, 4, "yaml_anchor"), (1, 8, "yaml_alias")]


def test_nesting_deeper_than_the_limit_is_one_positioned_problem(each_composer):
    problems = Problems()
    depth = located.MAX_DEPTH + 5
    assert load_yaml("a: " + "[" * depth + "]" * depth + "\n", "f.yaml", problems) is None
    assert codes(problems) == [(1, 4 + located.MAX_DEPTH - 1, "too_deep")]


def test_control_characters_written_as_escapes_are_refused(each_composer):
    problems = Problems()
    assert load_yaml('a: ok\nb: "x\\0y"\nc: "\\e"\nd: "\\t and \\n are fine"\n', "f.yaml", problems) is None
    assert codes(problems) == [(2, 4, "control_character"), (3, 4, "control_character")]
    assert load_yaml('d: "\\t and \\n are fine"\n', "f.yaml", Problems()) == {"d": "\t and \n are fine"}


@pytest.mark.parametrize("text", ["~\n", "null\n", "---\n", "--- ~\n", "---\n...\n"])
def test_a_null_document_is_an_empty_file(each_composer, text):
    problems = Problems()
    assert load_yaml(text, "f.yaml", problems) is None
    assert [c for _, _, c in codes(problems)] == ["empty_file"]


def test_a_second_document_is_refused_where_it_starts(each_composer):
    problems = Problems()
    assert load_yaml("a: 1\n---\nb: 2\n", "f.yaml", problems) is None
    assert codes(problems) == [(2, 1, "several_documents")]


def test_an_unclosed_quote_is_reported_where_it_opens(each_composer):
    problems = Problems()
    text = "a: 1\nb: 2\nc: 3\nd: 4\ntitle: \"Kungsör\n" + "".join(f"k{i}: v\n" for i in range(40))
    assert load_yaml(text, "f.yaml", problems) is None
    assert codes(problems) == [(5, 8, "yaml_syntax")]


def test_read_text_reports_encoding_emptiness_and_accepts_bom(tmp_path):
    def read(data: bytes) -> tuple[str | None, list]:
        path = tmp_path / "f.yaml"
        path.write_bytes(data)
        problems = Problems()
        return read_text(path, "f.yaml", problems), codes(problems)

    assert read("a: å\n".encode("latin-1")) == (None, [(1, 4, "not_utf8")])
    assert read(b"a: 1\nb: \xff\n") == (None, [(2, 4, "not_utf8")])
    assert read(b"") == (None, [(1, 1, "empty_file")])
    assert read(b"  \n# only a comment\n\n") == (None, [(1, 1, "empty_file")])
    assert read("\ufeffa: å\n".encode("utf-8")) == ("a: å\n", [])


def test_missing_file_is_a_problem_not_an_exception(tmp_path):
    problems = Problems()
    assert read_text(tmp_path / "nope.yaml", "nope.yaml", problems) is None
    assert problems.sorted()[0].code == "file_unreadable"


# -- key specs ----------------------------------------------------------------------------------

def check(spec, text: str):
    problems = Problems()
    data = load_yaml(text, "f.yaml", problems)
    return spec.check(data, data.pos, "", problems), problems


def test_misspelt_key_gets_a_suggestion_and_unknown_key_the_allowed_list():
    _, problems = check(formats.COMMITMENT, "id: x\nresposible: [a]\nfavourite: y\n")
    by_code = {p.code: p for p in problems.sorted()}
    assert by_code["unknown_key_suggest"].params["suggestion"] == "responsible"
    assert by_code["unknown_key_suggest"].position.line == 2
    assert "text" in by_code["unknown_key"].params["allowed"]
    assert by_code["unknown_key"].position.line == 3


def test_localized_text_accepts_plain_text_as_swedish_and_refuses_other_languages():
    spec = Record({"t": Key(Localized())})
    value, problems = check(spec, "t: Hej\n")
    assert value["t"] == {"sv": "Hej"} and not problems
    _, problems = check(spec, "t:\n  sv: Hej\n  fi: Hei\n")
    assert codes(problems) == [(3, 3, "unknown_language")]


def test_list_spec_accepts_a_single_item_and_text_refuses_a_list():
    spec = Record({"l": Key(ListOf(Text())), "t": Key(Text())})
    value, problems = check(spec, "l: a\nt: [x]\n")
    assert value["l"] == ["a"]
    assert codes(problems) == [(2, 4, "expected_text")]


# -- problems -----------------------------------------------------------------------------------

def test_problems_sort_by_file_and_line_and_drop_repeats():
    problems = Problems()
    problems.add(Position("b.yaml", 2, 1), "empty_file")
    problems.add(Position("a.yaml", 10, 1), "empty_file")
    problems.add(Position("a.yaml", 9, 3), "empty_file")
    problems.add(Position("a.yaml", 9, 3), "empty_file")
    assert [str(p.position) for p in problems.sorted()] == ["a.yaml:9:3", "a.yaml:10:1", "b.yaml:2:1"]


def test_render_is_path_line_column_message_hint_in_both_languages():
    problems = Problems()
    problems.add(Position("content/x.yaml", 4, 7), "unknown_key_suggest", field_name="titel",
                 key="titel", suggestion="title")
    [problem] = problems.sorted()
    assert problem.render("en") == \
        "content/x.yaml:4:7: titel: unknown key 'titel' (did you mean 'title'?)"
    assert problem.render("sv") == \
        "content/x.yaml:4:7: titel: okänd nyckel 'titel' (menade du 'title'?)"


# -- no input makes the reader raise ------------------------------------------------------------

YAML_PIECES = ["a", ":", " ", "\n", "  ", "\t", "-", "[", "]", "{", "}", ",", "'", '"', "#", "&x",
               "*x", "!!str", "<<", "?", "|", ">", "\x00", "å", "2021-02-30", "---", "...", "%YAML"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(YAML_PIECES), max_size=20))
def test_any_text_gives_values_or_problems_never_an_exception(pieces):
    problems = Problems()
    text = "".join(pieces)
    data = load_yaml(text, "f.yaml", problems)
    if isinstance(data, LDict):
        formats.FOCUS_AREA.check(data, data.pos, "", problems)
    for problem in problems.sorted():
        line = problem.render("sv")
        assert line.startswith("f.yaml") and "\n" not in line
