"""Every line the command line prints is in one language, the one `--lang` (or the environment)
chooses: its help and argparse's own words, usage errors, the summary with plural forms, and
PyYAML's problem texts inside Swedish messages."""

from __future__ import annotations

import ast
import re

import pytest
import yaml
from babel.messages.pofile import read_po
from conftest import REPO, copy_content, run_cli, with_fictional_statement

from generator import cli
from generator.catalogue import YAML_DETAILS, YAML_UNKNOWN, po_path, yaml_detail
from generator.problems import Problems
from generator.sources.located import load_yaml

COMMANDS = ["build", "validate", "serve", "new-year"]
# Words of one language that must not show in the other's help and usage errors.
ENGLISH = ["usage", "options", "optional arguments", "positional arguments", "show this help",
           "example", "default", "error:", "the following arguments", "invalid choice", "argument ",
           "folder", "the site", "write nothing", "language of messages", "DIR", "YEAR", "COMMAND",
           "version and exit", "is not a port"]
SWEDISH = ["användning", "flaggor", "exempel", "standard", "fel:", "måste anges", "ogiltigt val",
           "argumentet", "mappen", "webbplatsen", "skriv ingenting", "meddelandenas", "MAPP", "ÅR",
           "KOMMANDO", "avsluta", "ingen port"]
# PyYAML's English, as it would show in a Swedish message.
YAML_ENGLISH = re.compile(r"\b(found|expected|mapping|token|stream|scalar|while|could not|did not|"
                          r"allowed|document|character|alias|anchor|indentation|key)\b")


def catalogue():
    with po_path("sv").open("rb") as handle:
        return read_po(handle, locale="sv_SE")


def cli_output(capsys, *args: str) -> tuple[int, str]:
    """`medborgarloften ARGS` in this process: its exit code and everything it printed."""
    try:
        code = cli.main(list(args))
    except SystemExit as exit_:  # --help and usage errors
        code = exit_.code if isinstance(exit_.code, int) else 1
    out, err = capsys.readouterr()
    return code, out + err


def words_of(language: str) -> list[str]:
    return SWEDISH if language == "sv" else ENGLISH


def assert_one_language(text: str, lang: str) -> None:
    other = "en" if lang == "sv" else "sv"
    found = [word for word in words_of(other) if word in text]
    assert not found, f"{other} words {found} in --lang {lang}:\n{text}"


# -- help and usage errors ------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help_is_in_the_chosen_language_only(capsys, command, lang):
    code, text = cli_output(capsys, *([command] if command else []), "--help", "--lang", lang)
    assert code == 0, text
    assert_one_language(text, lang)
    assert text.startswith("användning: " if lang == "sv" else "usage: ")
    assert ("exempel:" if lang == "sv" else "example:") in text


@pytest.mark.parametrize("command", COMMANDS)
def test_swedish_help_shows_no_english_message_id_of_the_catalogue(capsys, command):
    """Whatever the catalogue translates must not show untranslated: a new help text without a
    Swedish translation, or an argparse word the catalogue misses, would."""
    code, text = cli_output(capsys, command, "--help", "--lang", "sv")
    assert code == 0
    for message in catalogue():
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        swedish = set(message.string) if isinstance(message.string, tuple) else {message.string}
        for english in ids:
            if english and len(english) > 6 and english not in swedish:
                assert english.replace("%(num)s ", "") not in text, english


@pytest.mark.parametrize("spelling", [["--lang", "sv"], ["--lang=sv"], ["--la", "sv"]])
def test_the_language_is_known_before_parsing_however_it_is_written(capsys, spelling):
    code, text = cli_output(capsys, "validate", "--format", "xml", *spelling)
    assert code == 2
    assert "användning: medborgarloften validate" in text
    assert "ogiltigt val: 'xml'" in text
    assert_one_language(text, "sv")


