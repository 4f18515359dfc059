"""A synthetic, clearly fictional corpus in the real content format, sized by output pages.

Everything here is invented (the municipality is "Exempelstad", code 9999): it exists only to
measure the generator at the scale of a national site. It is written under benchmarks/_work/,
which git ignores, and never into content/.
"""

from __future__ import annotations

import random
from pathlib import Path

STATUSES = ["in_progress", "ongoing", "done", "delayed", "partly_done", "not_done"]
NEEDS_REASON = {"delayed", "partly_done", "not_done"}
ORGS = ["polisen", "kommunen", "skolan", "socialtjansten", "fritid", "raddningstjansten"]
WORDS_SV = ("trygghet samverkan skola polis kommun ungdomar trafik belysning centrum park "
            "föräldrar nattvandring insats uppföljning brott förebyggande lägesbild åtgärd "
            "kvarter cykel hastighet medborgare dialog fritidsgård skolgård").split()
WORDS_EN = ("safety cooperation school police municipality young people traffic lighting centre "
            "park parents night walk effort follow-up crime preventive situation measure block "
            "bicycle speed citizens dialogue youth centre schoolyard").split()
FOCUS_PER_PROMISE = 11
COMMITMENTS_PER_AREA = 3
FOLLOW_UPS_PER_COMMITMENT = 2


def pages_for(promises: int) -> int:
    """Output pages for a number of promises: home + data + promise + focus areas, two languages."""
    return 2 * (2 + promises * (1 + FOCUS_PER_PROMISE))


def promises_for(pages: int) -> int:
    return max(1, round((pages / 2 - 2) / (1 + FOCUS_PER_PROMISE)))


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _sentence(rng: random.Random, words: list[str], n: int) -> str:
    chosen = [rng.choice(words) for _ in range(n)]
    return " ".join(chosen).capitalize() + "."


def _markdown(rng: random.Random, words: list[str]) -> str:
    """A few paragraphs with emphasis, a list and a link: what editors really write."""
    parts = [_sentence(rng, words, 14) + " **" + rng.choice(words) + "** " + _sentence(rng, words, 9),
             "\n".join(f"- {_sentence(rng, words, 6)}" for _ in range(3)),
             f"Läs mer på [exempelsidan](https://example.org/{rng.choice(words)}) och *"
             f"{rng.choice(words)}*. " + _sentence(rng, words, 12)]
    return "\n\n".join(parts)


def _block(key: str, sv: str, en: str, indent: str) -> list[str]:
    inner = indent + "    "
    out = [f"{indent}{key}:", f"{indent}  sv: |-"]
    out += [inner + line if line else "" for line in sv.split("\n")]
    out.append(f"{indent}  en: |-")
    out += [inner + line if line else "" for line in en.split("\n")]
    return out


def _loc(key: str, sv: str, en: str, indent: str) -> list[str]:
    return [f"{indent}{key}:", f"{indent}  sv: {_q(sv)}", f"{indent}  en: {_q(en)}"]


