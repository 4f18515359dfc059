"""The accessibility statement (tillgänglighetsredogörelse) says what the law asks of it.

Lagen (2018:1937) om tillgänglighet till digital offentlig service and Digg's instructions ask
every public website's statement for: how far the site complies, the content that is not
accessible (or that none is known), how the site was assessed and when, the date the statement
was made, a way to report problems, and the link to Digg's supervision. The link is part of the
theme's page; everything else is the municipality's to state in the `accessibility` block of
site.yaml. Each item still empty is a warning at its line (an error under --strict): the page
then says that the item has not been stated, and never fills it in itself.
"""

from __future__ import annotations

from generator.model import Accessibility, Content
from generator.problems import Position, Problems


def check_statement(content: Content, problems: Problems) -> int:
    """Warn once per required item the statement leaves empty; returns the count."""
    site = content.site
    if site.pos is None:  # site.yaml could not be read (reported already): nothing to check
        return 0
    a = site.accessibility
    missing: list[tuple[str, str]] = []  # (key in the block, message code)
    if not a.compliance:
        missing.append(("compliance", "statement_no_compliance"))
    if not a.known_gaps and not a.no_known_gaps:
        missing.append(("known_gaps", "statement_no_gaps"))
    elif a.no_known_gaps and a.compliance in ("partial", "none"):
        missing.append(("known_gaps", "statement_gaps_contradict"))
    if not a.assessment_method:
        missing.append(("assessment_method", "statement_no_method"))
    if not a.assessed_on:
        missing.append(("assessed_on", "statement_no_assessment_date"))
    if not a.statement_prepared:
        missing.append(("statement_prepared", "statement_no_date"))
    if not (a.report_email or site.contact.email or site.contact.phone):
        missing.append(("report_email", "statement_no_contact"))
    for key, code in missing:
        problems.add(_where(a, key, site.pos), code, field_name=f"accessibility.{key}",
                     severity="warning", compliance=a.compliance or "")
    return len(missing)


def _where(a: Accessibility, key: str, fallback: Position | None) -> Position:
    return a.positions.get(key) or a.positions.get("") or fallback or Position("site.yaml")