def test_the_environment_chooses_the_help_language_without_lang():
    swedish = run_cli("serve", "--help", env={"MEDBORGARLOFTEN_LANG": "sv_SE.UTF-8"})
    english = run_cli("serve", "--help", env={"MEDBORGARLOFTEN_LANG": "en_GB.UTF-8"})
    assert swedish.returncode == english.returncode == 0
    assert_one_language(swedish.stdout, "sv")
    assert_one_language(english.stdout, "en")
    assert "porten, från 1 till 65535" in swedish.stdout


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("args", [
    [],                                        # no command
    ["bogus"],                                 # unknown command
    ["build", "--no-such-option"],             # unknown option
    ["validate", "--lang", "fi"],              # a language we do not speak (the environment's then)
    ["validate", "--format", "xml"],           # an unknown format
    ["new-year"],                              # a required argument missing
    ["new-year", "22"],                        # a year of two digits
])
def test_usage_errors_are_in_the_chosen_language(args, lang):
    result = run_cli(*args, env={"MEDBORGARLOFTEN_LANG": lang})
    assert result.returncode == 2, result.stderr
    assert_one_language(result.stderr, lang)
    assert ("fel:" if lang == "sv" else "error:") in result.stderr
    assert "Traceback" not in result.stderr


def test_argparse_speaks_english_again_after_a_swedish_run(capsys):
    cli_output(capsys, "validate", "--help", "--lang", "sv")
    code, text = cli_output(capsys, "validate", "--help", "--lang", "en")
    assert text.startswith("usage: ")
    assert_one_language(text, "en")


# -- serve --port ---------------------------------------------------------------------------------

@pytest.fixture
def no_server(monkeypatch):
    """`serve` itself replaced: a port the check lets through fails the test instead of listening."""
    import generator.commands.serve

    def refuse(options, problems):
        raise AssertionError(f"serve started on port {options.port}")

    monkeypatch.setattr(generator.commands.serve, "serve", refuse)
    monkeypatch.setenv("MEDBORGARLOFTEN_DEBUG", "1")  # the AssertionError, not an internal error


@pytest.mark.parametrize("port", ["99999", "65536", "-1", "0", "abc", "80.5", "", "²"])
def test_a_port_outside_1_to_65535_is_a_usage_error(capsys, no_server, port):
    for lang, words in (("en", "is not a port: give a whole number from 1 to 65535"),
                        ("sv", "är ingen port: ange ett heltal från 1 till 65535")):
        code, text = cli_output(capsys, "serve", f"--port={port}", "--lang", lang)
        assert code == 2, text
        assert f"argument{'et' if lang == 'sv' else ''} --port: '{port}' {words}" in text
        assert_one_language(text, lang)


def test_port_minus_one_as_a_separate_word_is_refused_too(capsys, no_server):
    code, text = cli_output(capsys, "serve", "--port", "-1", "--lang", "sv")
    assert code == 2
    assert "'-1' är ingen port" in text


@pytest.mark.parametrize("port", ["1", "8000", "65535"])
def test_a_port_from_1_to_65535_is_taken(port):
    args = cli._parser("sv").parse_args(["serve", "--port", port])
    assert args.port == int(port)


# -- the summary and the build's last line ------------------------------------------------------

@pytest.mark.parametrize("errors, warnings, sv, en", [
    (0, 0, "Inga fel.", "No errors."),
    (0, 1, "Inga fel, 1 varning.", "No errors, 1 warning."),
    (0, 18, "Inga fel, 18 varningar.", "No errors, 18 warnings."),
    (1, 0, "1 fel, inga varningar.", "1 error, no warnings."),
    (1, 1, "1 fel, 1 varning.", "1 error, 1 warning."),
    (2, 3, "2 fel, 3 varningar.", "2 errors, 3 warnings."),
])
def test_the_summary_has_plural_forms(errors, warnings, sv, en):
    assert cli.summary(errors, warnings, "sv") == sv
    assert cli.summary(errors, warnings, "en") == en


def warning_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if ": varning: " in line or ": warning: " in line]


@pytest.mark.parametrize("lang, last", [("sv", "Inga fel, 4 varningar."), ("en", "No errors, 4 warnings.")])
def test_validate_with_warnings_only_says_so_in_one_line(lang, last):
    from sitecheck import FICTIONAL

    result = run_cli("validate", "--content", FICTIONAL, "--lang", lang)
    assert result.returncode == 0, result.stderr
    lines = (result.stdout + result.stderr).splitlines()
    assert len(warning_lines(result.stderr)) == 4
    assert lines[-1] == last
    assert not [line for line in lines if re.search(r"\b0 (fel|errors)|^(Inga fel|No errors)\.$", line)]
    assert_one_language(result.stdout + result.stderr, lang)


