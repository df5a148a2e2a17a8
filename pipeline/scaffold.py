"""`ncp new hearing`: a new hearing response, ready to fill in and build."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import yaml

from pipeline.render.markdown_text import escape_markup

LETTER_BODY = {
    "nb": ("Vi viser til høringsbrev av {{{{ publication.consultation.letter_date | date }}}} "
           "om {topic}.\n\n"
           "{{## Skriv hovedsynspunktet først, så punktene under egne overskrifter. ##}}\n\n"
           "# Våre merknader\n\n"),
    "nn": ("Vi viser til høyringsbrev av {{{{ publication.consultation.letter_date | date }}}} "
           "om {topic}.\n\n"
           "{{## Skriv hovudsynspunktet først, så punkta under eigne overskrifter. ##}}\n\n"
           "# Merknadene våre\n\n"),
}
PREFIX = {"nb": "Høringssvar", "nn": "Høyringssvar"}


def slug(text: str) -> str:
    text = text.lower()
    for old, new in (("æ", "ae"), ("ø", "oe"), ("å", "aa")):
        text = text.replace(old, new)
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:60]


def new_hearing(content: Path, title: str, recipient: str, address: list[str],
                deadline: dt.date, lang: str, today: dt.date) -> Path:
    """Create publications/<slug>/ with publication.yaml and a letter body to fill in.

    Signatories and the case officer are copied from the newest hearing
    response, so the usual people sign unless the writer changes them.
    """
    topic = re.sub(rf"^({PREFIX[lang]}|Høring|Høyring)\s*[–-]\s*", "", title).strip()
    folder = content / "publications" / f"{slug(PREFIX[lang])}-{slug(topic)}"
    if folder.exists():
        raise FileExistsError(folder)
    previous = _newest_hearing(content, lang)
    publication = {
        "kind": "hearing-response",
        "title": {lang: f"{PREFIX[lang]} – {topic}"},
        "languages": [lang],
        "formats": ["html", "docx", "pdf"],
        "date": today,
        "recipient": {"name": recipient, "address": address},
        "their_ref": "",
        "our_ref": "",
        "consultation": {"title": {lang: title}, "letter_date": today, "deadline": deadline},
        "case_officer": previous.get("case_officer", {"name": "", "phone": ""}),
        "signatories": previous.get("signatories", [{"name": "", "title": {lang: ""}}]),
        "chapters": ["brev.md"],
    }
    (folder / lang).mkdir(parents=True)
    text = yaml.dump(publication, Dumper=_PlainDumper, allow_unicode=True, sort_keys=False,
                     default_flow_style=None, width=100)
    (folder / "publication.yaml").write_text(
        "# Fyll inn referansene, datoen på høringsbrevet og hvem som signerer.\n" + text,
        encoding="utf-8")
    topic_text = escape_markup(topic[:1].lower() + topic[1:])
    (folder / lang / "brev.md").write_text(LETTER_BODY[lang].format(topic=topic_text),
                                           encoding="utf-8")
    return folder


class _PlainDumper(yaml.SafeDumper):
    """YAML as writers write it: no &anchors and *aliases for repeated values."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def _newest_hearing(content: Path, lang: str) -> dict:
    """The newest hearing response in `lang`, whose people the new one reuses."""
    newest: tuple[dt.date, dict] | None = None
    for path in (content / "publications").glob("*/publication.yaml"):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (yaml.YAMLError, UnicodeDecodeError):
            continue
        if isinstance(data, dict) and data.get("kind") == "hearing-response" and \
                lang in (data.get("languages") or []) and \
                isinstance(data.get("date"), dt.date) and \
                (newest is None or data["date"] > newest[0]):
            newest = (data["date"], data)
    return newest[1] if newest else {}
