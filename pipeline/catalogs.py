"""Upkeep of the catalogs of ncp's messages (`make locale`), and their table in the docs.

`pybabel` gathers the messages marked with `tr` into `ncp.pot` and each
language's `ncp.po`; here the English catalog gets each message's own text (so
English wording is edited where the other languages are), and
`docs/errors.md` gets the table of every message in bokmål, nynorsk and English.
"""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from pipeline.files import write_atomically
from pipeline.messages import catalog_path

TABLE_START = "<!-- every message: written by `ncp messages --docs`; do not edit by hand -->"
TABLE_END = "<!-- end of every message -->"
TABLE_LANGUAGES = ("en", "nb", "nn")


def read_catalog(lang: str) -> Catalog:
    with catalog_path(lang).open("rb") as source:
        return read_po(source, locale=lang)


def fill_english() -> Path:
    """Give every message of the English catalog its own text where it has none."""
    catalog = read_catalog("en")
    for message in catalog:
        if message.id and not _has_text(message.string):
            message.string = message.id
            message.flags.discard("fuzzy")
    path = catalog_path("en")
    with path.open("wb") as target:
        write_po(target, catalog, width=76, ignore_obsolete=True)
    return path


def with_message_table(document: str) -> str:
    """`document` with its table of every message replaced by the catalogs' current one."""
    table = f"{TABLE_START}\n\n{_table()}\n\n{TABLE_END}"
    pattern = re.compile(re.escape(TABLE_START) + r".*?" + re.escape(TABLE_END), re.DOTALL)
    if pattern.search(document):
        return pattern.sub(lambda _match: table, document)
    return f"{document.rstrip()}\n\n{table}\n"


def write_message_table(docs: Path) -> None:
    write_atomically(docs, with_message_table(docs.read_text(encoding="utf-8")))


def _table() -> str:
    catalogs = {lang: {m.id: m.string for m in read_catalog(lang) if m.id}
                for lang in TABLE_LANGUAGES}
    rows = ["| English | bokmål | nynorsk |", "| --- | --- | --- |"]
    for msgid in sorted(catalogs["en"], key=lambda key: _first(key).lower()):
        cells = [_cell(catalogs[lang].get(msgid) or "") for lang in TABLE_LANGUAGES]
        rows.append(f"| {' | '.join(cells)} |")
    return "\n".join(rows)


def _cell(text: str | tuple[str, ...]) -> str:
    forms = [form for form in (text if isinstance(text, tuple) else (text,)) if form]
    return " / ".join(_code(form) for form in dict.fromkeys(forms))


def _code(text: str) -> str:
    fence = "``" if "`" in text else "`"
    padded = f" {text} " if fence == "``" else text
    return f"{fence}{padded}{fence}".replace("|", "\\|")


def _first(msgid: str | tuple[str, ...]) -> str:
    return msgid[0] if isinstance(msgid, tuple) else msgid


def _has_text(string: str | tuple[str, ...]) -> bool:
    return all(string) if isinstance(string, tuple) else bool(string)
