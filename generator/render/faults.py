"""A site's own template that does not compile, or fails while a page is rendered: a problem at
its file and line.

A site may replace any theme template with its own (`content/_theme/templates/`). A mistake
there, an undefined name, a wrong call, a syntax error, is the web team's input going wrong, so
it is reported like any other bad input: `file:line: what is wrong`, nothing published, no
traceback. A failure located only in the theme's own templates or in our code stays an internal
error (a bug to report), as before.

Syntax errors are found before any page is rendered, all at once, with the other checks of the
sources (`check_site_templates`); rendering stops at the first page that fails. Jinja rewrites
a rendering traceback so that its template frames carry the template's file name and line; the
innermost frame in one of the site's template folders is where the mistake is.
"""

from __future__ import annotations

import os
import re
import traceback
from pathlib import Path

from generator.problems import Position, Problem, Problems

_QUOTED_TEMPLATE = re.compile(r"'([^'\s]+\.html)'")  # a template named in Jinja's message


class TemplateFault(Exception):
    """Raised in place of the error a site's template caused; picklable, so a worker process
    can hand it to the build."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem)
        self.problem = problem

    def __str__(self) -> str:
        return self.problem.render("en")


def site_template_problem(error: BaseException, own_template_dirs: list[Path],
                          page_path: str) -> Problem | None:
    """The problem to report when `error` arose in one of the site's own templates (the
    innermost such place), else None."""
    from jinja2 import TemplateError, TemplateSyntaxError
    from jinja2.sandbox import SecurityError

    from generator.sources.loader import shown_path

    if not own_template_dirs:
        return None
    own = tuple(os.path.join(os.path.realpath(d), "") for d in own_template_dirs)
    places = [(frame.f_code.co_filename, line)
              for frame, line in traceback.walk_tb(error.__traceback__)]
    if isinstance(error, TemplateSyntaxError) and error.filename:
        places.append((error.filename, error.lineno))
    detail = getattr(error, "message", None) or str(error)
    blamed = next(((filename, line) for filename, line in reversed(places)
                   if os.path.realpath(filename).startswith(own)), None)
    if blamed is None and isinstance(error, TemplateError):
        # A theme template failing on what a site's template gives it names that template
        # ("the template '_macros.html' (imported on line 2 in 'tracker.html') does not
        # export the requested name 'tracker_row'": a site's copy of an older theme's macros).
        blamed = next(((str(folder / name), 0) for name in _QUOTED_TEMPLATE.findall(detail)
                       for folder in own_template_dirs if (folder / name).is_file()), None)
    if blamed is None:
        return None
    filename, line = blamed
    code = ("template_unsafe" if isinstance(error, SecurityError)
            else "template_error" if line else "template_behind_theme")
    return Problem(Position(shown_path(Path(filename)), line or 0), code,
                   {"page": page_path or "/", "detail": f"{type(error).__name__}: {detail}"})


def own_folders(theme_dirs: list[Path]) -> list[Path]:
    """The site's own theme folders: every one but the last, the default theme (the lookup
    order of build.theme_dirs)."""
    return list(theme_dirs[:-1])


def check_site_templates(theme_dirs: list[Path], problems: Problems) -> None:
    """Each template in the site's own folders compiles and reads no name the sandbox refuses;
    each one that does is a problem at its line. Only regular files are compiled: links and
    special files are refused by `themefiles.check_theme_folder`."""
    own = [d / "templates" for d in own_folders(theme_dirs) if (d / "templates").is_dir()]
    if not own:
        return  # nothing of the site's own: Jinja is not even imported
    from generator.render.engine import UnsafeName, syntax_errors
    from generator.render.themefiles import UnsafeThemeFile, theme_files
    from generator.sources.loader import shown_path

    names = sorted({rel for folder in own for rel, _ in theme_files(folder)
                    if rel.endswith(".html")})
    try:
        errors = syntax_errors(theme_dirs, names)
    except UnsafeThemeFile as refused:  # made a link or a FIFO since the folder was checked
        problems.extend([refused.problem()])
        return
    for name, error in errors:
        if isinstance(error, UnicodeDecodeError):
            problems.add(Position(shown_path(_own_file(own, name))), "not_utf8")
        elif isinstance(error, UnsafeName):
            problems.add(Position(shown_path(Path(error.filename or name)), error.lineno or 0),
                         "template_unsafe", detail=error.message)
        else:
            problems.add(Position(shown_path(Path(error.filename or name)), error.lineno or 0),
                         "template_syntax", detail=error.message or str(error))


def _own_file(own: list[Path], name: str) -> Path:
    return next(folder / name for folder in own if (folder / name).is_file())
