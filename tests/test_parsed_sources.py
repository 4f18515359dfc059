"""Parsed sources kept between builds (generator/sources/parsed.py): a file with unchanged bytes
is not parsed again, and what is used instead must be exactly what parsing gives, values,
positions and problems alike. On a copy of the FICTIONAL fixture site."""

from __future__ import annotations

import dataclasses
import hashlib
import pickle
import shutil
from pathlib import Path

import pytest

import generator.build as build_module
from conftest import FIXTURES
from generator.build import BuildOptions, build
from generator.problems import Problems
from generator.render.reuse import cache_folder
from generator.sources import parsed as parsed_module
from generator.sources.loader import load_content
from generator.sources.parsed import FILE, ParsedSources
from generator.tables import build_tables, cells_digest, empty_tables

BASE_URL = "https://www.example.org/medborgarloften/"


@pytest.fixture
def content(tmp_path, monkeypatch) -> Path:
    target = tmp_path / "content"
    shutil.copytree(FIXTURES / "fictional-site", target)
    monkeypatch.chdir(tmp_path)  # shown paths are relative to where the command runs
    return Path("content")


def located(value, where="content") -> list:
    """Every value of the model with its position, in order: (where, text, position)."""
    found = []
    if dataclasses.is_dataclass(value):
        found.append((where, type(value).__name__, getattr(value, "pos", None)))
        for f in dataclasses.fields(value):
            found += located(getattr(value, f.name), f"{where}.{f.name}")
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            found += located(item, f"{where}[{i}]")
    elif isinstance(value, dict):
        for key, item in value.items():
            found += located(item, f"{where}[{key}]")
    elif isinstance(value, str):
        found.append((where, str(value), getattr(value, "pos", None)))
    else:
        found.append((where, repr(value), None))
    return found


def tables_of(model) -> dict:
    """Every table's rows, where each cell came from, and its digest."""
    return {name: (table.rows, table.origins, table.digest())
            for name, table in build_tables(model).items()}


def test_a_table_digest_covers_every_row_however_it_was_added():
    def table(first_cell: str, piece: list[dict]):
        made = empty_tables(["aims"])["aims"]
        made.add(None, promise_id=first_cell, position="1", aim_sv="Mål")
        made.extend(piece, [(None, {})], cells_digest(piece, made.fields))
        return made

    piece = [dict.fromkeys(empty_tables(["aims"])["aims"].fields)]
    assert table("2030", piece).digest() == table("2030", piece).digest()
    assert table("2030", piece).digest() != table("2031", piece).digest()
    changed = [dict(piece[0], aim_en="Aim")]
    assert table("2030", piece).digest() != table("2030", changed).digest()


def shown(problems: Problems) -> list[str]:
    return [p.render("en") for p in problems.sorted()]


def load(content: Path, folder: Path | None):
    """Load with the pieces kept in `folder` (None: parse everything); keep this load's."""
    parsed = ParsedSources.read(folder) if folder is not None else ParsedSources()
    problems = Problems()
    model = load_content(content, problems, parsed)
    if model is not None:
        build_tables(model)  # as a build does before keeping the pieces: rows are kept on them
    if folder is not None:
        parsed.folder = folder
        parsed.commit(parsed.prepare())
    return model, problems, parsed


def test_kept_pieces_give_the_same_model_positions_and_problems(content, tmp_path):
    area = content / "2031" / "1-trafik.yaml"
    area.write_text(area.read_text(encoding="utf-8") + "extra_key: 1\n", encoding="utf-8")
    first, first_problems, parsed = load(content, tmp_path / "cache")
    assert parsed.fresh and not parsed.kept
    again, again_problems, parsed = load(content, tmp_path / "cache")
    assert not parsed.fresh and len(parsed.kept) == 4  # two promises, two focus areas
    assert again == first
    assert located(again) == located(first)
    assert tables_of(again) == tables_of(first)
    assert "extra_key" in "\n".join(shown(again_problems))
    assert shown(again_problems) == shown(first_problems)


