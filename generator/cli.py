"""The command line. Commands are thin: they parse arguments and call the library."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from generator import __version__
from generator.problems import Position, Problems, default_language

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2

EPILOG_BUILD = """example:
  medborgarloften build
  medborgarloften build --content content --out _site --base-url https://www.kungsor.se/medborgarloften/
"""
EPILOG_VALIDATE = """example:
  medborgarloften validate
  medborgarloften validate --content content --format json
"""
EPILOG_SERVE = """example:
  medborgarloften serve
  medborgarloften serve --port 8001 --content content --lang en
"""
EPILOG_NEW_YEAR = """example:
  medborgarloften new-year 2022
  medborgarloften new-year 2022 --from 2021 --content content
"""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="medborgarloften",
        description="Build the medborgarlöften site and open data from content/ "
                    "(Bygg webbplatsen och öppna data för medborgarlöften).",
        epilog="example:\n  medborgarloften build\n  medborgarloften validate --lang en",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True

    def common(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--content", type=Path, default=Path("content"), metavar="DIR",
                         help="the content folder (default: content)")
        sub.add_argument("--strict", action="store_true",
                         help="treat warnings (missing translations, TODOs) as errors")
        sub.add_argument("--lang", choices=["sv", "en"], default=None,
                         help="language of messages (default: from the environment, else sv)")

    build = commands.add_parser("build", help="validate the sources and build the site",
                                description="Validate the sources and build the site atomically.",
                                epilog=EPILOG_BUILD,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    common(build)
    build.add_argument("--out", type=Path, default=Path("_site"), metavar="DIR",
                       help="where to publish the site (default: _site)")
    build.add_argument("--base-url", default=None, metavar="URL",
                       help="the address the site is published at (default: from site.yaml)")

    validate = commands.add_parser("validate", help="check the sources, write nothing",
                                   description="Run every check of the build; write nothing.",
                                   epilog=EPILOG_VALIDATE,
                                   formatter_class=argparse.RawDescriptionHelpFormatter)
    common(validate)
    validate.add_argument("--format", choices=["text", "json"], default="text",
                          help="text for people, json for other tools")

    serve = commands.add_parser("serve", help="live preview: build, serve and rebuild on save",
                                description="Build the site into a private preview folder, serve it "
                                            "on 127.0.0.1 and rebuild and reload the browser on save.",
                                epilog=EPILOG_SERVE,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    common(serve)
    serve.add_argument("--port", type=int, default=8000, help="the port (default: 8000)")

    new_year = commands.add_parser("new-year", help="start next year's sources from an earlier year",
                                   description="Create content/YEAR/ as a draft from an earlier year: "
                                               "focus areas and commitments carried over with new "
                                               "ids, follow-ups dropped, TODO where text must be replaced.",
                                   epilog=EPILOG_NEW_YEAR,
                                   formatter_class=argparse.RawDescriptionHelpFormatter)
    new_year.add_argument("year", type=_year, help="the new year, e.g. 2022")
    new_year.add_argument("--from", dest="from_year", type=_year, default=None, metavar="YEAR",
                          help="the year to copy (default: the latest earlier year)")
    new_year.add_argument("--content", type=Path, default=Path("content"), metavar="DIR",
                          help="the content folder (default: content)")
    new_year.add_argument("--lang", choices=["sv", "en"], default=None,
                          help="language of messages (default: from the environment, else sv)")
    return parser


def _year(value: str) -> int:
    if len(value) == 4 and value.isdigit():
        return int(value)
    raise argparse.ArgumentTypeError(f"'{value}': write the year with four digits, e.g. 2022")


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
    args = _parser().parse_args(argv)
    lang = args.lang or default_language()
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


def report(problems: Problems, lang: str, stream=None) -> None:
    stream = stream or sys.stderr
    for problem in problems.sorted():
        print(problem.render(lang), file=stream)
    errors, warnings = len(problems.errors), len(problems.warnings)
    if errors or warnings:
        summary = (f"{errors} fel, {warnings} varningar" if lang == "sv"
                   else f"{errors} errors, {warnings} warnings")
        print(summary, file=stream)


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
    from generator.sources.addresses import base_url_problem
    from generator.sources.loader import shown_path

    result = BuildResult()
    if args.base_url is not None and base_url_problem(args.base_url):
        result.problems.add(Position("--base-url"), "bad_base_url", url=args.base_url)
    elif not _unsafe_out(args.content, args.out, result.problems):
        try:
            result = build(BuildOptions(content_dir=args.content, out_dir=args.out,
                                        base_url=args.base_url, strict=args.strict))
        except OSError as exc:  # the output cannot be written: no traceback, nothing published
            result.problems.add(Position(shown_path(Path(exc.filename or args.out))),
                                "out_unwritable", reason=exc.strerror or str(exc))
    report(result.problems, lang)
    if not result.ok:
        print("Inget publicerades; den tidigare webbplatsen är orörd." if lang == "sv"
              else "Nothing was published; the previous site is untouched.", file=sys.stderr)
        return EXIT_PROBLEMS
    print(f"Byggde {result.pages} sidor och {result.files} filer till {args.out}" if lang == "sv"
          else f"Built {result.pages} pages and {result.files} files into {args.out}")
    return EXIT_OK


def _validate(args, lang: str) -> int:
    from generator.build import BuildOptions, BuildResult, check

    result = BuildResult()
    check(BuildOptions(content_dir=args.content, strict=args.strict), result)
    if args.format == "json":
        payload = {"ok": result.ok, "problems": [p.as_dict(lang) for p in result.problems.sorted()]}
        print(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        report(result.problems, lang)
        if result.ok:
            print("Inga fel." if lang == "sv" else "No errors.")
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
    print(messages.text("new_year_created", lang, {
        "folder": made.folder, "source": made.source, "files": made.files, "todos": made.todos}))
    print(messages.text("new_year_next", lang, {}))
    return EXIT_OK
