"""`new-year` through the command line: the draft builds, TODOs are warnings (errors with --strict),
and nothing about one year's signing or follow-ups is carried into the next.

The follow-up added to the content copy below is fictional test data, not a Kungsör outcome.
"""

from __future__ import annotations

import csv
import json

import yaml

from conftest import REPO, copy_content, run_cli, with_fictional_statement

FICTIONAL_FOLLOW_UP = """
      - id: 2021-skolmiljo-1-fiktiv
        date: 2021-06-30
        period: 2021-T1
        status: delayed
        reason:
          sv: Fiktivt skäl för testet
          en: Fictional reason for the test
"""


def new_year(content, *extra):
    return run_cli("new-year", "2022", "--content", content, *extra)


def test_new_year_builds_with_exit_0_and_carries_the_structure_over(tmp_path):
    content = copy_content(tmp_path)
    result = new_year(content)
    assert result.returncode == 0, result.stderr
    assert "Created" in result.stdout and "TODO" in result.stdout

    made = content / "2022"
    assert sorted(p.name for p in made.iterdir()) == sorted(p.name for p in (content / "2021").iterdir())
    promise = yaml.safe_load((made / "promise.yaml").read_text(encoding="utf-8"))
    assert promise["id"] == "2022"
    assert promise["start_year"] == 2022 and promise["end_year"] == 2022
    assert promise["title"]["sv"] == "Medborgarlöften 2022"
    assert promise["signatories"] == [] and promise.get("statements", []) == []
    assert promise["signed_date"] is None
    assert "TODO" in promise["signing"]["sv"] and "TODO" in promise["headline"]["en"]

    area = yaml.safe_load((made / "1-skolmiljo.yaml").read_text(encoding="utf-8"))
    assert area["id"] == "2022-skolmiljo"
    assert [c["id"] for c in area["commitments"]] == ["2022-skolmiljo-1", "2022-skolmiljo-2"]
    assert all(c["text"]["sv"].startswith("TODO") for c in area["commitments"])
    assert "2021" not in area["commitments"][0]["text"]["sv"]  # "under 2021" became "under 2022"
    assert area["commitments"][0]["responsible"] == ["polisen", "skolan", "socialtjansten",
                                                     "sakerhetssamordnare"]

    assert yaml.safe_load((content / "2022" / "promise.yaml").read_text(encoding="utf-8"))["draft"] is True
    out = tmp_path / "_site"
    built = run_cli("build", "--content", content, "--out", out)
    assert built.returncode == 0, built.stderr
    assert not (out / "2022").exists()  # a draft: validated, never published by a plain build
    with (out / "data" / "promises.csv").open(encoding="utf-8") as handle:
        assert "2022" not in {row["promise_id"] for row in csv.DictReader(handle)}
    drafts = tmp_path / "_drafts"
    built = run_cli("build", "--content", content, "--out", drafts, "--drafts")
    assert built.returncode == 0, built.stderr
    assert (drafts / "2022" / "index.html").is_file()
    assert (drafts / "2022" / "skolmiljo" / "index.html").is_file()


def test_follow_ups_are_dropped_so_every_status_starts_again(tmp_path):
    content = copy_content(tmp_path)
    source = content / "2021" / "1-skolmiljo.yaml"
    text = source.read_text(encoding="utf-8")
    text = text.replace("    follow_ups: []\n", "    follow_ups:" + FICTIONAL_FOLLOW_UP, 1)
    source.write_text(text, encoding="utf-8")
    assert run_cli("validate", "--content", content).returncode == 0

    assert new_year(content).returncode == 0
    area = yaml.safe_load((content / "2022" / "1-skolmiljo.yaml").read_text(encoding="utf-8"))
    assert all(c["follow_ups"] == [] for c in area["commitments"])
    assert "fiktiv" not in (content / "2022" / "1-skolmiljo.yaml").read_text(encoding="utf-8").lower()

    out = tmp_path / "_site"
    assert run_cli("build", "--content", content, "--out", out, "--drafts").returncode == 0
    with (out / "data" / "commitments.csv").open(encoding="utf-8") as handle:
        rows = {row["commitment_id"]: row for row in csv.DictReader(handle)}
    assert rows["2021-skolmiljo-1"]["status"] == "delayed"
    assert rows["2022-skolmiljo-1"]["status"] == "not_assessed"


