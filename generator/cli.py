"""The command line. Commands are thin: they parse arguments and call the library."""

from __future__ import annotations

import argparse
import gettext
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from generator import __version__
from generator.catalogue import translations
from generator.problems import Position, Problems, default_language
from generator.sources.addresses import base_url_problem

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2

EXAMPLES = {
    "": ["medborgarloften build", "medborgarloften validate --lang en"],
    "build": ["medborgarloften build",
              "medborgarloften build --content content --out _site "
              "--base-url https://www.kungsor.se/medborgarloften/"],
    "validate": ["medborgarloften validate", "medborgarloften validate --content content --format json"],
    "serve": ["medborgarloften serve", "medborgarloften serve --port 8001 --content content --lang en"],
    "new-year": ["medborgarloften new-year 2022",
                 "medborgarloften new-year 2022 --from 2021 --content content"],
}
LANGUAGES = ("sv", "en")


def chosen_language(argv: list[str]) -> str:
    """The language `--lang` names (the last one, as argparse takes it), else the environment's.
    Known before the parser is built, so that its help and errors are in that language too."""
    lang = None
    for index, arg in enumerate(argv):
        if arg == "--":
            break
        name, equals, value = arg.partition("=")
        if len(name) < 3 or not "--lang".startswith(name):  # argparse takes --la for --lang
            continue
        if not equals:
            value = argv[index + 1] if index + 1 < len(argv) else ""
        if value in LANGUAGES:
            lang = value
    return lang or default_language()


@contextmanager
def _argparse_speaks(catalogue: gettext.NullTranslations) -> Iterator[None]:
    """argparse's own words ("usage:", "the following arguments are required") come from its
    module's `_` and `ngettext`: point them at our catalogue while it parses."""
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = catalogue.gettext, catalogue.ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


def _parser(lang: str = "en") -> argparse.ArgumentParser:
    _ = translations(lang).gettext

    def epilog(command: str) -> str:
        return "\n".join([_("example:"), *(f"  {line}" for line in EXAMPLES[command])]) + "\n"

    def year(value: str) -> int:
        if len(value) == 4 and value.isascii() and value.isdigit():
            return int(value)
        raise argparse.ArgumentTypeError(_("'%(value)s': write the year with four digits, e.g. 2022")
                                         % {"value": value})

    def port(value: str) -> int:
        if value.isascii() and value.isdigit() and 1 <= int(value) <= 65535:
            return int(value)
        raise argparse.ArgumentTypeError(
            _("'%(value)s' is not a port: give a whole number from 1 to 65535, e.g. 8000")
            % {"value": value})

    def sub(name: str, summary: str, description: str) -> argparse.ArgumentParser:
        return commands.add_parser(name, help=summary, description=description, epilog=epilog(name),
                                   formatter_class=argparse.RawDescriptionHelpFormatter)

    def common(command: argparse.ArgumentParser, strict: bool = True) -> None:
        command.add_argument("--content", type=Path, default=Path("content"), metavar=_("DIR"),
                             help=_("the content folder (default: content)"))
        if strict:
            command.add_argument("--strict", action="store_true",
                                 help=_("treat warnings (missing translations, TODOs) as errors"))
        command.add_argument("--lang", choices=LANGUAGES, default=None,
                             help=_("language of messages (default: from the environment, else sv)"))

    parser = argparse.ArgumentParser(
        prog="medborgarloften",
        description=_("Build the medborgarlöften site and its open data from content/."),
        epilog=epilog(""),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}",
                        help=_("show the program's version and exit"))
    commands = parser.add_subparsers(dest="command", metavar=_("COMMAND"))
    commands.required = True

    build = sub("build", _("validate the sources and build the site"),
                _("Validate the sources and build the site atomically."))
    common(build)
    build.add_argument("--out", type=Path, default=Path("_site"), metavar=_("DIR"),
                       help=_("where to publish the site (default: _site)"))
    build.add_argument("--base-url", default=None, metavar=_("URL"),
                       help=_("the address the site is published at (default: from site.yaml)"))
    build.add_argument("--drafts", action="store_true",
                       help=_("also publish promises marked draft: true, with a draft banner"))

    validate = sub("validate", _("check the sources, write nothing"),
                   _("Run every check of the build; write nothing."))
    common(validate)
    validate.add_argument("--out", type=Path, default=Path("_site"), metavar=_("DIR"),
                          help=_("the published site whose data versions must not change, as "
                                 "build --out (default: _site); nothing is written there"))
    validate.add_argument("--base-url", default=None, metavar=_("URL"),
                          help=_("the address the site is published at (default: from site.yaml)"))
    validate.add_argument("--format", choices=["text", "json"], default="text",
                          help=_("text for people, json for other tools"))

    serve = sub("serve", _("live preview: build, serve and rebuild on save"),
                _("Build the site into a private preview folder, serve it on 127.0.0.1 and rebuild "
                  "and reload the browser on save."))
    common(serve)
    serve.add_argument("--port", type=port, default=8000,
                       help=_("the port, from 1 to 65535 (default: 8000)"))

    new_year = sub("new-year", _("start next year's sources from an earlier year"),
                   _("Create content/YEAR/ as a draft from an earlier year: focus areas and "
                     "commitments carried over with new ids, follow-ups dropped, TODO where text "
                     "must be replaced."))
    new_year.add_argument("year", type=year, metavar=_("YEAR"), help=_("the new year, e.g. 2022"))
    new_year.add_argument("--from", dest="from_year", type=year, default=None, metavar=_("YEAR"),
                          help=_("the year to copy (default: the latest earlier year)"))
    common(new_year, strict=False)
    return parser


