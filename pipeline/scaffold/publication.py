"""`ncp new publication KIND SLUG` and `ncp new chapter PUBLICATION NAME`."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

import yaml

from pipeline.content.shapes import PUBLICATION
from pipeline.content.vocabulary import STATEMENT_STEPS
from pipeline.content.yamlfile import load_yaml
from pipeline.messages import Said, tr
from pipeline.problems import Problems
from pipeline.render.markdown_text import escape_markup
from pipeline.scaffold.yamltext import append_to_list, commented

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
CHAPTER = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\.md")
FIRST_CHAPTER = "innledning.md"
# A chapter to write: its heading and a line saying so, in the chapter's language.
CHAPTER_TEXT = {
    "nb": ("Nytt kapittel", "Skriv teksten her."),
    "nn": ("Nytt kapittel", "Skriv teksten her."),
    "en": ("New chapter", "Write the text here."),
}
UNTITLED = {"nb": "Ny publikasjon", "nn": "Ny publikasjon", "en": "New publication"}
# Kinds laid out from the data of a year: they need the year of a plan in plans/.
YEAR_KINDS = ("annual-report", "plan")
NOTES = {
    "title": "Fill in.",
    "date": "Set the day it is published.",
    "draft": "Remove this line when the publication is ready: until then every output is "
             "marked as a draft.",
}


class ScaffoldError(ValueError):
    """A skeleton that cannot be made as asked; the message says why."""


def readable_mapping(path: Path, refusal: Callable[[str | None], Said]) -> dict:
    """The fields of the YAML file at `path`; a ScaffoldError with `refusal(reason)` when
    there is no such file or it holds no mapping (the reason: what reading it found)."""
    problems = Problems()
    data = load_yaml(path, problems) if path.is_file() else None
    if not isinstance(data, dict):
        raise ScaffoldError(refusal(problems.errors[0].message if problems.errors else None))
    return data


def new_publication(content: Path, kind: str, slug: str, languages: list[str],
                    today: dt.date, title: str | None = None) -> Path:
    """Create publications/<slug>/ with a commented publication.yaml and a first chapter."""
    if kind == "hearing-response":
        raise ScaffoldError(tr("a hearing response starts with 'ncp new hearing', which "
                               "fills in its letter"))
    if kind in STATEMENT_STEPS:
        raise ScaffoldError(tr("a publication of kind '{kind}' starts with 'ncp new statement "
                               "CASE --kind {kind}', which fills in its frame from the case",
                               kind=kind))
    if not SLUG.fullmatch(slug):
        raise ScaffoldError(tr("'{slug}' is not a folder name: use lower-case letters, digits "
                               "and hyphens, such as arsrapport-2026", slug=slug))
    folder = content / "publications" / slug
    if folder.exists():
        raise ScaffoldError(tr("{path} exists already", path=folder))
    languages = languages or [_default_language(content)]
    first = languages[0]
    values: dict[str, object] = {
        "kind": kind,
        "title": {lang: title if title and lang == first else UNTITLED[lang]
                  for lang in languages},
        "languages": languages,
        "formats": ["html", "docx", "pdf"],
        "date": today,
        "draft": True,
    }
    names = ["kind", "title", "subtitle", "languages", "formats", "date", "chapters", "draft"]
    if kind in YEAR_KINDS:
        values["year"] = _newest_plan_year(content, today)
        names.append("year")
    if len(languages) > 1:
        values["fallback"] = first
        names.append("fallback")
    if kind != "plan":  # a plan is laid out from plans/<year>.yaml alone
        values["chapters"] = [FIRST_CHAPTER]
    chosen = tuple(n for n in PUBLICATION.names if n in names)
    folder.mkdir(parents=True)
    (folder / "publication.yaml").write_text(commented(PUBLICATION, values, NOTES, chosen),
                                             encoding="utf-8")
    if kind != "plan":
        for lang in languages:
            _write_chapter(folder / lang / FIRST_CHAPTER, lang, None)
    return folder


def new_chapter(content: Path, slug: str, name: str, title: str | None = None) -> list[Path]:
    """Add chapter `name` to the publication's list and write it in each of its languages."""
    name = name if name.endswith(".md") else f"{name}.md"
    if not CHAPTER.fullmatch(name):
        raise ScaffoldError(tr("'{name}' is not a chapter file name: use lower-case letters, "
                               "digits and hyphens, such as metode.md", name=name))
    path = content / "publications" / slug / "publication.yaml"
    data = readable_mapping(path, lambda reason: tr(
        "there is no readable publication '{slug}': {reason}", slug=slug, reason=reason)
        if reason else tr("there is no readable publication '{slug}'", slug=slug))
    if name in (data.get("chapters") or []):
        raise ScaffoldError(tr("{slug} lists {name} already", slug=slug, name=name))
    languages = data.get("languages") or [_default_language(content)]
    targets = [path.parent / lang / name for lang in languages]
    if existing := [str(target) for target in targets if target.exists()]:
        raise ScaffoldError(tr("{path} exists already", path=", ".join(existing)))
    for lang, target in zip(languages, targets, strict=True):
        _write_chapter(target, lang, title)
    text = path.read_text(encoding="utf-8")
    path.write_text(append_to_list(text, data, "chapters", name), encoding="utf-8")
    return targets


def _write_chapter(path: Path, lang: str, title: str | None) -> None:
    heading, line = CHAPTER_TEXT[lang]
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as file:
        file.write(f"# {escape_markup(title) if title else heading}\n\n{line}\n")


def _default_language(content: Path) -> str:
    site = yaml.safe_load((content / "site.yaml").read_text(encoding="utf-8"))
    return str(site.get("default_language", "nb")) if isinstance(site, dict) else "nb"


def _newest_plan_year(content: Path, today: dt.date) -> int:
    """The newest year with a plan in plans/ (this year when there is none yet)."""
    years = [int(p.stem) for p in (content / "plans").glob("*.yaml") if p.stem.isdigit()]
    return max(years, default=today.year)
