"""The floor in Python: a bare markdown-it-py + Jinja loop over the Hugo comparison's Markdown.

    python benchmarks/bare_loop.py HUGO_SITE DESTINATION [--jobs N]

It writes the same pages Hugo does from the same site (benchmarks/run.py writes it): each
Markdown page through markdown-it-py into the same minimal layout, one list page per section
and the home page, spread over N processes (default: every CPU). Nothing else: no YAML, no
model, no validation, no datasets, no link check, no atomic publishing, no incremental state.

So it measures what the two libraries our generator must use (the client chose them) cost for
Hugo's work. Its ratio to Hugo is a floor for ours: our build renders the same Markdown, and
richer pages, besides everything this loop leaves out.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

# The layout of benchmarks/run.py's Hugo site (HUGO_BASEOF, HUGO_SINGLE, HUGO_LIST) in Jinja.
LAYOUT = """\
<!DOCTYPE html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }} – {{ site_title }}</title>
</head>
<body>
<header><a href="{{ root }}">{{ site_title }}</a>
<nav><a href="{{ root }}">Start</a></nav></header>
<main>
<h1>{{ title }}</h1>
{{ content }}{% if pages is defined %}<ul>{% for p in pages %}\
<li><a href="{{ p.url }}">{{ p.title }}</a></li>{% endfor %}</ul>{% endif %}
</main>
<footer><p>Fiktiva data för prestandamätning.</p></footer>
</body>
</html>
"""
SITE_TITLE = "Medborgarlöften i Exempelstad (fiktiv)"


def read_page(path: Path) -> tuple[str, str]:
    """(title, Markdown body) of a page written by benchmarks/run.py: front matter with a
    JSON-quoted title only."""
    import json

    text = path.read_text(encoding="utf-8")
    _, front, body = text.split("---\n", 2)
    return json.loads(front.split(":", 1)[1].strip()), body


def render_share(site: Path, destination: Path, jobs: int, share: int) -> int:
    """Every `jobs`-th page from `share` on (a section's list page counts as a page);
    returns the number written."""
    import jinja2
    from markdown_it import MarkdownIt
    from markupsafe import Markup

    markdown = MarkdownIt("commonmark")
    layout = jinja2.Environment(autoescape=True).from_string(LAYOUT)
    content = site / "content"
    sections = sorted(p for p in content.iterdir() if p.is_dir())
    work = [(None, None)] + [(section, None) for section in sections] + [
        (section, page) for section in sections for page in sorted(section.glob("*.md"))]
    written = 0
    for section, page in work[share::jobs]:
        if page is not None:
            title, body = read_page(page)
            html = layout.render(title=title, site_title=SITE_TITLE, root="../../",
                                 content=Markup(markdown.render(body)))
            folder = destination / section.name / page.stem
        elif section is not None:
            pages = [{"title": read_page(p)[0], "url": f"{p.stem}/"}
                     for p in sorted(section.glob("*.md"))]
            html = layout.render(title=section.name, site_title=SITE_TITLE, root="../",
                                 content="", pages=pages)
            folder = destination / section.name
        else:
            html = layout.render(title=SITE_TITLE, site_title=SITE_TITLE, root="./", content="",
                                 pages=[{"title": s.name, "url": f"{s.name}/"} for s in sections])
            folder = destination
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "index.html").write_text(html, encoding="utf-8")
        written += 1
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="the Hugo site benchmarks/run.py wrote")
    parser.add_argument("destination", type=Path)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args(argv)
    if not (args.site / "content").is_dir():
        parser.error(f"{args.site}: no content/ folder")
    jobs = max(1, args.jobs) if hasattr(os, "fork") else 1
    children = []
    for share in range(1, jobs):  # forked, as our build's page workers are
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                render_share(args.site, args.destination, jobs, share)
                code = 0
            finally:
                os._exit(code)
        children.append(pid)
    render_share(args.site, args.destination, jobs, 0)
    failed = [pid for pid in children if os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) != 0]
    if failed:
        print(f"{len(failed)} of {jobs} processes failed", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