def test_validate_without_problems_says_no_errors(tmp_path):
    # the real content, with a FICTIONAL complete accessibility statement (see conftest)
    content = with_fictional_statement(copy_content(tmp_path))
    result = run_cli("validate", "--content", content, "--lang", "sv")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "Inga fel."


@pytest.mark.parametrize("lang, line", [
    ("sv", r"^Byggde \d+ sidor och \d+ filer till \S+$"),
    ("en", r"^Built \d+ pages and \d+ files into \S+$"),
])
def test_the_build_line_is_in_the_chosen_language(tmp_path, lang, line):
    from sitecheck import FICTIONAL

    result = run_cli("build", "--content", FICTIONAL, "--out", tmp_path / "_site", "--lang", lang)
    assert result.returncode == 0, result.stderr
    assert re.match(line, result.stdout.strip()), result.stdout
    assert_one_language(result.stdout + result.stderr, lang)


def test_the_build_line_has_plural_forms(monkeypatch, capsys, tmp_path):
    """One page and one file: `build` itself is replaced, the line is the command line's own."""
    import generator.build

    def one_of_each(options):
        result = generator.build.BuildResult()
        result.pages, result.files = 1, 1
        return result

    monkeypatch.setattr(generator.build, "build", one_of_each)
    for lang, expected in (("sv", "Byggde 1 sida och 1 fil till "), ("en", "Built 1 page and 1 file into ")):
        code, text = cli_output(capsys, "build", "--content", str(tmp_path / "content"), "--out",
                                str(tmp_path / "_site"), "--lang", lang)
        assert code == 0, text
        assert text.startswith(expected), text


def test_a_failed_build_says_nothing_was_published_in_swedish(tmp_path):
    content = with_fictional_statement(copy_content(tmp_path))  # no statement warnings
    (content / "organisations.yaml").write_text('a: "unclosed\n', encoding="utf-8")
    result = run_cli("build", "--content", content, "--out", tmp_path / "_site", "--lang", "sv")
    assert result.returncode == 1
    assert result.stderr.splitlines()[-2:] == [
        "1 fel, inga varningar.", "Inget publicerades; den tidigare webbplatsen är orörd."]


@pytest.mark.parametrize("lang, words", [("sv", "internt fel"), ("en", "internal error")])
def test_an_internal_error_is_reported_in_the_chosen_language(monkeypatch, capsys, lang, words):
    def broken(args, lang):
        raise ZeroDivisionError("division by zero")

    monkeypatch.delenv("MEDBORGARLOFTEN_DEBUG", raising=False)
    monkeypatch.setattr(cli, "_validate", broken)
    code, text = cli_output(capsys, "validate", "--lang", lang)
    assert code == 1
    assert words in text and "ZeroDivisionError" in text


# -- PyYAML's problem texts -----------------------------------------------------------------------

BROKEN_YAML = [
    'a: "abc\n', "a: 'abc\n", "a: b: c\n", "a:\n  - b\n c: d\n", "a: [1, 2\n", "a: {1, 2\n",
    "a: @x\n", "a: `x\n", '"a": "\\q"\n', "a: !<x\n", "%FOO\n---\na: 1\n", "- a\nb: c\n",
    "a: |0\n x\n", "a\nb: c\n", "a: b\n- c\n", "key: [a, b]]\n", "a: 'b'c\n", "a: &  1\n",
    "a: *\n", "'a\n---\n", "a: !!str !!int 1\n", "a: 1\n  b: 2\n", "[a, b\n", "{a: b\n",
]


@pytest.mark.parametrize("text", BROKEN_YAML)
def test_a_yaml_syntax_error_in_swedish_has_no_english(text):
    problems = Problems()
    load_yaml(text, "f.yaml", problems)
    syntax = [p for p in problems.sorted() if p.code == "yaml_syntax"]
    if not syntax:
        pytest.skip(f"{text!r} is refused by another check: {[p.code for p in problems.sorted()]}")
    for problem in syntax:
        swedish, english = problem.render("sv"), problem.render("en")
        assert not YAML_ENGLISH.search(swedish.split("YAML-filen går inte att läsa:", 1)[1]), swedish
        assert problem.params["detail"] in english  # English keeps PyYAML's own words
        assert "YAML-syntaxen är felaktig här" not in swedish, f"a known text not translated: {english}"


