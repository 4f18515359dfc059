"""Valid FICTIONAL follow-ups build and show: status on the focus-area page and in the data.

`fixtures/build_follow_ups/fictional-follow-ups.yaml` holds invented follow-ups keyed by real
commitment ids; they are merged into a private copy of the content (never into content/).
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, copy_content, run_cli

FOLLOW_UPS = FIXTURES / "build_follow_ups" / "fictional-follow-ups.yaml"
FRICTIONLESS = Path(sys.executable).parent / "frictionless"


def add_follow_ups(content: Path) -> None:
    extra = yaml.safe_load(FOLLOW_UPS.read_text("utf-8"))
    merged = set()
    for path in sorted((content / "2021").glob("*.yaml")):
        if path.name == "promise.yaml":
            continue
        data = yaml.safe_load(path.read_text("utf-8"))
        for commitment in data["commitments"]:
            if commitment["id"] in extra:
                commitment.update(extra[commitment["id"]])
                merged.add(commitment["id"])
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    assert merged == set(extra), f"commitments not found in the content: {set(extra) - merged}"


class ElementText(HTMLParser):
    """The visible text inside the element with a given id."""

    VOID = {"br", "img", "hr", "input", "meta", "link", "wbr", "source", "area", "col"}

    def __init__(self, element_id: str) -> None:
        super().__init__(convert_charrefs=True)
        self.element_id, self.depth, self.parts = element_id, 0, []

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        if self.depth:
            self.depth += 1
        elif dict(attrs).get("id") == self.element_id:
            self.depth = 1

    def handle_endtag(self, tag):
        if self.depth and tag not in self.VOID:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.parts.append(data)


def element_text(page: Path, element_id: str) -> str:
    parser = ElementText(element_id)
    parser.feed(page.read_text("utf-8"))
    text = " ".join(" ".join(parser.parts).split())
    assert text, f"no element with id={element_id!r} in {page}"
    return text


def rows(site: Path, table: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO((site / "data" / f"{table}.csv").read_text("utf-8"))))


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("follow_ups")
    content = copy_content(tmp)
    add_follow_ups(content)
    result = run_cli("build", "--content", "content", "--out", "_site", cwd=tmp)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    return tmp / "_site"


def test_latest_status_shows_on_the_focus_area_page_in_both_languages(site):
    sv = element_text(site / "2021" / "trafiksakerhet" / "index.html", "2021-trafiksakerhet-1")
    en = element_text(site / "en" / "2021" / "trafiksakerhet" / "index.html", "2021-trafiksakerhet-1")
    assert "Försenad" in sv and "Delayed" in en
    assert "Påhittat skäl till förseningen" in sv
    assert "Invented reason for the delay" in en
    done = element_text(site / "2021" / "hot-spots" / "index.html", "2021-hot-spots-1")
    assert "Genomförd" in done
    untouched = element_text(site / "2021" / "hot-spots" / "index.html", "2021-hot-spots-2")
    assert "Ej bedömd" in untouched and "Genomförd" not in untouched


def test_commitments_csv_carries_the_latest_status(site):
    by_id = {r["commitment_id"]: r for r in rows(site, "commitments")}
    assert by_id["2021-trafiksakerhet-1"]["status"] == "delayed"
    assert by_id["2021-trafiksakerhet-1"]["status_date"] == "2021-08-31"
    assert float(by_id["2021-trafiksakerhet-1"]["target_value"]) == 12
    assert by_id["2021-hot-spots-1"]["status"] == "done"
    others = {k: r["status"] for k, r in by_id.items()
              if k not in ("2021-trafiksakerhet-1", "2021-hot-spots-1")}
    assert others and set(others.values()) == {"not_assessed"}, others


def test_follow_ups_csv_keeps_the_whole_history(site):
    every = {r["follow_up_id"]: r for r in rows(site, "follow_ups")}
    follow = {k: r for k, r in every.items() if r["level"] == "commitment"}
    # Kungsör's own 2023 follow-up reports on a focus area and the promise, with no status.
    assert {(k, r["level"], r["status"]) for k, r in every.items() if k not in follow} == {
        ("2023-ungdomsproblematik-uppfoljning", "focus_area", ""), ("2023-uppfoljning", "promise", "")}
    assert {k: r["status"] for k, r in follow.items()} == {
        "2021-fiktiv-trafik-1-t1": "in_progress",
        "2021-fiktiv-trafik-1-t2": "delayed",
        "2021-fiktiv-hot-spots-1-ar": "done",
    }
    assert follow["2021-fiktiv-trafik-1-t2"]["reason_sv"] == "Påhittat skäl till förseningen"
    actions = [a for a in rows(site, "actions") if a["follow_up_id"] in follow]
    assert [(a["follow_up_id"], a["count"]) for a in actions] == [
        ("2021-fiktiv-trafik-1-t1", "2"), ("2021-fiktiv-trafik-1-t1", "1")]
    real = [(a["count"], a["count_comparator"], a["date"], a["date_first"], a["date_last"])
            for a in rows(site, "actions") if a["follow_up_id"] == "2023-ungdomsproblematik-uppfoljning"]
    assert ("14", "at_least", "", "", "") in real  # "minst 14 tillfällen", no date beyond the report's
    assert ("4", "", "2023-02", "2023-02-01", "2023-02-28") in real  # "under februari"
    evidence = rows(site, "evidence")
    assert [e["url"] for e in evidence] == ["https://example.org/fiktiv/rapport-t1"]


def test_the_data_package_with_follow_ups_passes_frictionless(site):
    proc = subprocess.run([str(FRICTIONLESS), "validate", "--json",
                           str(site / "data" / "datapackage.json")],
                          capture_output=True, text=True, timeout=600)
    report = json.loads(proc.stdout)
    assert proc.returncode == 0 and report["valid"], json.dumps(report["errors"])[:3000]
