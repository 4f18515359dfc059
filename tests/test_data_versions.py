"""Versions without bookkeeping: the build derives the next data version from what changed,
unless site.yaml pins one; published versions never change and stay online; every version is
listed with the day it was first published, in CHANGELOG.md, on the data page and on a page of
its own. The edits are FICTIONAL test edits of a copy of the content."""

from __future__ import annotations

import json

from conftest import run_cli

FICTIONAL_CHANGE = ("en: The schools", "en: The schools (FICTIONAL test edit)")
FICTIONAL_ORGANISATION = """
  - id: fiktiv-forening
    name:
      sv: Fiktiv förening (FICTIONAL test row)
      en: Fictional association (FICTIONAL test row)
    kind: other
"""
DAY_2 = "1796169600"  # 2026-12-02: the second release's day


def pin_version(content, version: str) -> int:
    """Pin `data_version`; the line it is written on."""
    site = content / "site.yaml"
    text = site.read_text(encoding="utf-8")
    assert "data_version" not in text, "the real content pins no version: update this test"
    site.write_text(text + f"data_version: {version}\n", encoding="utf-8")
    return text.count("\n") + 1


def edit_data(content) -> None:
    orgs = content / "organisations.yaml"
    text = orgs.read_text(encoding="utf-8")
    assert FICTIONAL_CHANGE[0] in text
    orgs.write_text(text.replace(*FICTIONAL_CHANGE), encoding="utf-8")


def add_row(content) -> None:
    orgs = content / "organisations.yaml"
    orgs.write_text(orgs.read_text(encoding="utf-8").rstrip("\n") + "\n" + FICTIONAL_ORGANISATION,
                    encoding="utf-8")


def snapshot(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def build(content, out, day: str | None = None):
    return run_cli("build", "--content", content, "--out", out,
                   env={"SOURCE_DATE_EPOCH": day} if day else None)


def versions(out) -> list[dict]:
    return json.loads((out / "data" / "versions.json").read_text(encoding="utf-8"))["versions"]


def test_two_releases_without_a_pin_give_two_versions_a_changelog_and_pages(content_copy, tmp_path):
    out = tmp_path / "site"
    assert build(content_copy, out).returncode == 0
    before = snapshot(out)
    assert [v["version"] for v in versions(out)] == ["1.0.0"]
    # Rebuilding the same sources on another day: same version, same day, same bytes.
    assert build(content_copy, out, DAY_2).returncode == 0
    assert snapshot(out) == before

    add_row(content_copy)  # rows added: MINOR
    result = build(content_copy, out, DAY_2)
    assert result.returncode == 0, result.stderr
    after = snapshot(out)
    assert [(v["version"], v["published"]) for v in versions(out)] == [
        ("1.1.0", "2026-12-02"), ("1.0.0", "2026-12-01")]
    assert {k: v for k, v in before.items() if k.startswith("data/v1.0.0/") and
            not k.endswith("index.html")}.items() <= after.items()  # carried over byte for byte
    assert "fiktiv-forening" in after["data/v1.1.0/organisations.csv"].decode("utf-8")
    assert after["data/organisations.csv"] == after["data/v1.1.0/organisations.csv"]
    package = json.loads(after["data/datapackage.json"])
    assert package["version"] == "1.1.0" and package["created"] == "2026-12-02T00:00:00Z"
    changelog = after["data/CHANGELOG.md"].decode("utf-8")
    assert "## 1.1.0 – publicerad / published 2026-12-02" in changelog
    assert "## 1.0.0 – publicerad / published 2026-12-01" in changelog
    assert "`organisations`: rader tillagda / rows added (1): `fiktiv-forening`" in changelog
    # the frozen 1.0.0 changelog knows only 1.0.0
    assert "1.1.0" not in after["data/v1.0.0/CHANGELOG.md"].decode("utf-8")
    for page in ("data/index.html", "en/data/index.html"):
        html = after[page].decode("utf-8")
        assert 'href="v1.1.0/"' in html or 'href="../../data/v1.1.0/"' in html, page
        assert "v1.0.0/" in html and "2026-12-02" in html and "2026-12-01" in html, page
    old_page = after["en/data/v1.0.0/index.html"].decode("utf-8")
    assert "Data version 1.0.0" in old_page and "The current version is" in old_page
    assert "organisations.csv" in old_page
    new_page = after["data/v1.1.0/index.html"].decode("utf-8")
    assert "organisations" in new_page and "1" in new_page

    edit_data(content_copy)  # a row changed: PATCH
    assert build(content_copy, out, DAY_2).returncode == 0
    assert versions(out)[0]["version"] == "1.1.1"
    assert versions(out)[0]["changes"][-1] == {"table": "organisations", "changed": ["skolan"]}


def test_a_pinned_version_is_used_and_a_real_conflict_is_refused(content_copy, tmp_path):
    out = tmp_path / "site"
    line = pin_version(content_copy, "3.0.0")
    assert build(content_copy, out).returncode == 0
    assert [v["version"] for v in versions(out)] == ["3.0.0"]
    before = snapshot(out)

    edit_data(content_copy)  # other data under the pinned, published 3.0.0: a real conflict
    result = build(content_copy, out, DAY_2)
    assert result.returncode == 1
    assert f"site.yaml:{line}:" in result.stderr  # the line of data_version itself
    assert "3.0.0" in result.stderr and "organisations.csv" in result.stderr
    assert "3.0.1" in result.stderr  # what the build would choose without the pin
    assert snapshot(out) == before  # the published site is untouched

    site = content_copy / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8").replace("data_version: 3.0.0",
                                                             "data_version: 2.5.0"), "utf-8")
    result = build(content_copy, out, DAY_2)
    assert result.returncode == 1 and "lower than the newest published version 3.0.0" in result.stderr

    site.write_text(site.read_text(encoding="utf-8").replace("data_version: 2.5.0",
                                                             "data_version: 4.0.0"), "utf-8")
    result = build(content_copy, out, DAY_2)
    assert result.returncode == 0, result.stderr
    assert [(v["version"], v.get("pinned")) for v in versions(out)] == [("4.0.0", True),
                                                                        ("3.0.0", True)]
    assert (out / "data" / "v3.0.0" / "organisations.csv").read_bytes() == \
        before["data/v3.0.0/organisations.csv"]


