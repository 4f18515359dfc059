"""The accessibility statement: every item Digg requires that site.yaml leaves empty is a
warning at its line, in Swedish and English, an error under --strict; `validate` and `build`
say the same; the page describes the site (as stated by the municipality), never fills in what
it has not stated, and says nothing about the generator's own tests.

The real Kungsör content states none of the items yet, so its build warns (exit 0) and its
strict build fails: that is intended until the municipality has made its statement."""

from __future__ import annotations

import re

import pytest

from conftest import CONTENT, FIXTURES, copy_content, run_cli, with_fictional_statement

REQUIRED = ["compliance", "known_gaps", "assessment_method", "assessed_on", "statement_prepared"]


def statement_warnings(stderr: str) -> dict[str, str]:
    """{key: 'site.yaml:line'} of each statement problem."""
    found = {}
    for line in stderr.splitlines():
        match = re.match(r"(\S*site\.yaml:\d+):\d+: (?:warning: |varning: )?accessibility\.(\w+): ", line)
        if match:
            found[match.group(2)] = match.group(1)
    return found


def site_line(key: str) -> int:
    lines = (CONTENT / "site.yaml").read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if line.startswith(f"  {key}:"))


@pytest.mark.parametrize("command", ["validate", "build"])
def test_the_real_content_warns_once_per_missing_item_at_its_line(command, tmp_path):
    args = ["--out", tmp_path / "_site"] if command == "build" else []
    result = run_cli(command, "--content", CONTENT, *args, cwd=tmp_path)
    assert result.returncode == 0, result.stderr  # warnings only: the README's build still works
    found = statement_warnings(result.stderr)
    assert sorted(found) == sorted(REQUIRED)
    for key, where in found.items():
        assert where.endswith(f"site.yaml:{site_line(key)}"), (key, where)
    assert "warning: accessibility.compliance: the accessibility statement does not say how far" \
        in result.stderr


def test_validate_and_build_agree_and_strict_refuses(tmp_path):
    checked = run_cli("validate", "--content", CONTENT, "--lang", "sv")
    built = run_cli("build", "--content", CONTENT, "--out", tmp_path / "a", "--lang", "sv")
    assert statement_warnings(checked.stderr) == statement_warnings(built.stderr)
    assert "varning: accessibility.known_gaps: tillgänglighetsredogörelsen räknar inte upp" in checked.stderr
    strict = run_cli("build", "--content", CONTENT, "--out", tmp_path / "b", "--strict")
    assert strict.returncode == 1
    assert sorted(statement_warnings(strict.stderr)) == sorted(REQUIRED)
    assert "warning: accessibility" not in strict.stderr  # errors now
    assert not (tmp_path / "b").exists()
    assert run_cli("validate", "--content", CONTENT, "--strict").returncode == 1


def test_a_complete_statement_gives_no_warning_and_the_page_says_it(tmp_path):
    content = with_fictional_statement(copy_content(tmp_path))
    out = tmp_path / "_site"
    result = run_cli("build", "--content", content, "--out", out)
    assert result.returncode == 0 and not statement_warnings(result.stderr), result.stderr
    page = (out / "en/accessibility/index.html").read_text(encoding="utf-8")
    for said in ("partially compliant", "A fictional gap (test data).",
                 "A fictional self-assessment (test data).", "last assessed on 1 May 2031",
                 "This statement was made on 2 May 2031."):
        assert said in page, said


def test_the_page_says_what_is_not_stated_and_nothing_about_the_generators_tests(kungsor_site):
    page = (kungsor_site / "tillganglighet/index.html").read_text(encoding="utf-8")
    main = page[page.index("<main"):page.index("</main>")]
    for unstated in ("har ännu inte angett i vilken utsträckning",
                     "har ännu inte angett vilket innehåll", "har ännu inte angett hur webbplatsen granskades",
                     "har ännu inte angett när webbplatsen granskades",
                     "När redogörelsen upprättades har ännu inte angetts."):
        assert unstated in main, unstated
    for generator_words in ("axe", "Nu Html", "Chromium", "generator", "JavaScript"):
        assert generator_words not in main, generator_words
    assert 'href="https://www.digg.se/' in main  # the link to Digg's supervision


def test_none_known_is_a_statement_and_contradicts_partial_compliance(tmp_path):
    content = with_fictional_statement(copy_content(tmp_path))
    site = content / "site.yaml"
    text = site.read_text(encoding="utf-8")
    gaps = "  known_gaps:\n    - sv: Fiktiv brist (testdata).\n      en: A fictional gap (test data).\n"
    assert gaps in text
    site.write_text(text.replace(gaps, "  known_gaps: none_known\n").replace(
        "compliance: partial", "compliance: full"), encoding="utf-8")
    out = tmp_path / "_site"
    result = run_cli("build", "--content", content, "--out", out)
    assert result.returncode == 0 and not statement_warnings(result.stderr), result.stderr
    page = (out / "en/accessibility/index.html").read_text(encoding="utf-8")
    assert "knows of no content on this website that is not accessible" in page
    site.write_text(site.read_text(encoding="utf-8").replace("compliance: full", "compliance: partial"),
                    encoding="utf-8")
    result = run_cli("validate", "--content", content)
    assert "accessibility.known_gaps: compliance is partial but known_gaps says no gaps are known" \
        in result.stderr


def test_without_any_way_to_report_the_contact_is_missing_too(tmp_path):
    content = with_fictional_statement(copy_content(tmp_path))
    site = content / "site.yaml"
    text = site.read_text(encoding="utf-8")
    text = re.sub(r"^  (phone|email):.*\n", "", text, flags=re.MULTILINE)
    site.write_text(text, encoding="utf-8")
    result = run_cli("validate", "--content", content)
    assert list(statement_warnings(result.stderr)) == ["report_email"], result.stderr


def test_the_fictional_fixture_states_everything():
    result = run_cli("validate", "--content", FIXTURES / "fictional-site")
    assert not statement_warnings(result.stderr), result.stderr
