"""The source lines shown around a problem (generator/excerpts.py): the marker under the right
character, everything escaped, and no file however odd makes an excerpt raise."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.excerpts import WIDTH, excerpt_html, excerpt_lines, excerpt_text
from generator.problems import Position, Problem


def problem(path: Path | str, line: int, column: int = 0, code: str = "yaml_syntax") -> Problem:
    return Problem(Position(str(path), line, column), code)


def caret_under(text: str) -> str:
    """The character of the line above the `^` of a terminal excerpt."""
    rows = text.splitlines()
    caret = next(i for i, row in enumerate(rows) if row.rstrip().endswith("^"))
    return rows[caret - 1][rows[caret].index("^")]


@pytest.fixture
def source(tmp_path) -> Path:
    path = tmp_path / "1-skolmiljo.yaml"
    path.write_text("id: 2021-skolmiljo\ntitle:\n  sv: Skolor\ngoal: [unclosed\n"
                    "commitments:\n  - id: a\n  - id: b\n", encoding="utf-8")
    return path


def test_the_lines_around_the_problem_with_a_marker_at_its_column(source):
    lines = excerpt_lines(problem(source, 4, 7))
    assert [line.number for line in lines] == [2, 3, 4, 5, 6]
    assert [line.problem for line in lines] == [False, False, True, False, False]
    own = lines[2]
    assert own.text == "goal: [unclosed" and own.text[own.marker] == "["
    text = excerpt_text(problem(source, 4, 7))
    assert caret_under(text) == "["
    assert "> 4 | goal: [unclosed" in text and "  2 | title:" in text


def test_the_first_and_last_lines_have_less_context(source):
    assert [line.number for line in excerpt_lines(problem(source, 1, 1))] == [1, 2, 3]
    # The line after the final newline is not shown as context...
    assert [line.number for line in excerpt_lines(problem(source, 7, 3))] == [5, 6, 7]
    # ...but it is a place (the end of the file, where PyYAML reports an unclosed bracket).
    end = excerpt_lines(problem(source, 8, 1))
    assert end[-1].number == 8 and end[-1].problem and end[-1].text == "" and end[-1].marker == 0


def test_no_column_no_marker_and_a_column_past_the_end_marks_the_end(source):
    lines = excerpt_lines(problem(source, 3, 0))
    assert all(line.marker is None for line in lines)
    assert "^" not in excerpt_text(problem(source, 3, 0))
    past = next(line for line in excerpt_lines(problem(source, 3, 80)) if line.problem)
    assert past.marker == len("  sv: Skolor")


@pytest.mark.parametrize("line", [0, -1, 9, 10_000])
def test_a_line_outside_the_file_gives_no_excerpt(source, line):
    assert excerpt_lines(problem(source, line, 1)) == []
    assert excerpt_text(problem(source, line, 1)) == ""
    assert excerpt_html(problem(source, line, 1)) == ""


def test_files_that_cannot_be_shown_give_no_excerpt(tmp_path):
    (tmp_path / "folder.yaml").mkdir()
    unreadable = tmp_path / "secret.yaml"
    unreadable.write_text("a: 1\n", encoding="utf-8")
    unreadable.chmod(0)
    for path in [tmp_path / "missing.yaml", tmp_path / "folder.yaml", "medborgarloften", "",
                 "a\x00b.yaml", "x" * 5000, "127.0.0.1:8000"]:
        assert excerpt_lines(problem(path, 1, 1)) == [], path
        assert excerpt_text(problem(path, 1, 1)) == ""
    if os.geteuid() != 0:  # root reads any file
        assert excerpt_lines(problem(unreadable, 1, 1)) == []


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_named_like_a_source_does_not_hang(tmp_path):
    fifo = tmp_path / "2-fifo.yaml"
    os.mkfifo(fifo)
    found: dict = {}
    thread = threading.Thread(target=lambda: found.setdefault("lines", excerpt_lines(problem(fifo, 1, 1))),
                              daemon=True)
    thread.start()
    thread.join(10)
    assert found == {"lines": []}


def test_a_path_is_read_relative_to_the_current_folder(source, monkeypatch):
    monkeypatch.chdir(source.parent.parent)
    relative = f"{source.parent.name}/{source.name}"
    assert excerpt_lines(problem(relative, 2, 1))[1].text == "title:"


def test_link_problems_name_a_built_page_not_a_source(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "index.html").write_text("<a href='x'>\n", encoding="utf-8")
    assert excerpt_lines(problem("index.html", 1, 10, code="broken_link")) == []
    assert excerpt_lines(problem("index.html", 1, 10)) != []


def test_tabs_are_expanded_and_the_marker_stays_under_its_character(tmp_path):
    path = tmp_path / "tabs.yaml"
    path.write_text("title:\n\tsv:\t[x\n", encoding="utf-8")
    lines = excerpt_lines(problem(path, 2, 6))  # the "[": tab, s, v, :, tab, [
    own = lines[1]
    assert "\t" not in own.text and own.text[own.marker] == "["
    assert caret_under(excerpt_text(problem(path, 2, 6))) == "["


def test_invisible_characters_and_markup_are_escaped(tmp_path):
    path = tmp_path / "odd.yaml"
    path.write_text('a: "\x1b[31mred\x07"\nb: <script>alert("&")</script>\n', encoding="utf-8")
    text = excerpt_text(problem(path, 1, 5))
    assert "\x1b" not in text and "\x07" not in text and "\\x1b[31mred\\x07" in text
    page = excerpt_html(problem(path, 2, 4))
    assert "<script>" not in page and "&lt;script&gt;alert(&quot;&amp;&quot;)&lt;/script&gt;" in page
    assert page.startswith('<pre class="excerpt">') and '<span class="caret">^</span>' in page
    # The marker is under the "<" of "<script>": the caret row has as many spaces as the line's
    # text before it (both rows start with the same line number column).
    rows = page.removeprefix('<pre class="excerpt">').removesuffix("</pre>").split("\n")
    own = next(row for row in rows if row.startswith("<mark>"))
    caret = rows[rows.index(own) + 1]
    assert own.index("&lt;script") - len("<mark>") == caret.index('<span class="caret">')


def test_a_file_not_in_utf8_and_with_crlf_line_ends_is_shown(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes("id: x\r\ntitle: Fokusomr\xe5de\r\ngoal: y\r\n".encode("latin-1"))
    lines = excerpt_lines(problem(path, 2, 8))
    assert [line.number for line in lines] == [1, 2, 3]
    assert lines[1].text == "title: Fokusomr\ufffdde" and lines[1].text[lines[1].marker] == "F"
    assert "\r" not in excerpt_text(problem(path, 2, 8))


def test_a_very_long_line_is_cut_around_the_column(tmp_path):
    path = tmp_path / "long.yaml"
    path.write_text("a: 1\n" + "x" * 5000 + "ERR" + "y" * 5000 + "\nb: 2\n", encoding="utf-8")
    lines = excerpt_lines(problem(path, 2, 5001))
    own = lines[1]
    assert len(own.text) <= WIDTH + 2
    assert own.text.startswith("…") and own.text.endswith("…")
    assert own.text[own.marker:own.marker + 3] == "ERR"
    assert caret_under(excerpt_text(problem(path, 2, 5001))) == "E"
    # The other lines keep the same window: here, nothing of them is left in it.
    assert lines[0].text == "…" and lines[2].text == "…"


def test_a_long_line_cut_at_its_start_when_the_column_is_near_the_start(tmp_path):
    path = tmp_path / "long.yaml"
    path.write_text("key: " + "v" * 1000 + "\n", encoding="utf-8")
    own = excerpt_lines(problem(path, 1, 1))[0]
    assert own.marker == 0 and own.text.startswith("key: ") and own.text.endswith("…")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=400), line=st.integers(-2, 30), column=st.integers(-2, 300))
def test_any_file_and_position_give_an_excerpt_or_none_never_an_error(tmp_path, data, line, column):
    path = tmp_path / "any.yaml"
    path.write_bytes(data)
    lines = excerpt_lines(problem(path, line, column))
    assert len(lines) <= 5
    for shown in lines:
        assert shown.text.isprintable(), shown
        assert len(shown.text) <= WIDTH + 2
        if shown.marker is not None:
            assert shown.problem and 0 <= shown.marker <= len(shown.text)
    text = excerpt_text(problem(path, line, column))
    assert all(row.isprintable() for row in text.splitlines())
    assert "<" not in excerpt_html(problem(path, line, column)).replace("<pre", "").replace(
        "</pre", "").replace("<span", "").replace("</span", "").replace("<mark", "").replace("</mark", "")
