"""What `ncp` says to writers, in their language: errors, warnings, hints, progress.

Every message is an English msgid marked with `tr` (or `tr_n` where a number
decides the form), translated through the gettext catalog
`templates/locale/<lang>/LC_MESSAGES/ncp.po` and then filled in with its named
fields: `tr("the file is larger than {size} MB", size=2)`. A field holds what
the writer wrote (a name, a word, a path) and is never translated.

The language is chosen once per command (`choose`, then `use`): $NCP_LANGUAGE
when set, else the locale's (LANGUAGE, LC_ALL, LC_MESSAGES, LANG), else, on a
machine that names no language (C, POSIX), the site's default language when it
is Norwegian. Bokmål for `nb` and `no`, nynorsk for `nn`, English otherwise.
Nothing chosen means English, as in tests that call the pipeline directly.
"""

from __future__ import annotations

import gettext
import io
import os
import re
from collections.abc import Mapping
from functools import cache
from pathlib import Path

from pipeline.resources import TEMPLATES

CATALOGS = TEMPLATES / "locale"
DOMAIN = "ncp"
LANGUAGES = ("nb", "nn", "en")
LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
_SITE_DEFAULT = re.compile(r"^default_language:\s*['\"]?(\w+)", re.MULTILINE)
_SITE_READ_LIMIT = 64 * 1024  # the field sits near the top; a huge file is the loader's to refuse

_current = {"lang": "en"}


class Said(str):
    """A message taken from the catalog: the only kind of text a problem is told in."""


def tr(msgid: str, /, **fields: object) -> Said:
    """`msgid` in the chosen language, its `{fields}` filled in."""
    return _filled(_translations(_current["lang"]).gettext(msgid), msgid, fields)


def tr_n(singular: str, plural: str, count: int, /, **fields: object) -> Said:
    """The form of the message that goes with `count` (given to the text as `{count}`)."""
    text = _translations(_current["lang"]).ngettext(singular, plural, count)
    english = singular if count == 1 else plural
    return _filled(text, english, {"count": count, **fields})


def use(lang: str) -> None:
    """Speak `lang` (nb, nn or en) from now on in this process."""
    _current["lang"] = lang if lang in LANGUAGES else "en"


def language() -> str:
    return _current["lang"]


def number(value: float, places: int | None = None, lang: str | None = None) -> str:
    """A number as `lang` (the chosen language when None) writes it: "0,4" and "20 000 000"
    (a no-break space between the thousands) in Norwegian, "0.4" and "20,000,000" in
    English; with `places` decimals when given, else with those it has."""
    if places is not None:
        text = f"{value:,.{places}f}"
    elif float(value).is_integer():
        text = f"{int(value):,}"
    else:
        text = f"{value:,}"
    english = (lang or _current["lang"]) == "en"
    return text if english else text.replace(",", "\u00a0").replace(".", ",")


def whole_number(value: int, lang: str | None = None) -> str:
    """A whole number as `lang` writes it: four digits ungrouped ("2100", as Norwegian
    allows and a year needs), more grouped ("1 000 000")."""
    return str(value) if abs(value) < 10_000 else number(value, lang=lang)


def choose(environ: Mapping[str, str], content: Path | None = None) -> str:
    """The language a command speaks, from the environment and the site's default language."""
    named = environ.get("NCP_LANGUAGE", "").strip()
    if named:
        return _from_locale(named) or "en"
    for variable in LOCALE_VARIABLES:
        value = environ.get(variable, "").split(":")[0].strip()
        if value:
            return _from_locale(value) or _site_language(content) or "en"
    return _site_language(content) or "en"


def use_for_command(content: Path | None = None) -> None:
    use(choose(os.environ, content))


def _from_locale(value: str) -> str | None:
    """nb, nn or en for a locale name; None for one naming no language (C, POSIX)."""
    code = re.split(r"[_.@-]", value, maxsplit=1)[0].lower()
    if code in ("", "c", "posix"):
        return None
    return {"nb": "nb", "no": "nb", "nn": "nn"}.get(code, "en")


def _site_language(content: Path | None) -> str | None:
    """The site's default language when it is Norwegian; read only inside the content folder."""
    if content is None:
        return None
    site = content / "site.yaml"
    try:
        if not site.resolve().is_relative_to(content.resolve()):
            return None
        with site.open(encoding="utf-8", errors="replace") as source:
            head = source.read(_SITE_READ_LIMIT)
    except OSError:
        return None
    found = _SITE_DEFAULT.search(head)
    code = found.group(1) if found else None
    return code if code in ("nb", "nn") else None


def _filled(text: str, english: str, fields: Mapping[str, object]) -> Said:
    """`text` with its fields; a translation that names a field wrongly falls back to English."""
    try:
        return Said(text.format_map(fields))
    except (KeyError, IndexError, ValueError):
        return Said(english.format_map(fields))


@cache
def _translations(lang: str) -> gettext.NullTranslations:
    """The compiled catalog of `lang`, read from its `.po` source the first time it is used."""
    return compiled_catalog(catalog_path(lang), lang)


def catalog_path(lang: str, domain: str = DOMAIN) -> Path:
    """The `.po` catalog of `domain` in `lang`: ncp's messages, or a publication's
    fixed strings (`messages`)."""
    return CATALOGS / lang / "LC_MESSAGES" / f"{domain}.po"


def compiled_catalog(path: Path, locale: str) -> gettext.NullTranslations:
    """The gettext catalog of the `.po` file at `path`, compiled in memory (so that a
    reviewer edits one file); no translations when there is no such file."""
    if not path.is_file():
        return gettext.NullTranslations()
    from babel.messages.mofile import write_mo  # only a command that speaks pays for Babel
    from babel.messages.pofile import read_po

    with path.open("rb") as source:
        catalog = read_po(source, locale=locale)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)
