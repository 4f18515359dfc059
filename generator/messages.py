"""Every message an editor can see, in Swedish and English: what is wrong, then how to fix it.

Kept as one table so a translator sees both languages side by side and a test can check that
no message is missing a language.
"""

from __future__ import annotations

from typing import Any

# code: ((Swedish message, Swedish hint), (English message, English hint))
MESSAGES: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {
    "warning_prefix": (("varning:", ""), ("warning:", "")),
    "file_unreadable": (("filen kan inte läsas: {reason}", "kontrollera filens behörigheter"),
                        ("the file cannot be read: {reason}", "check the file's permissions")),
    "not_utf8": (("filen är inte sparad som UTF-8", "spara om filen med teckenkodningen UTF-8"),
                 ("the file is not saved as UTF-8", "save the file again with the UTF-8 encoding")),
    "empty_file": (("filen är tom", "fyll i filen eller ta bort den"),
                   ("the file is empty", "fill in the file or delete it")),
    "tab_indent": (("tabb används för indrag", "YAML tillåter bara mellanslag: byt tabben mot två mellanslag"),
                   ("a tab is used for indentation", "YAML allows only spaces: replace the tab with two spaces")),
    "yaml_syntax": (("YAML-filen går inte att läsa: {detail}",
                     "kontrollera indrag, kolon och citattecken på raden eller raden före"),
                    ("the YAML cannot be read: {detail}",
                     "check indentation, colons and quotes on this line or the one before")),
    "key_not_text": (("en nyckel måste vara text", "skriv nyckeln som ett ord följt av kolon"),
                     ("a key must be text", "write the key as a word followed by a colon")),
    "merge_key": (("'<<' stöds inte", "skriv ut värdena i stället"),
                  ("'<<' is not supported", "write the values out instead")),
    "duplicate_key": (("nyckeln '{key}' finns redan på rad {first_line}", "ta bort en av dem"),
                      ("the key '{key}' already appears on line {first_line}", "remove one of them")),
    "expected_text": (("här ska det stå text, inte en lista eller grupp", "skriv värdet på samma rad efter kolon"),
                      ("text is expected here, not a list or group", "write the value on the same line after the colon")),
    "expected_localized": (("här ska det stå text på svenska och engelska",
                            "skriv 'sv: …' och 'en: …' på egna rader under nyckeln"),
                           ("text in Swedish and English is expected here",
                            "write 'sv: …' and 'en: …' on their own lines under the key")),
    "unknown_language": (("okänt språk '{key}'", "använd ett av: {allowed}"),
                         ("unknown language '{key}'", "use one of: {allowed}")),
    "expected_mapping": (("här ska det stå nycklar med värden", "skriv 'nyckel: värde' på egna rader"),
                         ("keys with values are expected here", "write 'key: value' on their own lines")),
    "unknown_key_suggest": (("okänd nyckel '{key}'", "menade du '{suggestion}'?"),
                            ("unknown key '{key}'", "did you mean '{suggestion}'?")),
    "unknown_key": (("okänd nyckel '{key}'", "tillåtna nycklar: {allowed}"),
                    ("unknown key '{key}'", "allowed keys: {allowed}")),
    "content_dir_missing": (("innehållsmappen finns inte", "ange mappen med --content"),
                            ("the content folder does not exist", "name the folder with --content")),
    "unknown_file": (("filen används inte", "här läses bara {expected}; byt namn eller flytta filen"),
                     ("the file is not used", "only {expected} are read here; rename or move the file")),
    "no_promises": (("det finns inga medborgarlöften",
                     "skapa en mapp per år med en promise.yaml, t.ex. med 'medborgarloften new-year'"),
                    ("there are no promises",
                     "create a folder per year with a promise.yaml, e.g. with 'medborgarloften new-year'")),
    "file_missing": (("{name} saknas", "skapa filen; se README och docs/"),
                     ("{name} is missing", "create the file; see the README and docs/")),
    "missing_key": (("'{key}' saknas eller är tomt", "fyll i '{key}'"),
                    ("'{key}' is missing or empty", "fill in '{key}'")),
    "focus_area_id_prefix": (("fokusområdets id '{value}' börjar inte med '{prefix}'",
                              "skriv id som '{prefix}kort-namn'"),
                             ("the focus area id '{value}' does not start with '{prefix}'",
                              "write the id as '{prefix}short-name'")),
    "bad_date": (("'{value}' är inget giltigt datum", "skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2021-03-15, och kontrollera att dagen finns"),
                 ("'{value}' is not a valid date", "write the date as YYYY-MM-DD, e.g. 2021-03-15, and check that the day exists")),
    "bad_integer": (("'{value}' är inget heltal", "skriv ett heltal utan mellanslag, t.ex. 2"),
                    ("'{value}' is not a whole number", "write a whole number without spaces, e.g. 2")),
    "bad_number": (("'{value}' är inget tal", "skriv ett tal med punkt som decimaltecken, t.ex. 2.5"),
                   ("'{value}' is not a number", "write a number with a point as decimal mark, e.g. 2.5")),
    "bad_string": (("'{value}' är ingen giltig text", "skriv vanlig text"),
                   ("'{value}' is not valid text", "write plain text")),
    "not_in_list_suggest": (("'{value}' är inte ett tillåtet värde", "menade du '{suggestion}'? Tillåtet: {allowed}"),
                            ("'{value}' is not an allowed value", "did you mean '{suggestion}'? Allowed: {allowed}")),
    "not_in_list": (("'{value}' är inte ett tillåtet värde", "tillåtet: {allowed}"),
                    ("'{value}' is not an allowed value", "allowed: {allowed}")),
    "constraint_pattern": (("'{value}' har fel form", "id och koder skrivs med små bokstäver a–z, siffror och bindestreck; länkar börjar med https://"),
                           ("'{value}' has the wrong form", "ids and codes use lower-case a–z, digits and hyphens; links start with https://")),
    "constraint_minimum": (("'{value}' är mindre än {limit}", "skriv ett värde som är minst {limit}"),
                           ("'{value}' is less than {limit}", "write a value of at least {limit}")),
    "constraint_maximum": (("'{value}' är större än {limit}", "skriv ett värde som är högst {limit}"),
                           ("'{value}' is greater than {limit}", "write a value of at most {limit}")),
    "constraint_constraint": (("'{value}' uppfyller inte kraven", "se docs/ för fältets regler"),
                              ("'{value}' does not meet the rules", "see docs/ for the field's rules")),
    "duplicate_id": (("id '{value}' används redan ({first})", "varje id måste vara unikt och får aldrig återanvändas: välj ett nytt"),
                     ("the id '{value}' is already used ({first})", "every id must be unique and is never reused: choose a new one")),
    "unknown_reference_suggest": (("'{value}' finns inte i {target}", "menade du '{suggestion}'?"),
                                  ("'{value}' does not exist in {target}", "did you mean '{suggestion}'?")),
    "unknown_reference": (("'{value}' finns inte i {target}", "kända id: {known}"),
                          ("'{value}' does not exist in {target}", "known ids: {known}")),
    "invalid_row": (("ogiltig rad: {detail}", ""), ("invalid row: {detail}", "")),
    "reason_required": (("status '{status}' kräver ett skäl", "lägg till 'reason:' med sv och en som förklarar varför"),
                        ("the status '{status}' needs a reason", "add 'reason:' with sv and en explaining why")),
    "end_before_start": (("sista året {end} ligger före första året {start}", "rätta start_year eller end_year"),
                         ("the last year {end} is before the first year {start}", "correct start_year or end_year")),
    "untranslated": (("engelsk översättning saknas för '{key}'", "lägg till 'en: …' under '{key}'"),
                     ("the English translation of '{key}' is missing", "add 'en: …' under '{key}'")),
}


def _pick(code: str, lang: str) -> tuple[str, str]:
    sv, en = MESSAGES[code]
    return en if lang == "en" else sv


def text(code: str, lang: str, params: dict[str, Any]) -> str:
    return _pick(code, lang)[0].format(**params)


def hint(code: str, lang: str, params: dict[str, Any]) -> str:
    return _pick(code, lang)[1].format(**params)
