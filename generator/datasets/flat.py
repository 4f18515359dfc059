"""One row per commitment for journalists: what the four joins of the normalised tables give
(promise, theme, focus area, responsible organisations, latest assessment), with the address of
the commitment on the site in both languages. Made from the validated model, like every table."""

from __future__ import annotations

from generator.model import STATUSES, Content
from generator.render.pages import language_prefix
from generator.tables import Table, empty_tables

NAME = "commitments_flat"


def commitments_flat(content: Content, base_url: str) -> Table:
    """`base_url` ends with "/"."""
    table = empty_tables([NAME])[NAME]
    site = content.site
    for promise in content.promises:
        areas = {area.id: area for area in promise.focus_areas}
        for commitment in promise.commitments:
            area = areas.get(commitment.focus_area_id or "")
            theme = content.theme(area.theme) if area else None
            assessed = [f for f in commitment.history if f.status]
            latest = assessed[-1] if assessed else None
            status = commitment.status
            names = [content.organisation(org_id) for org_id in commitment.responsible]
            path = f"{promise.id}/{area.slug}/" if area else f"{promise.id}/"
            urls = {lang: f"{base_url}{language_prefix(lang, site.default_language)}{path}#{commitment.id}"
                    for lang in ("sv", "en")}
            table.add(
                commitment.pos, municipality_code=site.municipality_code,
                commitment_id=commitment.id, promise_id=promise.id, year=promise.start_year,
                theme_id=theme.id if theme else None,
                theme_sv=theme.title.sv if theme else None, theme_en=theme.title.en if theme else None,
                focus_area_id=area.id if area else None,
                focus_area_sv=area.title.sv if area else None,
                focus_area_en=area.title.en if area else None,
                text_sv=commitment.text.sv, text_en=commitment.text.en,
                responsible_sv="; ".join(o.name.sv or o.id for o in names if o),
                responsible_en="; ".join(o.name.en or o.name.sv or o.id for o in names if o),
                status=status, status_sv=STATUSES[status][0], status_en=STATUSES[status][1],
                status_date=latest.date if latest else None,
                status_reason_sv=latest.reason.sv if latest else None,
                status_reason_en=latest.reason.en if latest else None,
                url_sv=urls["sv"] if "sv" in site.languages else None,
                url_en=urls["en"] if "en" in site.languages else None,
            )
    return table