def run() -> None:
    """The entry point of `medborgarloften` and `python -m generator`: `main`, then an exit that
    skips tearing down the interpreter: freeing a big site's model object by object is slow,
    and the operating system frees it at once. Output is flushed first; files are closed and
    worker processes stopped before `main` returns."""
    code = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    finally:
        os._exit(code)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    lang = chosen_language(argv)
    with _argparse_speaks(translations(lang)):
        args = _parser(lang).parse_args(argv)
    lang = args.lang or lang
    try:
        if args.command == "build":
            return _build(args, lang)
        if args.command == "validate":
            return _validate(args, lang)
        if args.command == "serve":
            return _serve(args, lang)
        if args.command == "new-year":
            return _new_year(args, lang)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 - an editor never sees a traceback
        if os.environ.get("MEDBORGARLOFTEN_DEBUG"):
            raise
        from generator import messages
        detail = f"{type(exc).__name__}: {exc}"
        print(f"{messages.text('internal_error', lang, {'detail': detail})} "
              f"({messages.hint('internal_error', lang, {})})", file=sys.stderr)
        return EXIT_PROBLEMS
    return EXIT_USAGE  # pragma: no cover - argparse rejects unknown commands


def summary(errors: int, warnings: int, lang: str) -> str:
    """One line, with plural forms: "No errors, 18 warnings.", "1 error, no warnings."."""
    catalogue = translations(lang)
    counts = {
        "errors": catalogue.ngettext("%(num)s error", "%(num)s errors", errors) % {"num": errors},
        "warnings": catalogue.ngettext("%(num)s warning", "%(num)s warnings", warnings) % {"num": warnings},
    }
    if not errors:
        line = catalogue.gettext("No errors, %(warnings)s.") if warnings else catalogue.gettext("No errors.")
    else:
        line = catalogue.gettext("%(errors)s, %(warnings)s.") if warnings else catalogue.gettext(
            "%(errors)s, no warnings.")
    return line % counts


def report(problems: Problems, lang: str, stream=None, always: bool = False) -> None:
    """Each problem on its line, then the summary (`always`: also when there is none)."""
    stream = stream or sys.stderr
    shown = stream.isatty() and len(problems.errors) <= 20  # a terminal: the lines around it
    for problem in problems.sorted():
        print(problem.render(lang), file=stream)
        if shown and problem.severity == "error":
            from generator.excerpts import excerpt_text

            lines = excerpt_text(problem)
            if lines:
                print(lines, file=stream)
    errors, warnings = len(problems.errors), len(problems.warnings)
    if errors or warnings or always:
        print(summary(errors, warnings, lang), file=stream)