def pyyaml_details(text: str) -> list[str]:
    """The problem texts both parsers (libyaml's and PyYAML's own) give for `text`."""
    found = []
    loaders = [yaml.SafeLoader] + ([yaml.CSafeLoader] if yaml.__with_libyaml__ else [])
    for loader in loaders:
        try:
            yaml.compose(text, Loader=loader)
        except yaml.MarkedYAMLError as exc:
            found += [detail for detail in (exc.problem, exc.context) if detail]
    return found


@pytest.mark.parametrize("text", BROKEN_YAML)
def test_every_pyyaml_text_of_both_parsers_has_a_swedish_translation(text):
    for detail in pyyaml_details(text):
        swedish = yaml_detail(" ".join(detail.split()), "sv")
        assert swedish != yaml_detail("no such text", "sv"), f"not in YAML_DETAILS: {detail!r}"
        assert not YAML_ENGLISH.search(swedish), (detail, swedish)


def test_an_unknown_yaml_text_is_a_swedish_sentence_and_english_stays_as_it_was():
    assert yaml_detail("something PyYAML may say one day", "sv") == "YAML-syntaxen är felaktig här"
    assert yaml_detail("something PyYAML may say one day", "en") == "something PyYAML may say one day"
    assert yaml_detail("found character '@' that cannot start any token", "sv") == \
        "ett värde kan inte börja med tecknet '@' utan citattecken"


def test_a_yaml_syntax_error_through_the_command_line(tmp_path):
    content = copy_content(tmp_path)
    (content / "organisations.yaml").write_text("organisations:\n  - id: a\n   name: b\n", encoding="utf-8")
    result = run_cli("validate", "--content", content, "--lang", "sv")
    assert result.returncode == 1
    line = next(line for line in result.stderr.splitlines() if "organisations.yaml:" in line)
    assert "YAML-filen går inte att läsa:" in line
    assert not YAML_ENGLISH.search(line.split("YAML-filen går inte att läsa:", 1)[1]), line


# -- the catalogue --------------------------------------------------------------------------------

def test_every_message_of_the_catalogue_is_translated_and_keeps_its_placeholders():
    catalog = catalogue()
    untranslated = [m.id for m in catalog if m.id and not all(m.string if isinstance(m.string, tuple)
                                                                 else [m.string])]
    assert not untranslated
    issues = [(m.id, [str(i) for i in found]) for m, found in catalog.check()]
    assert not issues


def cli_strings() -> set[str]:
    """The literals cli.py passes to `_`, `gettext` and `ngettext`."""
    tree = ast.parse((REPO / "generator" / "cli.py").read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name in ("_", "gettext", "ngettext") and node.args and isinstance(node.args[0], ast.Constant):
                found.add(node.args[0].value)
    return found


def test_every_string_the_command_line_translates_is_in_the_catalogue():
    ids = {m.id if isinstance(m.id, str) else m.id[0] for m in catalogue()}
    strings = cli_strings()
    assert "usage: " in ids and len(strings) > 20  # the scan finds real uses
    assert not strings - ids
    assert not {msgid for _, msgid in YAML_DETAILS} - ids
    assert YAML_UNKNOWN in ids


def test_new_year_counts_with_plural_forms(monkeypatch, capsys):
    from types import SimpleNamespace

    import generator.commands.new_year

    def one_of_each(content, year, source, problems):
        return SimpleNamespace(folder="content/2022", source="content/2021", files=1, todos=1)

    monkeypatch.setattr(generator.commands.new_year, "create", one_of_each)
    _, english = cli_output(capsys, "new-year", "2022", "--lang", "en")
    _, swedish = cli_output(capsys, "new-year", "2022", "--lang", "sv")
    assert "content/2022 from content/2021: 1 file, 1 TODO to replace." in english
    assert "content/2022 från content/2021: 1 fil, 1 TODO att ersätta." in swedish