def test_an_edited_file_is_parsed_again_and_the_others_are_kept(content, tmp_path):
    load(content, tmp_path / "cache")
    area = content / "2031" / "1-trafik.yaml"
    area.write_text(area.read_text(encoding="utf-8").replace("title:\n  sv: ", "title:\n  sv: Ny "),
                    encoding="utf-8")
    model, _, parsed = load(content, tmp_path / "cache")
    assert len(parsed.fresh) == 1 and len(parsed.kept) == 3
    assert located(model) == located(load(content, None)[0])
    assert any(text.startswith("Ny ") for _, text, _ in located(model))


def test_a_line_added_to_a_promise_moves_the_positions_its_focus_areas_hold(content, tmp_path):
    load(content, tmp_path / "cache")
    promise = content / "2031" / "promise.yaml"
    promise.write_text("# one more line\n" + promise.read_text(encoding="utf-8"), encoding="utf-8")
    model, _, parsed = load(content, tmp_path / "cache")
    area = next(p for p in model.promises if p.id == "2031").focus_areas[0]
    assert area.promise_id.pos.line == 3  # the id line, one further down than before
    fresh = load(content, None)[0]
    assert located(model) == located(fresh)
    assert tables_of(model) == tables_of(fresh)


@pytest.mark.parametrize("damage", ["whole file", "one piece", "other code"])
def test_damaged_or_foreign_pieces_are_parsed_again(content, tmp_path, damage, monkeypatch):
    folder = tmp_path / "cache"
    expected, expected_problems, _ = load(content, folder)
    if damage == "whole file":
        (folder / FILE).write_bytes(b"not a pickle")
    elif damage == "one piece":
        stored = pickle.loads((folder / FILE).read_bytes())
        key = sorted(stored["entries"])[0]
        stored["entries"][key] = stored["entries"][key][:-9]
        (folder / FILE).write_bytes(pickle.dumps(stored))
    else:
        monkeypatch.setattr(parsed_module, "_code", "a different loader")
    model, problems, parsed = load(content, folder)
    assert len(parsed.fresh) == (1 if damage == "one piece" else 4)
    assert located(model) == located(expected)
    assert shown(problems) == shown(expected_problems)


@pytest.mark.parametrize("big", [10**9, 1, 2], ids=["in process", "forked", "on a thread"])
def test_builds_keep_pieces_only_after_publishing_and_a_rebuild_is_identical(
        content, tmp_path, big, monkeypatch):
    # from `big` files the pieces are written while the build goes on: a rebuild with fewer
    # new pieces than that (here: one) writes them on a thread, else in a forked process
    monkeypatch.setattr(build_module, "BIG_SOURCES", big)
    out = tmp_path / "_site"
    cache = cache_folder(out)

    def run(target=out):
        return build(BuildOptions(content_dir=content, out_dir=target, base_url=BASE_URL, jobs=1))

    assert run().ok
    kept = (cache / FILE).read_bytes()
    assert len(ParsedSources.read(cache)._entries) == 4  # noqa: SLF001
    leftover = cache / f"{FILE}.999999.tmp"  # as a killed build leaves it
    leftover.write_bytes(b"half")

    area = content / "2031" / "1-trafik.yaml"
    good = area.read_text(encoding="utf-8")
    area.write_text(good.replace("date: 2031-12-10", "date: 2031-02-30"), encoding="utf-8")
    failed = run()
    assert not failed.ok and not failed.written
    assert (cache / FILE).read_bytes() == kept  # a failed build keeps nothing new
    assert sorted(p.name for p in cache.iterdir() if p.name.startswith(FILE)) == [FILE]

    area.write_text(good.replace("title:\n  sv: ", "title:\n  sv: Ny "), encoding="utf-8")
    assert run().ok
    assert (cache / FILE).read_bytes() != kept
    assert run(tmp_path / "cold" / "_site").ok

    def tree(root: Path) -> dict[str, str]:
        return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
                for p in sorted(root.rglob("*")) if p.is_file()}

    assert tree(out) == tree(tmp_path / "cold" / "_site")


