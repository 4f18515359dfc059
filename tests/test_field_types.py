"""Property tests of the field types every source value goes through (generator/sources/spec.py):
whatever the editor writes, a value is either accepted as what it claims to be or reported at
its own position with a message in both languages; the check never raises."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import messages
from generator.problems import Position, Problems
from generator.sources import formats
from generator.sources.located import LStr
from generator.sources.spec import (
    MAX_ID,
    Choice,
    Date,
    Email,
    HttpUrl,
    Id,
    ListOf,
    OrganisationNumber,
    Version,
    Year,
    luhn_ok,
    parse_date,
)

POS = Position("f.yaml", 3, 7)


def check(spec, text: str) -> Problems:
    problems = Problems()
    kept = spec.check(LStr(text, POS), POS, "field", problems)
    assert kept == text  # kept as written, whatever it is
    for problem in problems:
        assert problem.position == POS
        for lang in ("sv", "en"):
            assert problem.message(lang) and problem.hint(lang) is not None
    return problems


ANY_TEXT = st.text(max_size=120)


@settings(max_examples=300, deadline=None)
@given(ANY_TEXT)
def test_a_date_is_accepted_exactly_when_it_is_a_real_iso_day(text):
    problems = check(Date(), text)
    try:
        real = len(text) == 10 and dt.date.fromisoformat(text).isoformat() == text
    except ValueError:
        real = False
    assert (not problems) == real


@given(st.dates(min_value=dt.date(1000, 1, 1)))
def test_every_real_day_is_a_date(day):
    assert not check(Date(), day.isoformat())
    assert parse_date(day.isoformat()) == day


@pytest.mark.parametrize("text", ["2021-4-30", "2021/01/01", "2021-02-30", "yesterday", "20210101",
                                  "2021-01-01T00:00", " 2021-01-01", "２０２１-01-01"])
def test_dates_an_editor_might_write_are_refused(text):
    assert [p.code for p in check(Date(), text)] == ["bad_date"]


@settings(max_examples=300, deadline=None)
@given(ANY_TEXT)
def test_an_id_is_short_lower_case_ascii_and_hyphens(text):
    problems = check(Id(), text)
    ok = (0 < len(text) <= MAX_ID and text[0] in "abcdefghijklmnopqrstuvwxyz0123456789"
          and all(c in "abcdefghijklmnopqrstuvwxyz0123456789-" for c in text))
    assert (not problems) == ok


def test_a_long_id_says_how_long():
    [problem] = check(Id(), "a" * 300)
    assert problem.code == "id_too_long" and "300" in problem.message("en")


@settings(max_examples=300, deadline=None)
@given(ANY_TEXT)
def test_a_link_is_http_or_https_with_a_host(text):
    problems = check(HttpUrl(), text)
    if not problems:
        assert text.startswith(("http://", "https://"))
        assert not any(c.isspace() for c in text)


@pytest.mark.parametrize("text", ["javascript:alert(1)", "data:text/html,x", "//example.org",
                                  "https://", "ftp://example.org", "https://exa mple.org",
                                  "file:///etc/passwd", "JAVASCRIPT:alert(1)"])
def test_links_that_are_not_web_addresses_are_refused(text):
    assert [p.code for p in check(HttpUrl(), text)] == ["bad_url"]


@settings(max_examples=300, deadline=None)
@given(ANY_TEXT)
def test_an_email_has_one_at_and_a_dotted_domain_and_nothing_to_inject(text):
    problems = check(Email(), text)
    if not problems:
        local, _, domain = text.partition("@")
        assert local and "." in domain and "@" not in domain
        assert not any(c in text for c in " <>\"(),;:") and not any(c.isspace() for c in text)


@given(st.from_regex(r"[0-9]{9}", fullmatch=True), st.booleans())
def test_an_organisation_number_needs_its_check_digit(nine, hyphen):
    right = next(str(d) for d in range(10) if luhn_ok(nine + str(d)))
    wrong = str((int(right) + 1) % 10)
    for digit, ok in ((right, True), (wrong, False)):
        digits = nine + digit
        text = f"{digits[:6]}-{digits[6:]}" if hyphen else digits
        assert (not check(OrganisationNumber(), text)) == ok


def test_kungsors_organisation_number_is_valid():
    assert not check(OrganisationNumber(), "212000-2056")
    assert check(OrganisationNumber(), "212000-2057")


@settings(max_examples=200, deadline=None)
@given(ANY_TEXT)
def test_years_and_versions(text):
    assert (not check(Year(), text)) == (len(text) == 4 and text.isascii() and text.isdigit())
    parts = text.split(".")
    semver = len(parts) == 3 and all(p.isascii() and p.isdigit() and (p == "0" or p[0] != "0")
                                     for p in parts)
    assert (not check(Version(), text)) == semver


@pytest.mark.parametrize("label", ["pågår", "Pågår", "In progress", "in progress", " pågår "])
def test_a_status_label_suggests_its_code(label):
    [problem] = check(formats.STATUS, label)
    assert problem.code == "not_in_list_suggest"
    assert "in_progress" in problem.hint("sv") and "in_progress" in problem.hint("en")


@settings(max_examples=200, deadline=None)
@given(ANY_TEXT)
def test_a_choice_accepts_exactly_its_codes(text):
    choice = Choice(codes=("full", "partial", "none"))
    assert (not check(choice, text)) == (text in ("full", "partial", "none"))


@given(st.lists(st.sampled_from(["sv", "en"]), min_size=1, max_size=4))
def test_a_unique_list_reports_each_repeat_once(items):
    problems = Problems()
    values = [LStr(v, Position("f.yaml", i + 1, 3)) for i, v in enumerate(items)]
    from generator.sources.located import LList
    written = LList(values)
    written.pos = POS
    ListOf(formats.LANGUAGE, unique=True).check(written, POS, "languages", problems)
    repeats = [p for p in problems if p.code == "repeated_in_list"]
    assert len(repeats) == len(items) - len(set(items))


def test_every_message_of_the_field_types_exists_in_both_languages():
    for code in ("bad_date", "bad_year", "bad_id", "id_too_long", "bad_email", "bad_url",
                 "bad_organisation_number", "bad_version", "repeated_in_list", "language_not_built",
                 "not_in_list", "not_in_list_suggest"):
        sv, en = messages.MESSAGES[code]
        assert sv[0] and en[0] and sv != en
