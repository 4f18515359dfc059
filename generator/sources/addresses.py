"""The site's published address (site.yaml's base_url, or --base-url): absolute http(s) only.

Every absolute link the build writes starts with it: canonical and alternate links, the
sitemap, the feeds, the DCAT catalogue that dataportal.se harvests, the data package's paths.
A relative path, another scheme or a space would publish addresses no one can open, and a
malformed one (an unclosed IPv6 bracket) failed the build with a traceback.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# any whitespace (Unicode's too), controls, invisible format characters, what a URL must escape
_UNSAFE = re.compile("[\\s\x00-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff"
                     '"<>\\\\^`{|}]')


def base_url_problem(url: str) -> str | None:
    """Why `url` cannot be the site's address (for tests and debugging: the message the
    editor reads, `bad_base_url`, says what a good one looks like), or None."""
    if _UNSAFE.search(url):
        return "unsafe_character"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError:
        return "malformed"
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return "not_http"
    if parts.query or parts.fragment or url.endswith(("?", "#")):
        return "query_or_fragment"
    return None