def test_kept_rows_follow_a_new_municipality_code(content, tmp_path):
    first, _, _ = load(content, tmp_path / "cache")
    site = content / "site.yaml"
    text = site.read_text(encoding="utf-8")
    code = first.site.municipality_code
    assert f'municipality_code: "{code}"' in text and code != "1234"
    site.write_text(text.replace(f'municipality_code: "{code}"', 'municipality_code: "1234"'),
                    encoding="utf-8")
    model, _, parsed = load(content, tmp_path / "cache")
    assert model.site.municipality_code == "1234" and not parsed.fresh
    assert tables_of(model) == tables_of(load(content, None)[0])
    assert {row["municipality_code"] for row in build_tables(model)["commitments"].rows} == {"1234"}


def test_the_model_knows_the_digest_of_every_file_it_was_read_from(content, tmp_path):
    """Page fingerprints use these instead of reading the sources again (render/reuse.py)."""
    from generator.render.reuse import _file_digests

    for folder in (None, tmp_path / "cache", tmp_path / "cache"):  # parsed, kept, kept again
        model, _, _ = load(content, folder)
        assert len(model.source_digests) == 4
        for shown, digest in model.source_digests.items():
            assert hashlib.sha1(Path(shown).read_bytes()).hexdigest() == digest
        assert _file_digests(content, model.source_digests) == _file_digests(content, {})


def test_a_big_site_parsed_from_scratch_is_parsed_in_two_processes_with_the_same_outcome(
        content, tmp_path, monkeypatch):
    """The last folders are parsed by a forked process (sources/parsed.py, parse_ahead); the
    model, its positions, the problems (a broken file among those folders included) and the
    tables are exactly what one process gives, and the pieces are kept like parsed ones."""
    import generator.sources.loader as loader_module

    area = content / "2031" / "1-trafik.yaml"  # the last folder: parsed ahead
    area.write_text(area.read_text(encoding="utf-8") + "extra_key: 1\n", encoding="utf-8")
    expected, expected_problems, _ = load(content, None)

    monkeypatch.setattr(loader_module, "PARSE_AHEAD_FROM", 1)
    parsed = ParsedSources()
    problems = Problems()
    model = load_content(content, problems, parsed)
    assert parsed._from_ahead  # noqa: SLF001 - pieces came from the other process
    assert located(model) == located(expected)
    assert "extra_key" in "\n".join(shown(problems))
    assert shown(problems) == shown(expected_problems)
    assert tables_of(model) == tables_of(expected)
    assert len(parsed.fresh) == 4 and not parsed.kept  # all new: kept with their rows

    # Kept pieces from an earlier build: nothing is parsed ahead.
    model, _, parsed = load(content, tmp_path / "cache")
    again = ParsedSources.read(tmp_path / "cache")
    load_content(content, Problems(), again)
    assert not again._from_ahead and len(again.kept) == 4  # noqa: SLF001


def test_a_failed_parse_ahead_leaves_the_files_to_this_process(content, monkeypatch):
    import generator.sources.loader as loader_module

    expected, expected_problems, _ = load(content, None)
    monkeypatch.setattr(loader_module, "PARSE_AHEAD_FROM", 1)

    def crash(parse):
        raise RuntimeError("the other process failed")

    monkeypatch.setattr(parsed_module, "_parsed_ahead", crash)
    parsed = ParsedSources()
    problems = Problems()
    model = load_content(content, problems, parsed)
    assert not parsed._from_ahead  # noqa: SLF001
    assert located(model) == located(expected) and shown(problems) == shown(expected_problems)