def test_a_site_published_before_versions_were_recorded_keeps_its_versions(content_copy,
                                                                            tmp_path):
    """Folders without versions.json: their day is unknown and said to be, never guessed."""
    out = tmp_path / "site"
    assert build(content_copy, out).returncode == 0
    (out / "data" / "versions.json").unlink()
    (out / "data" / "v1.0.0" / "versions.json").unlink()
    add_row(content_copy)
    assert build(content_copy, out, DAY_2).returncode == 0
    assert [(v["version"], v["published"]) for v in versions(out)] == [
        ("1.1.0", "2026-12-02"), ("1.0.0", None)]
    assert "day not recorded" in (out / "en" / "data" / "index.html").read_text(encoding="utf-8")


def test_a_preview_for_another_address_may_rebuild_changed_data(content_copy, tmp_path):
    """`serve` builds for http://127.0.0.1:…/ into one folder on every save: not a publication,
    so it reads no history and numbers nothing."""
    out = tmp_path / "preview"
    preview = ("--base-url", "http://127.0.0.1:8000/")
    assert run_cli("build", "--content", content_copy, "--out", out, *preview).returncode == 0
    edit_data(content_copy)
    result = run_cli("build", "--content", content_copy, "--out", out, *preview)
    assert result.returncode == 0, result.stderr
    assert "FICTIONAL test edit" in (out / "data" / "v1.0.0" / "organisations.csv").read_text(
        encoding="utf-8")


def test_validate_agrees_with_build_about_a_conflict(content_copy, tmp_path):
    out = tmp_path / "site"
    pin_version(content_copy, "1.2.3")
    assert build(content_copy, out).returncode == 0
    edit_data(content_copy)
    result = run_cli("validate", "--content", content_copy, "--out", out)
    assert result.returncode == 1 and "1.2.3" in result.stderr and "1.2.4" in result.stderr


def test_pinning_an_older_version_republishes_it_and_keeps_the_newer_one(content_copy, tmp_path):
    out = tmp_path / "site"
    original = snapshot(content_copy)
    assert build(content_copy, out).returncode == 0
    frozen = {k: v for k, v in snapshot(out).items()
              if k.startswith("data/v1.0.0/") and not k.endswith("index.html")}
    add_row(content_copy)
    assert build(content_copy, out, DAY_2).returncode == 0  # 1.1.0 on day 2
    changed = snapshot(content_copy)
    for rel, data in original.items():  # back to the first sources, pinned to their version
        (content_copy / rel).write_bytes(data)
    pin_version(content_copy, "1.0.0")
    result = build(content_copy, out, "1796256000")  # day 3: no new day is recorded
    assert result.returncode == 0, result.stderr
    after = snapshot(out)
    assert {k: after[k] for k in frozen} == frozen  # byte for byte
    assert after["data/organisations.csv"] == frozen["data/v1.0.0/organisations.csv"]
    page = after["en/data/index.html"].decode("utf-8")
    assert "1.1.0" in page and "1.0.0" in page and "2026-12-03" not in page
    assert "en/data/v1.1.0/index.html" in after

    for rel, data in changed.items():  # and forward again, unpinned: 1.1.0 with its own day
        (content_copy / rel).write_bytes(data)
    assert build(content_copy, out, "1796256000").returncode == 0
    assert [(v["version"], v["published"]) for v in versions(out)] == [
        ("1.1.0", "2026-12-02"), ("1.0.0", "2026-12-01")]
