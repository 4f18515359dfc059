"""UI strings through gettext catalogues (Babel), and locale-aware dates and numbers.

Catalogues are read straight from the `.po` files so no compiled `.mo` has to be committed or
built; message ids are English, so English needs no catalogue.
"""

from __future__ import annotations

import datetime as dt
import gettext
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

from markupsafe import Markup

LOCALES = {"sv": "sv_SE", "en": "en_GB"}


def translations(locale_dirs: tuple[Path, ...], lang: str) -> gettext.NullTranslations:
    """Merge catalogues: earlier folders (the site's overrides) win over later ones (theme)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po
    from babel.support import Translations

    from generator.render.themefiles import read_theme_file

    merged: gettext.NullTranslations = gettext.NullTranslations()
    for folder in reversed(locale_dirs):
        try:  # never through a link, never from a FIFO (see themefiles.py)
            data = read_theme_file(folder.parent, (folder.name, lang, "LC_MESSAGES", "messages.po"))
        except (FileNotFoundError, NotADirectoryError):
            continue
        catalog = read_po(io.BytesIO(data), locale=LOCALES.get(lang, lang))
        buffer = io.BytesIO()
        write_mo(buffer, catalog)
        buffer.seek(0)
        layer = Translations(fp=buffer)
        layer.add_fallback(merged)
        merged = layer
    return merged


def check_site_catalogues(theme_dirs: list[Path], problems) -> None:
    """Each of the site's own catalogues can be read, and each translation keeps its message's
    %(name)s placeholders.
    Otherwise Babel skips what it cannot read with warnings of its own on stdout, and a page
    using a translation with the wrong placeholder fails with a KeyError."""
    import re

    from babel.messages.pofile import PoFileError, read_po

    from generator.problems import Position
    from generator.render.faults import own_folders
    from generator.render.themefiles import UnsafeThemeFile, read_theme_file, theme_files
    from generator.sources.loader import shown_path

    for folder in own_folders(theme_dirs):
        for rel, po_path in theme_files(folder / "locale"):  # regular files only, no link
            if not re.fullmatch(r"[^/]+/LC_MESSAGES/messages\.po", rel):
                continue
            shown = shown_path(po_path)
            try:
                data = read_theme_file(folder, ("locale", *rel.split("/")))
                catalog = read_po(io.BytesIO(data), locale=LOCALES.get(po_path.parent.parent.name),
                                  abort_invalid=True)
            except UnsafeThemeFile as refused:  # made a link or a FIFO since the folder was checked
                problems.extend([refused.problem()])
                continue
            except UnicodeDecodeError:
                problems.add(Position(shown), "not_utf8")
                continue
            except PoFileError as error:  # its line is counted from 0, and in its text too
                problems.add(Position(shown, error.lineno + 1), "catalogue_syntax",
                             detail=re.sub(r" on \d+$", "", str(error)))
                continue
            for message, issues in catalog.check():
                for issue in issues:
                    problems.add(Position(shown, message.lineno or 0), "catalogue_placeholders",
                                 msgid=str(message.id), detail=str(issue))


def template_gettext(catalogue: gettext.NullTranslations) -> dict[str, Callable[..., Markup]]:
    """`_`, `gettext` and `ngettext` for templates, as Jinja's newstyle gettext does them (the
    translation is markup, always %-formatted with escaped variables) without its two
    context-passing calls per string; a string without variables is formatted once (every page
    shows dozens of UI strings)."""
    plain: dict[str, Markup] = {}

    def translate(string: str, **variables: Any) -> Markup:
        if variables:
            return Markup(catalogue.gettext(string)) % variables
        found = plain.get(string)
        if found is None:
            found = plain[string] = Markup(catalogue.gettext(string)) % {}
        return found

    def translate_plural(singular: str, plural: str, num: int, **variables: Any) -> Markup:
        variables.setdefault("num", num)
        return Markup(catalogue.ngettext(singular, plural, num)) % variables

    return {"_": translate, "gettext": translate, "ngettext": translate_plural}


_NAMED = {
    "sv": {"Q": "kvartal {n} {y}", "T": "tertial {n} {y}", "VT": "första halvåret {y}",
           "HT": "andra halvåret {y}", "21": "våren {y}", "22": "sommaren {y}", "23": "hösten {y}",
           "24": "vintern {y}", "continuous": "löpande", "not_stated": "inte angivet i källorna"},
    "en": {"Q": "quarter {n} {y}", "T": "tertial {n} {y}", "VT": "first half of {y}",
           "HT": "second half of {y}", "21": "spring {y}", "22": "summer {y}", "23": "autumn {y}",
           "24": "winter {y}", "continuous": "continuous", "not_stated": "not stated in the sources"},
}


def format_date(value: str | dt.date | None, lang: str, style: str = "long") -> str:
    """A date, or a partial date or period (docs/content-format-2.md), as the language says it:
    "15 februari 2023", "februari 2023", "2023", "kvartal 1 2023", "våren 2023", "löpande"."""
    if not value:
        return ""
    from babel.dates import format_date as babel_format_date

    locale = LOCALES.get(lang, lang)
    if isinstance(value, dt.date):
        return babel_format_date(value, format=style, locale=locale)
    text = str(value)
    named = _NAMED.get(lang, _NAMED["en"])
    if text in named:
        return named[text]
    if "/" in text:
        first, _, last = text.partition("/")
        return f"{format_date(first, lang, style)} – {format_date(last, lang, style)}"
    parts = text.split("-")
    if len(parts) == 3:
        return babel_format_date(dt.date.fromisoformat(text), format=style, locale=locale)
    if len(parts) == 1:
        return text
    year, part = parts
    if part.isdigit() and int(part) <= 12:
        return babel_format_date(dt.date(int(year), int(part), 1), format="LLLL y", locale=locale)
    if part in named:
        return named[part].format(y=year)
    return named[part[0]].format(n=part[1:], y=year)


_COMPARATORS = {"sv": {"at_least": "minst", "at_most": "högst", "about": "cirka"},
                "en": {"at_least": "at least", "at_most": "at most", "about": "about"}}


def format_quantity(value, lang: str) -> str:
    """ "minst 14 tillfällen" from a Quantity (value, comparator, unit)."""
    if value is None:
        return ""
    words = [_COMPARATORS.get(lang, _COMPARATORS["en"]).get(value.comparator or "", ""),
             format_number(value.value, lang), value.unit.get(lang) or ""]
    return " ".join(word for word in words if word)


def format_number(value: str | float | int | None, lang: str) -> str:
    if value is None or value == "":
        return ""
    from babel.numbers import format_decimal

    number = float(value)
    if number.is_integer():
        number = int(number)
    return format_decimal(number, locale=LOCALES.get(lang, lang))


def format_size(size: int, lang: str) -> str:
    """A file size for readers: bytes under 1 kB, else kB or MB with one decimal (Babel's
    CLDR unit names, so "12,3 kB" in Swedish)."""
    from babel.units import format_unit

    locale = LOCALES.get(lang, lang)
    if size < 1000:
        return format_unit(size, "digital-byte", length="short", locale=locale)
    if size < 1_000_000:
        return format_unit(round(size / 1000, 1), "digital-kilobyte", length="short",
                           locale=locale, format="#,##0.#")
    return format_unit(round(size / 1_000_000, 1), "digital-megabyte", length="short",
                       locale=locale, format="#,##0.#")
