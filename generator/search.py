"""The search index: Pagefind (https://pagefind.app) run over the staged site.

`build` runs it after every check has passed and every page is written, on the staging folder,
before the atomic publish: the index always describes exactly the pages published with it, and
a half-made site is never indexed. `validate` writes nothing and so makes no index (nothing in
the sources can make Pagefind fail: it reads only the finished HTML); `serve` keeps its pages
in memory and makes none either, so its search page offers the tracker's filters.

Pagefind gives each `<html lang>` its own index with that language's stemming, so the Swedish
search page (`sok/`) finds Swedish pages and the English one (`en/search/`) English pages. Only
the `<main>` of the pages marked `data-pagefind-body` (`Page.searchable`) is indexed, so the
header, menus and footer never match. Results are addressed from the site's root, and the
search page tells Pagefind where that root is by a relative link (`static/search.js`), so the
site works under any sub-path.

Pagefind's output is deterministic except for the order of the languages in
`pagefind-entry.json` (a hash map's order): it is written again with the languages sorted.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from generator.output import Output
from generator.problems import Position, Problem, Problems
from generator.processes import die_with_parent

INDEX_FOLDER = "pagefind"
ENTRY_FILE = f"{INDEX_FOLDER}/pagefind-entry.json"
# What the search pages load; the link check knows these files will exist.
UI_FILES = frozenset({f"{INDEX_FOLDER}/pagefind-ui.js", f"{INDEX_FOLDER}/pagefind-ui.css"})


def pagefind_binary() -> Path | None:
    """The Pagefind program: `PAGEFIND_BINARY_PATH`, else the one the `pagefind[bin]` package
    ships, else one on the PATH; None when there is none that can run."""
    try:
        from pagefind.service import get_executable
    except ImportError:
        return None
    try:
        found = get_executable()
    except OSError:  # pagefind_bin installed without its program
        return None
    if found is None or not found.is_file() or not os.access(found, os.X_OK):
        return None
    return found


def make_index(output: Output, problems: Problems) -> bool:
    """Index the pages written into `output` (the staging folder) and record Pagefind's files
    there. A missing Pagefind is a warning (the search page then offers the tracker's filters;
    an error under --strict); Pagefind failing is an error. Whether the publish may go on."""
    taken = sorted(rel for rel in output.written if rel.startswith(INDEX_FOLDER + "/"))
    if taken:
        problems.extend([Problem(Position(taken[0]), "search_folder_taken",
                                 {"folder": INDEX_FOLDER + "/"})])
        return False
    binary = pagefind_binary()
    if binary is None:
        problems.extend([Problem(Position(INDEX_FOLDER + "/"), "search_unavailable",
                                 severity="warning")])
        return True
    parent = os.getpid()
    # Pagefind also takes options from PAGEFIND_* variables and a pagefind.yml (or .json, .toml)
    # in its working folder: neither may change what the sources give, so it gets neither.
    env = {name: value for name, value in os.environ.items() if not name.startswith("PAGEFIND_")}
    run = subprocess.run(  # noqa: S603 - a fixed program with fixed arguments
        [str(binary), "--site", str(output.root), "--output-subdir", INDEX_FOLDER, "--silent"],
        cwd=output.root, env=env, capture_output=True, text=True, errors="replace", check=False,
        stdin=subprocess.DEVNULL,
        preexec_fn=lambda: die_with_parent(parent))  # a killed build leaves no indexer behind
    if run.returncode != 0 or not (output.root / ENTRY_FILE).is_file():
        detail = (run.stderr.strip() or run.stdout.strip() or f"exit {run.returncode}").splitlines()
        problems.extend([Problem(Position(INDEX_FOLDER + "/"), "search_failed",
                                 {"detail": detail[-1] if detail else ""})])
        return False
    _sort_languages(output.root / ENTRY_FILE)
    output.record(_files(output.root, INDEX_FOLDER))
    return True


def _sort_languages(entry: Path) -> None:
    """The one part of Pagefind's output whose order varies from run to run."""
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["languages"] = dict(sorted(data.get("languages", {}).items()))
    entry.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _files(root: Path, folder: str) -> dict[str, int]:
    """Every file under `root/folder`, by site-relative path, with its size."""
    found: dict[str, int] = {}
    for where, _, names in os.walk(root / folder):
        prefix = Path(where).relative_to(root).as_posix()
        for name in names:
            found[f"{prefix}/{name}"] = (Path(where) / name).stat().st_size
    return dict(sorted(found.items()))
