"""The program's own words in the editor's language: the command line (its help, argparse's words,
the summary line with plural forms) and PyYAML's English problem texts.

A gettext catalogue, read straight from `generator/locale/<lang>/LC_MESSAGES/generator.po` with
Babel as the theme's catalogues are (see `generator.render.i18n`): no compiled `.mo` to commit
or build. Message ids are English, so English needs no catalogue. The problem messages an editor
sees for a file live in `generator.messages`, both languages side by side.
"""

from __future__ import annotations

import functools
import gettext
import io
import re
from pathlib import Path

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "generator"
_LOCALES = {"sv": "sv_SE", "en": "en_GB"}


def po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@functools.cache
def translations(lang: str) -> gettext.NullTranslations:
    """The catalogue for `lang` (English, or a language without a catalogue: the ids as they are)."""
    path = po_path(lang)
    if lang == "en" or not path.is_file():
        return gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with path.open("rb") as handle:
        catalog = read_po(handle, locale=_LOCALES.get(lang, lang))
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


# PyYAML's problem texts (libyaml's and the pure-Python parser's wordings), each as a pattern and
# the catalogue's message id; the pattern's groups fill the id's %(name)s placeholders. libyaml
# names no character; the pure-Python parser adds it as a Python literal ('@').
_CHAR = r"(?P<char>'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\")"
YAML_DETAILS: list[tuple[str, str]] = [
    (r"did not find expected key|expected <block end>, but found .*",
     "the indentation or the text here does not fit the lines before"),
    (r"could not find expected ':'", "a colon (:) is missing after the key"),
    (r"mapping values are not allowed (?:here|in this context)",
     "a key with a colon (:) is not allowed here"),
    (r"mapping keys are not allowed (?:here|in this context)", "a key is not allowed here"),
    (r"(?:block )?sequence entries are not allowed (?:here|in this context)",
     "a list item (-) is not allowed here"),
    (r"found character that cannot start any token",
     "a value cannot start with this character unless it is in quotes"),
    (rf"found character {_CHAR} that cannot start any token",
     "a value cannot start with the character %(char)s unless it is in quotes"),
    (r"found unexpected end of stream",
     "the file ends too early: a quote or a bracket is not closed"),
    (r"found undefined alias(?: .*)?", "a reference (*) names an anchor (&) that does not exist"),
    (r"second occurrence|found duplicate anchor.*", "an anchor (&) with this name is already defined"),
    (r"but found another document|expected a single document in the stream",
     "the file holds more than one document (a line with ---)"),
    (r"did not find expected ',' or '\]'|expected ',' or '\]', but got .*",
     "a comma or ] is missing: a list in square brackets is not closed"),
    (r"did not find expected ',' or '\}'|expected ',' or '\}', but got .*",
     "a comma or } is missing: a group in curly brackets is not closed"),
    (r"did not find expected '-' indicator", "a list item (-) was expected here"),
    (r"did not find expected node content|expected the node content, but found .*",
     "a value was expected here"),
    (r"found unknown escape character", "an unknown character after \\ in double quotes"),
    (rf"found unknown escape character {_CHAR}",
     "an unknown character %(char)s after \\ in double quotes"),
    (r"found invalid Unicode character escape code|did not find expected hexdecimal number"
     r"|expected escape sequence of \d+ hexadecimal numbers, but found .*",
     "a wrong character code after \\ in double quotes"),
    (r"found unexpected document (?:indicator|separator)",
     "a document separator (--- or ...) inside a value: a quote is not closed"),
    (r"did not find expected alphabetic or numeric character"
     r"|expected alphabetic or numeric character, but found .*",
     "a letter or a digit was expected after & or *"),
    (r"found an indentation indicator equal to 0"
     r"|expected indentation indicator in the range 1-9, but found 0",
     "the indentation after | or > must be a digit from 1 to 9"),
    (r"did not find expected comment or line break"
     r"|expected a comment or a line break, but found .*",
     "the line should end here (or go on with a comment after #)"),
    (r"did not find expected whitespace(?: or line break)?|expected ' ', but found .*",
     "a space is missing here"),
    (r"found a tab character (?:that violates indentation|where an indentation space is expected)",
     "a tab is used for indentation"),
    (r"did not find the expected '>'|expected '>', but found .*"
     r"|did not find expected '!'|expected '!', but found .*"
     r"|did not find expected tag URI|expected URI.*|did not find URI escaped octet"
     r"|found undefined tag handle.*|tag handle must .*|tag (?:prefix|value) must not be empty",
     "a tag (!) is not written right"),
    (r"found unknown directive name|could not find expected directive name"
     r"|found unexpected non-alphabetical character|found duplicate %(?:YAML|TAG) directive"
     r"|found duplicate YAML directive|duplicate %TAG directive|duplicate tag handle.*"
     r"|found incompatible YAML document.*|did not find expected version number"
     r"|did not find expected digit or '\.' character|found extremely long version number"
     r"|expected a digit(?: or '[ .]')?, but found .*",
     "a directive line (starting with %) is not written right"),
    (r"did not find expected <document start>|expected '<document start>', but found .*",
     "a document start (---) was expected here"),
    (r"found unexpected ':'", "an unexpected colon (:)"),
    (r"control characters are not allowed|special characters are not allowed"
     r"|unacceptable character .*",
     "the file contains a control character that is not allowed"),
    (r"(?:found an )?(?:incorrect|invalid) (?:leading|trailing) UTF-8 octet.*"
     r"|incomplete UTF-(?:8|16) .*|invalid length of a UTF-8 sequence|invalid Unicode character"
     r"|unexpected low surrogate area",
     "the file is not saved as UTF-8"),
    (r"while scanning a (?:double-)?quoted scalar|while parsing a quoted scalar",
     "in a text in quotes"),
    (r"while scanning a simple key", "in a key"),
    (r"while (?:scanning|parsing) .*", "in the YAML structure here"),
]
# An unknown text is not shown in English to a Swedish editor: this sentence is, in their language.
YAML_UNKNOWN = "the YAML syntax is wrong here"
_YAML_PATTERNS = [(re.compile(pattern), msgid) for pattern, msgid in YAML_DETAILS]


def yaml_detail(detail: str, lang: str) -> str:
    """PyYAML's English problem text in `lang`: PyYAML's own words in English, the catalogue's
    translation otherwise, and a plain sentence for a text the catalogue does not know."""
    if lang == "en":
        return detail
    catalogue = translations(lang)
    for pattern, msgid in _YAML_PATTERNS:
        match = pattern.fullmatch(detail)
        if match:
            text, values = catalogue.gettext(msgid), match.groupdict()
            return text % values if values else text
    return catalogue.gettext(YAML_UNKNOWN)