def write_corpus(root: Path, pages: int = 10_000, seed: int = 1) -> Path:
    """Write the corpus into root/content; returns that folder."""
    rng = random.Random(seed)
    content = root / "content"
    content.mkdir(parents=True, exist_ok=True)
    (content / "site.yaml").write_text(
        "# Fiktiv webbplats för prestandamätning / fictional site for benchmarking.\n"
        "title:\n  sv: Medborgarlöften i Exempelstad (fiktiv)\n"
        "  en: Citizen promises in Exempelstad (fictional)\n"
        "base_url: https://example.org/medborgarloften/\n"
        "default_language: sv\nlanguages: [sv, en]\n"
        "municipality:\n  name:\n    sv: Exempelstads kommun\n    en: Exempelstad Municipality\n"
        "  organisation_number: 000000-0000\n  municipality_code: \"9999\"\n"
        "police_area:\n  sv: Lokalpolisområde Exempel\n  en: Exempel local police area\n"
        "contact:\n  phone: 000-00 00 00\n  email: info@example.org\n",
        encoding="utf-8")
    orgs = ["organisations:"]
    for org in ORGS:
        kind = "police" if org == "polisen" else ("municipality" if org == "kommunen"
                                                 else "municipal_service")
        orgs += [f"  - id: {org}", "    name:", f"      sv: {org.capitalize()} (fiktiv)",
                 f"      en: {org.capitalize()} (fictional)", f"    kind: {kind}"]
    (content / "organisations.yaml").write_text("\n".join(orgs) + "\n", encoding="utf-8")

    for p in range(promises_for(pages)):
        year = 2000 + p % 100
        pid = f"p{p:04d}-{year}"
        folder = content / pid
        folder.mkdir(exist_ok=True)
        lines = [f"# Fiktivt löfte {pid}.", f"id: {_q(pid)}",
                 *_loc("title", f"Medborgarlöften {pid}", f"Citizen promises {pid}", ""),
                 f"start_year: {year}", f"end_year: {year + rng.randint(0, 1)}",
                 f"signed_date: {year}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
                 "follow_up_interval: tertial",
                 *_loc("headline", _sentence(rng, WORDS_SV, 8), _sentence(rng, WORDS_EN, 8), ""),
                 *_block("introduction", _markdown(rng, WORDS_SV), _markdown(rng, WORDS_EN), ""),
                 *_block("situation_meetings", _markdown(rng, WORDS_SV), _markdown(rng, WORDS_EN), ""),
                 "aims:"]
        for _ in range(3):
            lines += [f"  - sv: {_q(_sentence(rng, WORDS_SV, 7))}",
                      f"    en: {_q(_sentence(rng, WORDS_EN, 7))}"]
        lines += ["signatories:", f"  - id: {pid}-a", "    name: Anna Exempel (fiktiv)",
                  *_loc("role", "kommundirektör", "Municipal Chief Executive", "    "),
                  "    organisation: kommunen", f"  - id: {pid}-b", "    name: Bo Exempel (fiktiv)",
                  *_loc("role", "lokalpolisområdeschef", "Head of the local police area", "    "),
                  "    organisation: polisen",
                  "statements:", f"  - signatory: {pid}-a",
                  *_block("text", _markdown(rng, WORDS_SV), _markdown(rng, WORDS_EN), "    ")]
        (folder / "promise.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
        for a in range(FOCUS_PER_PROMISE):
            aid = f"{pid}-omrade{a + 1}"
            lines = [f"id: {aid}",
                     *_loc("title", f"Område {a + 1}: {rng.choice(WORDS_SV)}",
                           f"Area {a + 1}: {rng.choice(WORDS_EN)}", ""),
                     *_loc("goal", _sentence(rng, WORDS_SV, 12), _sentence(rng, WORDS_EN, 12), ""),
                     *_block("description", _markdown(rng, WORDS_SV), _markdown(rng, WORDS_EN), ""),
                     *_block("background", _markdown(rng, WORDS_SV), _markdown(rng, WORDS_EN), ""),
                     "commitments:"]
            for c in range(COMMITMENTS_PER_AREA):
                cid = f"{aid}-{c + 1}"
                lines += [f"  - id: {cid}",
                          *_block("text", _markdown(rng, WORDS_SV), _markdown(rng, WORDS_EN), "    "),
                          f"    responsible: [{', '.join(rng.sample(ORGS, 2))}]",
                          "    target:", f"      value: \"{rng.randint(1, 50)}\"",
                          *_loc("unit", "tillfällen", "occasions", "      "),
                          *_loc("indicator", _sentence(rng, WORDS_SV, 6), _sentence(rng, WORDS_EN, 6), "    "),
                          "    follow_ups:"]
                for f in range(FOLLOW_UPS_PER_COMMITMENT):
                    status = rng.choice(STATUSES)
                    lines += [f"      - id: {cid}-u{f + 1}", f"        date: {year}-0{4 * f + 4}-30",
                              "        period_type: tertial", f"        period: {year} T{f + 1}",
                              f"        status: {status}", f"        actual: \"{rng.randint(0, 60)}\""]
                    if status in NEEDS_REASON:
                        lines += _loc("reason", _sentence(rng, WORDS_SV, 8),
                                      _sentence(rng, WORDS_EN, 8), "        ")
                    lines += _block("summary", _markdown(rng, WORDS_SV), _markdown(rng, WORDS_EN),
                                    "        ")
                    lines += ["        actions:", f"          - date: {year}-0{4 * f + 3}-15",
                              f"            count: \"{rng.randint(1, 9)}\"",
                              *_loc("description", _sentence(rng, WORDS_SV, 6),
                                    _sentence(rng, WORDS_EN, 6), "            "),
                              "        evidence:",
                              f"          - url: https://example.org/rapport/{cid}-u{f + 1}",
                              *_loc("title", "Rapport (fiktiv)", "Report (fictional)", "            ")]
            (folder / f"{a + 1:02d}-omrade.yaml").write_text("\n".join(lines) + "\n",
                                                               encoding="utf-8")
    return content


if __name__ == "__main__":
    import sys

    out = write_corpus(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 10_000)
    print(out)