def _unsafe_out(content: Path, out: Path, problems: Problems) -> bool:
    """The build replaces the whole output folder: never let that be the sources or a folder of
    other files (`--out .` or `--out content` would otherwise delete them)."""
    from generator.sources.loader import shown_path

    content_abs, out_abs = content.resolve(), out.resolve()
    if (out_abs == content_abs or out_abs in content_abs.parents
            or content_abs in out_abs.parents):
        problems.add(Position(shown_path(out)), "out_overlaps_content",
                     out=shown_path(out), content=shown_path(content))
    elif out_abs.exists() and not (out_abs.is_dir() and (
            not any(out_abs.iterdir()) or (out_abs / "index.html").is_file())):
        problems.add(Position(shown_path(out)), "out_not_a_site")
    return bool(problems)


def _build(args, lang: str) -> int:
    from generator.build import BuildOptions, BuildResult, build
    from generator.sources.loader import shown_path

    result = BuildResult()
    if args.base_url is not None and base_url_problem(args.base_url):
        result.problems.add(Position("--base-url"), "bad_base_url", url=args.base_url)
    elif not _unsafe_out(args.content, args.out, result.problems):
        try:
            result = build(BuildOptions(content_dir=args.content, out_dir=args.out,
                                        base_url=args.base_url, strict=args.strict,
                                        drafts=args.drafts))
        except OSError as exc:  # the output cannot be written: no traceback, nothing published
            result.problems.add(Position(shown_path(Path(exc.filename or args.out))),
                                "out_unwritable", reason=exc.strerror or str(exc))
    report(result.problems, lang)
    catalogue = translations(lang)
    if not result.ok:
        print(catalogue.gettext("Nothing was published; the previous site is untouched."), file=sys.stderr)
        return EXIT_PROBLEMS
    print(catalogue.gettext("Built %(pages)s and %(files)s into %(out)s") % {
        "pages": catalogue.ngettext("%(num)s page", "%(num)s pages", result.pages) % {"num": result.pages},
        "files": catalogue.ngettext("%(num)s file", "%(num)s files", result.files) % {"num": result.files},
        "out": args.out})
    return EXIT_OK


def _validate(args, lang: str) -> int:
    from generator.build import BuildOptions, BuildResult, check_everything

    result = BuildResult()
    if args.base_url is not None and base_url_problem(args.base_url):
        result.problems.add(Position("--base-url"), "bad_base_url", url=args.base_url)
    elif not _unsafe_out(args.content, args.out, result.problems):
        result = check_everything(BuildOptions(content_dir=args.content, out_dir=args.out,
                                               base_url=args.base_url, strict=args.strict))
    if args.format == "json":
        payload = {"ok": result.ok, "problems": [p.as_dict(lang) for p in result.problems.sorted()]}
        print(json.dumps(payload, ensure_ascii=False, indent=2))
    elif result.ok and not result.problems:
        print(summary(0, 0, lang))
    else:
        report(result.problems, lang)
    return EXIT_OK if result.ok else EXIT_PROBLEMS


def _serve(args, lang: str) -> int:
    from generator.commands.serve import ServeOptions, serve

    problems = Problems()
    code = serve(ServeOptions(content_dir=args.content, port=args.port, lang=lang,
                              strict=args.strict), problems)
    report(problems, lang)
    return code


def _new_year(args, lang: str) -> int:
    from generator import messages
    from generator.commands.new_year import create

    problems = Problems()
    made = create(args.content, args.year, str(args.from_year) if args.from_year else None, problems)
    report(problems, lang)
    if made is None:
        return EXIT_PROBLEMS
    catalogue = translations(lang)
    print(messages.text("new_year_created", lang, {
        "folder": made.folder, "source": made.source,
        "files": catalogue.ngettext("%(num)s file", "%(num)s files", made.files) % {"num": made.files},
        "todos": catalogue.ngettext("%(num)s TODO", "%(num)s TODOs", made.todos) % {"num": made.todos}}))
    print(messages.text("new_year_next", lang, {}))
    return EXIT_OK
