"""`ncp new hearing`: a new hearing response, ready to fill in and build."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import yaml

from pipeline.render.markdown_text import escape_markup
from pipeline.scaffold.yamltext import dump

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
UNDATED = "# UTFYLLES: datoen på høringsbrevet (i dag står i stedet)"
UNFINISHED = "# fjern linjen når svaret er ferdig: til da er det merket UTKAST"


def slug(text: str, longest: int = 60) -> str:
    """A folder name of whole words: `longest` characters at most, never a word cut."""
    text = text.lower()
    for old, new in (("æ", "ae"), ("ø", "oe"), ("å", "aa")):
        text = text.replace(old, new)
    words = re.findall(r"[a-z0-9]+", text)
    kept = words[:1]
    for word in words[1:]:
        if len("-".join([*kept, word])) > longest:
            break
        kept.append(word)
    return "-".join(kept)[:longest]  # only a first word longer than the limit is cut


def new_hearing(content: Path, title: str, recipient: str, address: list[str],
                deadline: dt.date, lang: str, today: dt.date,
                letter_date: dt.date | None = None) -> Path:
    """Create publications/<slug>/ with publication.yaml and a letter body to fill in.

    Signatories and the case officer are copied from the newest hearing
    response, so the usual people sign unless the writer changes them. The
    letter is a draft until the writer removes `draft: true`; without the
    consultation letter's date, today's stands in, marked at its line.
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
        "consultation": {"title": {lang: title}, "letter_date": letter_date or today,
                         "deadline": deadline},
        "case_officer": previous.get("case_officer", {"name": "", "phone": ""}),
        "signatories": previous.get("signatories", [{"name": "", "title": {lang: ""}}]),
        "chapters": ["brev.md"],
        "draft": True,
    }
    (folder / lang).mkdir(parents=True)
    text = dump(publication)
    if letter_date is None:
        text = re.sub(r"(\n  letter_date: [0-9-]+)\n", rf"\1  {UNDATED}\n", text, count=1)
    text = text.replace("\ndraft: true\n", f"\ndraft: true  {UNFINISHED}\n")
    (folder / "publication.yaml").write_text(
        "# Fyll inn referansene, datoen på høringsbrevet og hvem som signerer.\n" + text,
        encoding="utf-8")
    topic_text = escape_markup(topic[:1].lower() + topic[1:])
    (folder / lang / "brev.md").write_text(LETTER_BODY[lang].format(topic=topic_text),
                                           encoding="utf-8")
    return folder


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
