"""Language-dependent writing: dates, numbers, country names, fixed strings.

Dates, numbers and country names come from Babel's CLDR data. Fixed strings
the pipeline writes come from gettext catalogs in templates/locale/<lang>/,
read from the `.po` source (compiled in memory), so a reviewer edits one file.
"""

from __future__ import annotations

import datetime as dt
import gettext
from functools import cache
from pathlib import Path

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal, format_percent

from pipeline.content.model import Text
from pipeline.messages import catalog_path, compiled_catalog, tr
from pipeline.problems import Position, Problems

DOMAIN = "messages"

# Language code of the content model -> CLDR locale and BCP 47 tag with region.
BABEL_LOCALES = {"nb": "nb_NO", "nn": "nn_NO", "en": "en_GB"}
LANGUAGE_TAGS = {"nb": "nb-NO", "nn": "nn-NO", "en": "en-GB"}
# Each language named in itself, as a link to that language's version shows it.
LANGUAGE_NAMES = {"nb": "bokmål", "nn": "nynorsk", "en": "English"}


def language_tag(lang: str) -> str:
    return LANGUAGE_TAGS.get(lang, lang)


@cache
def translations(lang: str) -> gettext.NullTranslations:
    """The catalog of fixed strings for `lang` (English msgids stand for themselves)."""
    return compiled_catalog(catalog_path(lang, DOMAIN), BABEL_LOCALES.get(lang, lang))


class Localizer:
    """Writes values the way one language writes them."""

    def __init__(self, lang: str, problems: Problems, fallback: str | None = None) -> None:
        self.lang = lang
        self.fallback = fallback
        self.problems = problems  # a text missing in this language is reported here
        self.locale = Locale.parse(BABEL_LOCALES.get(lang, lang))
        self.gettext = translations(lang).gettext

    def text(self, value: Text | None) -> str:
        """`value` in this language, or in the fallback language marked as such."""
        if not value:
            return ""
        if self.lang in value:
            return value[self.lang]
        if self.fallback and self.fallback in value:
            return LocalizedStr(value[self.fallback], self.fallback)
        where = value.position or Position(Path("."))
        self.problems.error(where, tr("this text has no {lang} version", lang=self.lang),
                            tr("add a '{lang}:' line, or set 'fallback:' in publication.yaml",
                               lang=self.lang))
        return ""

    def date(self, value: dt.date, style: str = "long") -> str:
        return format_date(value, style, locale=self.locale)

    def number(self, value: float, decimals: int | None = None) -> str:
        if decimals is not None:
            value = round(value, decimals)
            pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
            return format_decimal(value, format=pattern, locale=self.locale)
        return format_decimal(value, locale=self.locale)

    def percent(self, value: float, decimals: int = 0) -> str:
        sign = "%" if self.lang == "en" else "\u00a0%"
        pattern = "#,##0" + ("." + "0" * decimals if decimals else "") + sign
        return format_percent(value, format=pattern, locale=self.locale)

    def country(self, code: str) -> str:
        return self.locale.territories.get(code, code)


class LocalizedStr(str):
    """Text in a language other than the document's (a fallback); keeps its tag."""

    lang: str

    def __new__(cls, value: str, lang: str) -> LocalizedStr:
        instance = super().__new__(cls, value)
        instance.lang = lang
        return instance
