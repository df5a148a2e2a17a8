"""Link targets a publication may carry: web, e-mail and telephone, or a place in itself.

A browser ignores tabs and line breaks inside a URL and reads its scheme
without regard to case, so `java&#9;script:` is `javascript:`; the scheme is
read here the same way before it is allowed.
"""

from __future__ import annotations

import re

from pipeline.messages import Said, tr

ALLOWED_SCHEMES = ("http", "https", "mailto", "tel")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):", re.IGNORECASE)
_IGNORED_BY_BROWSERS = re.compile(r"[\t\n\r]")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def scheme(target: str) -> str | None:
    """The scheme a browser would read in `target`, lower-cased; None for a relative one."""
    match = _SCHEME.match(_IGNORED_BY_BROWSERS.sub("", target).strip())
    return match.group(1).lower() if match else None


def link_problem(target: str) -> Said | None:
    """Why `target` may not be a link (said as what follows "the link '…'"), or None."""
    if _CONTROL.search(target):
        return tr("holds a control character")
    found = scheme(target)
    if found is not None and found not in ALLOWED_SCHEMES:
        return tr("uses '{scheme}:', which a publication may not link to", scheme=found)
    return None


def is_web_address(value: str) -> bool:
    return scheme(value) in ("http", "https") and not _CONTROL.search(value) \
        and " " not in value


def is_email(value: str) -> bool:
    return re.fullmatch(r"[^@\s<>\"'()]+@[^@\s<>\"'()]+\.[^@\s<>\"'()]+", value) is not None