def test_validate_reports_each_todo_as_a_warning_with_its_line(tmp_path):
    content = copy_content(tmp_path)
    assert new_year(content).returncode == 0
    result = run_cli("validate", "--content", content, "--format", "json")
    assert result.returncode == 0, result.stdout
    payload = json.loads(result.stdout)
    assert payload["ok"] is True
    todos = [p for p in payload["problems"] if p["code"] == "todo_remaining"]
    assert todos and all(p["severity"] == "warning" for p in todos)
    for problem in todos:
        path = REPO / problem["path"]  # paths are shown relative to where the command ran
        line = open(path, encoding="utf-8").read().splitlines()[problem["line"] - 1]
        assert "TODO" in line[problem["column"] - 1:], (problem, line)
    files = {p["path"].rsplit("/", 1)[-1] for p in todos}
    assert {"promise.yaml", "1-skolmiljo.yaml", "2-hot-spots.yaml", "3-trafiksakerhet.yaml"} <= files

    text = run_cli("validate", "--content", content)
    assert "warning: TODO left to replace" in text.stderr
    assert "2022/promise.yaml:" in text.stderr


def test_strict_turns_remaining_todos_into_errors(tmp_path):
    content = copy_content(tmp_path)
    assert new_year(content).returncode == 0
    result = run_cli("validate", "--content", content, "--strict")
    assert result.returncode == 1
    assert "TODO left to replace" in result.stderr and "warning:" not in result.stderr
    assert run_cli("build", "--content", content, "--out", tmp_path / "o", "--strict").returncode == 1


def test_replacing_every_todo_clears_the_warnings(tmp_path):
    content = with_fictional_statement(copy_content(tmp_path))  # its only other warnings
    assert new_year(content).returncode == 0
    for path in (content / "2022").iterdir():
        text = path.read_text(encoding="utf-8")
        # a TODO in a comment is a note, not a problem; only values are reported
        path.write_text(text.replace("TODO: ", "").replace(": TODO\n", ": Klar\n"), encoding="utf-8")
    result = run_cli("validate", "--content", content, "--strict")
    assert result.returncode == 0, result.stderr
    assert "TODO" in (content / "2022" / "promise.yaml").read_text(encoding="utf-8")  # comments


def test_an_existing_year_is_never_overwritten(tmp_path):
    content = copy_content(tmp_path)
    assert new_year(content).returncode == 0
    marker = content / "2022" / "promise.yaml"
    marker.write_text(marker.read_text(encoding="utf-8") + "# editor's work\n", encoding="utf-8")
    again = new_year(content)
    assert again.returncode == 1
    assert "content/2022: the folder for 2022 already exists" in again.stderr
    assert "# editor's work" in marker.read_text(encoding="utf-8")
    assert "Traceback" not in again.stderr


def test_a_missing_source_year_and_a_bad_year_are_clear_errors(tmp_path):
    content = copy_content(tmp_path)
    missing = new_year(content, "--from", "2019")
    assert missing.returncode == 1
    assert "there is no promise.yaml for 2019" in missing.stderr
    assert not (content / "2022").exists()

    swedish = run_cli("new-year", "2022", "--from", "2019", "--content", content, "--lang", "sv")
    assert "det finns ingen promise.yaml för 2019" in swedish.stderr

    bad = run_cli("new-year", "22", "--content", content)
    assert bad.returncode == 2 and "four digits" in bad.stderr

    nothing_before = run_cli("new-year", "2020", "--content", content)
    assert nothing_before.returncode == 1
    assert "there is no earlier year to start from" in nothing_before.stderr


def test_a_broken_source_year_stops_new_year_with_its_problems(tmp_path):
    content = copy_content(tmp_path)
    path = content / "2021" / "2-hot-spots.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("goal:", "gaol:", 1), encoding="utf-8")
    result = new_year(content)
    assert result.returncode == 1
    assert "2-hot-spots.yaml:" in result.stderr and "unknown key 'gaol'" in result.stderr
    assert not (content / "2022").exists()
    assert not list(content.glob(".new-year-*"))


def test_validate_json_is_machine_readable(tmp_path):
    content = copy_content(tmp_path)
    path = content / "2021" / "1-skolmiljo.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("responsible: [polisen,",
                                                              "responsible: [polisen-x,", 1),
                    encoding="utf-8")
    result = run_cli("validate", "--content", content, "--format", "json", "--lang", "sv")
    assert result.returncode == 1
    payload = json.loads(result.stdout)
    assert payload["ok"] is False
    problem = next(p for p in payload["problems"] if p["severity"] == "error")
    assert set(problem) >= {"path", "line", "column", "field", "severity", "code", "message", "hint"}
    assert problem["path"].endswith("1-skolmiljo.yaml") and problem["line"] > 0
    assert "polisen-x" in problem["message"]
