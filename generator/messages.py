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
    "control_character": (("filen innehåller ett otillåtet styrtecken ({char})",
                           "ta bort tecknet; det syns ofta inte i editorn men följer med vid kopiering"),
                          ("the file contains a control character that is not allowed ({char})",
                           "delete the character; it is often invisible in the editor but comes along when copying")),
    "out_overlaps_content": (("utmappen {out} är, innehåller eller ligger i innehållsmappen {content}",
                              "välj en annan mapp med --out, t.ex. _site; bygget ersätter hela utmappen"),
                             ("the output folder {out} is, contains or is inside the content folder {content}",
                              "choose another folder with --out, e.g. _site; the build replaces the whole output folder")),
    "out_not_a_site": (("mappen finns redan och är ingen byggd webbplats (index.html saknas)",
                        "välj en ny eller tom mapp med --out; bygget ersätter hela utmappen"),
                       ("the folder exists and is not a built site (there is no index.html)",
                        "choose a new or empty folder with --out; the build replaces the whole output folder")),
    "bad_base_url": (("{url} går inte att använda som webbplatsens adress",
                      "ange hela adressen med https:// (eller http://) och värdnamn, utan mellanslag, ? eller #, "
                      "t.ex. https://www.kungsor.se/medborgarloften/"),
                     ("{url} cannot be the site's address",
                      "give the whole address with https:// (or http://) and a host name, without spaces, ? or #, "
                      "e.g. https://www.kungsor.se/medborgarloften/")),
    "out_unwritable": (("webbplatsen kan inte skrivas: {reason}",
                        "kontrollera att mappen går att skapa och att du får skriva i den"),
                       ("the site cannot be written: {reason}",
                        "check that the folder can be created and that you may write to it")),
    "catalogue_syntax": (("översättningsfilen går inte att läsa: {detail}",
                          "kontrollera citattecknen och att varje msgid har sin msgstr på raden eller raden före"),
                         ("the translation file cannot be read: {detail}",
                          "check the quotes, and that each msgid has its msgstr, on this line or the one before")),
    "catalogue_placeholders": (("översättningen av \"{msgid}\" passar inte texten den översätter: {detail}",
                                "använd samma %(namn)s-platshållare i msgstr som i msgid"),
                               ("the translation of \"{msgid}\" does not fit the text it translates: {detail}",
                                "use the same %(name)s placeholders in msgstr as in msgid")),
    "template_syntax": (("webbplatsens egen mall har ett syntaxfel: {detail}",
                         "rätta mallen på den här raden, eller ta bort filen så används temats mall"),
                        ("the site's own template has a syntax error: {detail}",
                         "fix the template on this line, or delete the file to use the theme's template")),
    "template_error": (("webbplatsens egen mall ger ett fel när sidan {page} byggs: {detail}",
                        "rätta mallen på den här raden, eller ta bort filen så används temats mall"),
                       ("the site's own template fails while building the page {page}: {detail}",
                        "fix the template on this line, or delete the file to use the theme's template")),
    "template_behind_theme": (("temat behöver något som webbplatsens egen kopia av mallen saknar, när sidan {page} byggs: {detail}",
                               "jämför filen med temats mall i themes/default/templates/ och för över det som är nytt, "
                               "eller ta bort filen så används temats mall"),
                              ("the theme needs something the site's own copy of this template lacks, while building the page {page}: {detail}",
                               "compare the file with the theme's in themes/default/templates/ and copy what is new, "
                               "or delete the file to use the theme's template")),
    "internal_error": (("internt fel i medborgarloften: {detail}",
                        "det här är ett fel i programmet, inte i dina filer; rapportera det gärna. "
                        "Inget publicerades"),
                       ("internal error in medborgarloften: {detail}",
                        "this is a bug in the program, not in your files; please report it. "
                        "Nothing was published")),
    "key_not_text": (("en nyckel måste vara text", "skriv nyckeln som ett ord följt av kolon"),
                     ("a key must be text", "write the key as a word followed by a colon")),
    "yaml_anchor": (("ankaret '&{name}' stöds inte", "skriv ut värdet på varje ställe det behövs, utan & och *"),
                    ("the anchor '&{name}' is not supported", "write the value out wherever it is needed, without & and *")),
    "yaml_alias": (("hänvisningen '*{name}' stöds inte", "skriv ut värdet här i stället för *{name}"),
                   ("the alias '*{name}' is not supported", "write the value out here instead of *{name}")),
    "several_documents": (("filen innehåller mer än ett YAML-dokument (en rad med --- mitt i filen)",
                           "ta bort raden med ---, eller dela upp innehållet i två filer"),
                          ("the file holds more than one YAML document (a line with --- inside the file)",
                           "delete the --- line, or split the content into two files")),
    "too_deep": (("listor och grupper ligger mer än {limit} nivåer inuti varandra",
                  "kontrollera indragen; inga källfiler behöver så många nivåer"),
                 ("lists and groups are nested more than {limit} levels deep",
                  "check the indentation; no source file needs that many levels")),
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
    "todo_remaining": (("TODO kvar att ersätta: \"{text}\"",
                        "skriv in den riktiga uppgiften i stället för TODO, eller töm fältet om uppgiften saknas"),
                       ("TODO left to replace: \"{text}\"",
                        "write the real information instead of TODO, or empty the field if it is not known")),
    "new_year_exists": (("mappen för {year} finns redan", "välj ett annat år, eller flytta eller ta bort mappen först"),
                        ("the folder for {year} already exists", "choose another year, or move or delete the folder first")),
    "new_year_no_source": (("det finns inget tidigare år att utgå från",
                            "ange året att kopiera med --from, t.ex. --from 2021"),
                           ("there is no earlier year to start from",
                            "name the year to copy with --from, e.g. --from 2021")),
    "new_year_source_missing": (("det finns ingen promise.yaml för {year} att utgå från",
                                 "ange ett år som finns i innehållsmappen med --from"),
                                ("there is no promise.yaml for {year} to start from",
                                 "name a year that exists in the content folder with --from")),
    "new_year_same_year": (("det nya året {year} är samma som året det kopieras från",
                            "ange ett annat år eller ett annat --from"),
                           ("the new year {year} is the year it is copied from",
                            "name another year or another --from")),
    "new_year_created": (("Skapade {folder} från {source}: {files} filer, {todos} TODO att ersätta.", ""),
                         ("Created {folder} from {source}: {files} files, {todos} TODOs to replace.", "")),
    "new_year_next": (("Nästa steg: ersätt varje TODO och kontrollera med 'medborgarloften validate'.", ""),
                      ("Next: replace every TODO and check with 'medborgarloften validate'.", "")),
    "serve_listening": (("Förhandsvisning på {url} (avsluta med Ctrl+C)", ""),
                        ("Preview at {url} (stop with Ctrl+C)", "")),
    "serve_watching": (("Bevakar {paths}", ""), ("Watching {paths}", "")),
    "serve_built": (("Bygge {number}: klart, {pages} sidor på {seconds} s", ""),
                    ("Build {number}: done, {pages} pages in {seconds} s", "")),
    "serve_failed": (("Bygge {number}: {errors} fel; webbläsaren visar felen tills nästa lyckade sparning", ""),
                     ("Build {number}: {errors} errors; the browser shows them until the next good save", "")),
    "serve_port_busy": (("porten {port} används redan", "välj en annan port med --port, t.ex. --port 8001"),
                        ("the port {port} is already in use", "choose another port with --port, e.g. --port 8001")),
    "serve_error_title": (("Källfilerna har fel", ""), ("The sources have errors", "")),
    "serve_error_intro": (("Förhandsvisningen visar den senaste fungerande versionen igen så snart felen "
                           "är rättade och filen sparad. Inget har publicerats.", ""),
                          ("The preview shows the site again as soon as the errors are corrected and the "
                           "file is saved. Nothing was published.", "")),
    "serve_internal_error": (("internt fel i byggverktyget: {detail}",
                              "det här är ett fel i programmet, inte i dina filer; rapportera det gärna"),
                             ("internal error in the build tool: {detail}",
                              "this is a bug in the program, not in your files; please report it")),
    "data_version_invalid": (("data_version '{version}' är inte ett versionsnummer",
                              "skriv tre tal med punkt emellan, t.ex. 1.0.0"),
                             ("data_version '{version}' is not a version number",
                              "write three numbers separated by dots, e.g. 1.0.0")),
    "data_version_published": (("data version {version} är redan publicerad med andra data ({files})",
                                "en publicerad version ändras aldrig: höj data_version i site.yaml, "
                                "t.ex. sista talet för en rättelse"),
                               ("data version {version} is already published with different data ({files})",
                                "a published version never changes: raise data_version in site.yaml, "
                                "e.g. the last number for a correction")),
    # Found in the built pages: the position is the page (site-relative) and the link's line there.
    "broken_link": (("länken '{target}' leder inte till något på webbplatsen (det finns ingen {resolved})",
                     "sök efter '{target}' i källtexterna och rätta länken (en relativ länk räknas "
                     "från sidan där den visas); finns den inte där kommer den från en mall "
                     "(content/_theme/templates/ eller temat)"),
                    ("the link '{target}' leads nowhere on the site (there is no {resolved})",
                     "search the source texts for '{target}' and correct the link (a relative link "
                     "counts from the page it is shown on); if it is not there, it comes from a "
                     "template (content/_theme/templates/ or the theme)")),
    "link_outside_site": (("länken '{target}' pekar ovanför webbplatsens översta mapp",
                           "sök efter '{target}' i källtexterna och ta bort ett '../' för mycket, "
                           "eller skriv hela adressen med https://; finns länken inte där kommer den "
                           "från en mall (content/_theme/templates/ eller temat)"),
                          ("the link '{target}' points above the site's top folder",
                           "search the source texts for '{target}' and remove a '../' too many, or "
                           "write the whole address with https://; if the link is not there, it "
                           "comes from a template (content/_theme/templates/ or the theme)")),
    "broken_anchor": (("länken '{target}' pekar på ankaret '#{anchor}', som inte finns på {page}",
                       "sök efter '{target}' i källtexterna och rätta ankaret till ett id som finns "
                       "på sidan; finns länken inte där kommer den från en mall "
                       "(content/_theme/templates/ eller temat)"),
                      ("the link '{target}' points to the anchor '#{anchor}', which {page} does not have",
                       "search the source texts for '{target}' and change the anchor to an id the "
                       "page has; if the link is not there, it comes from a template "
                       "(content/_theme/templates/ or the theme)")),
}


def _pick(code: str, lang: str) -> tuple[str, str]:
    sv, en = MESSAGES[code]
    return en if lang == "en" else sv


def text(code: str, lang: str, params: dict[str, Any]) -> str:
    return _pick(code, lang)[0].format(**params)


def hint(code: str, lang: str, params: dict[str, Any]) -> str:
    return _pick(code, lang)[1].format(**params)
