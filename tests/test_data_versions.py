"""Versioned copies never change once published; older versions stay online."""

from __future__ import annotations

from conftest import run_cli

FICTIONAL_CHANGE = ("en: The schools", "en: The schools (FICTIONAL test edit)")


def set_version(content, version: str) -> None:
    site = content / "site.yaml"
    text = site.read_text(encoding="utf-8")
    assert "data_version: 2.0.0" in text
    site.write_text(text.replace("data_version: 2.0.0", f"data_version: {version}"),
                    encoding="utf-8")


def edit_data(content) -> None:
    orgs = content / "organisations.yaml"
    orgs.write_text(orgs.read_text(encoding="utf-8").replace(*FICTIONAL_CHANGE), encoding="utf-8")


def snapshot(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_changed_data_under_a_published_version_stops_the_build(content_copy, tmp_path):
    out = tmp_path / "site"
    assert run_cli("build", "--content", content_copy, "--out", out).returncode == 0
    before = snapshot(out)
    # Rebuilding the same sources is fine: same version, same bytes.
    assert run_cli("build", "--content", content_copy, "--out", out).returncode == 0
    assert snapshot(out) == before

    edit_data(content_copy)
    result = run_cli("build", "--content", content_copy, "--out", out)
    assert result.returncode == 1
    assert "site.yaml" in result.stderr and "data_version" in result.stderr
    assert "2.0.0" in result.stderr and "organisations.csv" in result.stderr
    assert snapshot(out) == before  # the published site is untouched

    set_version(content_copy, "2.0.1")
    result = run_cli("build", "--content", content_copy, "--out", out)
    assert result.returncode == 0, result.stderr
    after = snapshot(out)
    old = {k: v for k, v in before.items() if k.startswith("data/v2.0.0/")}
    assert old and all(after[k] == v for k, v in old.items())  # carried over byte for byte
    assert "FICTIONAL test edit" in after["data/v2.0.1/organisations.csv"].decode("utf-8")
    assert after["data/organisations.csv"] == after["data/v2.0.1/organisations.csv"]
    assert b'"version": "2.0.1"' in after["data/datapackage.json"]


def test_a_preview_for_another_address_may_rebuild_changed_data(content_copy, tmp_path):
    """`serve` builds for http://127.0.0.1:…/ into one folder on every save: not a publication."""
    out = tmp_path / "preview"
    preview = ("--base-url", "http://127.0.0.1:8000/")
    assert run_cli("build", "--content", content_copy, "--out", out, *preview).returncode == 0
    edit_data(content_copy)
    result = run_cli("build", "--content", content_copy, "--out", out, *preview)
    assert result.returncode == 0, result.stderr
    assert "FICTIONAL test edit" in (out / "data" / "v2.0.0" / "organisations.csv").read_text(
        encoding="utf-8")
