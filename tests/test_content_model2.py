"""Content model 2 (docs/content-format-2.md) through the loader, the tables and validation:
what real reports say can be written without inventing anything, and mistakes in the new keys are
editor's errors at their line. The sources are the FICTIONAL fixture site, extended per test."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from generator.build import BuildOptions, BuildResult, check
from generator.sources.spec import period_bounds

FIXTURE = Path(__file__).parent / "fixtures" / "fictional-site"

AREA_REPORT = """
id: 2030-fiktiv-rapport
title:
  sv: Fiktivt område med rapport
  en: Fictional area with a report
theme: {theme}
commitments: not_stated
reports:
  - id: 2030-fiktiv-rapport-ar
    period: "2030"
    published: not_stated
    sources:
      - url: https://example.org/fiktiv-uppfoljning
        publisher: {publisher}
        published: 2031-01
    actions:
      - description:
          sv: Fiktiva skolbesök
          en: Fictional school visits
        date: 2030-02
        count:
          value: 14
          comparator: at_least
          unit:
            sv: tillfällen
            en: occasions
        actors: [{actor}]
        result:
          sv: Inga fiktiva fynd.
          en: No fictional finds.
      - description:
          sv: Fiktivt fältarbete
          en: Fictional field work
        count: 11
"""

def site(tmp_path: Path, theme: str = "trafik", publisher: str = "polisen",
         actor: str = "polisen") -> Path:
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    assert "  - id: trafik\n" in (content / "site.yaml").read_text(encoding="utf-8")  # its themes
    (content / "2030" / "2-fiktiv-rapport.yaml").write_text(
        "# FICTIONAL\n" + AREA_REPORT.format(theme=theme, publisher=publisher, actor=actor).lstrip(),
        encoding="utf-8")
    return content


def load(content: Path):
    result = BuildResult()
    loaded = check(BuildOptions(content_dir=content), result)
    return loaded, result.problems


def test_a_report_per_focus_area_is_read_with_its_actions_as_the_source_gives_them(tmp_path):
    loaded, problems = load(site(tmp_path))
    assert loaded is not None, [p.render("en") for p in problems.errors]
    content, tables = loaded
    area = next(a for p in content.promises for a in p.focus_areas if a.id == "2030-fiktiv-rapport")
    assert area.commitments == [] and not area.commitments_stated and area.theme == "trafik"
    [report] = area.reports
    assert (report.level, report.focus_area_id, report.commitment_id, report.status) == (
        "focus_area", "2030-fiktiv-rapport", None, None)
    first, second = report.actions
    assert (first.count.value, first.count.comparator) == ("14", "at_least")
    assert first.count.unit.sv == "tillfällen"
    assert first.actors == ["polisen"] and first.result.en == "No fictional finds."
    assert (second.count.value, second.count.comparator) == ("11", None)

    rows = {r["follow_up_id"]: r for r in tables["follow_ups"].rows}
    row = rows["2030-fiktiv-rapport-ar"]
    assert (row["level"], row["period_first"], row["period_last"], row["published"]) == (
        "focus_area", "2030-01-01", "2030-12-31", None)
    actions = [r for r in tables["actions"].rows if r["follow_up_id"] == "2030-fiktiv-rapport-ar"]
    assert [(a["date"], a["date_first"], a["date_last"], a["count"], a["count_comparator"])
            for a in actions] == [("2030-02", "2030-02-01", "2030-02-28", "14", "at_least"),
                                  (None, None, None, "11", None)]
    [area_row] = [r for r in tables["focus_areas"].rows if r["focus_area_id"] == "2030-fiktiv-rapport"]
    assert (area_row["commitments_stated"], area_row["theme_id"]) == ("false", "trafik")
    [source] = [r for r in tables["sources"].rows if r["owner_id"] == "2030-fiktiv-rapport-ar"]
    assert (source["published_first"], source["published_last"]) == ("2031-01-01", "2031-01-31")


@pytest.mark.parametrize("key, value, target", [
    ("theme", "okant-tema", "themes"),
    ("publisher", "okand-utgivare", "organisations"),
    ("actor", "okand-aktor", "organisations"),
])
def test_an_unknown_theme_publisher_or_actor_is_an_error_at_its_line(tmp_path, key, value, target):
    content = site(tmp_path, **{key: value})
    loaded, problems = load(content)
    assert loaded is None
    [error] = problems.errors
    assert error.position.path.endswith("2030/2-fiktiv-rapport.yaml") and error.position.line > 1
    assert value in error.message("en") and target in error.message("en")


def test_drafts_are_validated_but_not_published(tmp_path):
    content = site(tmp_path)
    promise = content / "2031" / "promise.yaml"
    promise.write_text(promise.read_text(encoding="utf-8") + "draft: true\n", encoding="utf-8")
    (loaded, _problems) = load(content)
    assert loaded is not None
    assert [p.id for p in loaded[0].promises] == ["2030"]
    assert {r["promise_id"] for r in loaded[1]["promises"].rows} == {"2030"}
    result = BuildResult()
    with_drafts = check(BuildOptions(content_dir=content, drafts=True), result)
    assert with_drafts is not None and [p.id for p in with_drafts[0].promises] == ["2030", "2031"]
    promise.write_text(promise.read_text(encoding="utf-8").replace("draft: true", "draft: kanske"),
                       encoding="utf-8")
    loaded, problems = load(content)
    assert loaded is None and [p.code[:11] for p in problems.errors] == ["not_in_list"]


def test_a_format_1_period_gets_the_new_notation_as_its_hint(tmp_path):
    content = site(tmp_path)
    area = content / "2030" / "1-trygghet.yaml"
    area.write_text(area.read_text(encoding="utf-8").replace("period: 2030-T1", "period: 2030 T1"),
                    encoding="utf-8")
    loaded, problems = load(content)
    [error] = problems.errors
    assert error.code == "period_format_1" and "2030-T1" in error.hint("sv")


@pytest.mark.parametrize("text, first, last", [
    ("2023-02-15", "2023-02-15", "2023-02-15"), ("2024-02", "2024-02-01", "2024-02-29"),
    ("2023", "2023-01-01", "2023-12-31"), ("2023-Q2", "2023-04-01", "2023-06-30"),
    ("2023-T3", "2023-09-01", "2023-12-31"), ("2023-HT", "2023-07-01", "2023-12-31"),
    ("2023-21", "2023-03-01", "2023-05-31"), ("2023-24", "2023-12-01", "2024-02-29"),
    ("2023-02/2023-Q2", "2023-02-01", "2023-06-30"),
])
def test_every_period_has_its_first_and_last_day(text, first, last):
    assert period_bounds(text) == (dt.date.fromisoformat(first), dt.date.fromisoformat(last))


@pytest.mark.parametrize("text", ["2023-13", "2023-Q5", "2023-T4", "2023-25", "2023-05/2023-02",
                                  "2023-02-30", "23-02", "våren 2023", "2023-VT-01"])
def test_what_is_not_a_period_has_no_days(text):
    assert period_bounds(text) is None
