"""output/index.html: every publication, language and format, for the communications team.

In the brand (the publications' own stylesheet, fonts and logo, embedded, so
the page is one file like them), grouped by publication, each version under
its title in its own language, each file with its intended use, size and
date; above them the build's date and the content's version (its git commit).
"""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import jinja2

from pipeline.content.model import Brand, Content, Publication
from pipeline.files import atomic_target
from pipeline.formats import file_name
from pipeline.formats.html import brand_stylesheet
from pipeline.problems import Problems
from pipeline.publish.content_version import built_on, content_commit, uncommitted
from pipeline.publish.manifest import USES
from pipeline.render import labels
from pipeline.render.localizer import LANGUAGE_NAMES, Localizer, language_tag
from pipeline.resources import TEMPLATES

HTML_TEMPLATES = TEMPLATES / "html"
FORMAT_NAMES = {"html": "HTML", "docx": "Word (DOCX)", "pdf": "PDF",
                "print": labels.N_("PDF for print")}
KIND_NAMES = {
    "annual-report": labels.N_("Annual report"),
    "brochure": labels.N_("Brochure"),
    "guidance": labels.N_("Guidance"),
    "hearing-response": labels.N_("Hearing response"),
    "plan": labels.N_("Business plan"),
    "initial-assessment": labels.N_("Initial assessment"),
    "final-statement": labels.N_("Final statement"),
}
MEDIA_TYPES = {"svg": "image/svg+xml", "png": "image/png", "jpg": "image/jpeg",
               "jpeg": "image/jpeg", "woff": "font/woff"}


@dataclass(frozen=True)
class Listed:
    href: str
    format: str
    use: str
    size: str
    date: str
    iso_date: str


@dataclass(frozen=True)
class Version:
    tag: str
    language: str
    title: str
    files: list[Listed]


@dataclass(frozen=True)
class Entry:
    tag: str
    title: str
    kind: str
    date: str
    iso_date: str
    versions: list[Version]


def write_index(content: Content, output_root: Path, problems: Problems,
                font_cache: Path) -> Path:
    """List what lies in `output_root` now, newest publications first.

    `font_cache` is where the publications keep their web fonts: subsetting a font
    takes a second, so the index takes them from there rather than making its own.
    """
    localizer = Localizer(content.site.default_language, problems)
    _ = localizer.gettext
    entries = [entry for publication in sorted(content.publications.values(),
                                               key=lambda p: (p.date, p.slug), reverse=True)
               if (entry := _entry(publication, output_root, localizer)).versions]
    commit = content_commit(content.root)
    today = built_on()
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(HTML_TEMPLATES)), autoescape=True)
    page = env.get_template("index.html").render(
        lang=localizer.lang, heading=_("Publications"),
        organisation=localizer.text(content.site.organisation.name),
        logo=_data_uri(content.brand.logo) if content.brand.logo else None,
        logo_alt=localizer.text(content.brand.logo_alt),
        style=_stylesheet(content.brand, font_cache),
        built=localizer.date(today), built_iso=today.isoformat(),
        version=commit[:12] if commit else _("not in git"), entries=entries,
        changed=bool(commit) and bool(uncommitted(content.root)),
        labels={"skip": _("Skip to content"), "built": _("Built"),
                "version": _("Content version"),
                "changed": _("with changes not yet committed")})
    target = output_root / "index.html"
    with atomic_target(target) as temporary:
        temporary.write_text(page, encoding="utf-8")
    return target


def _entry(publication: Publication, output_root: Path, localizer: Localizer) -> Entry:
    own = (localizer.lang if localizer.lang in publication.languages
           else publication.languages[0])
    versions = []
    for lang in publication.languages:
        stem = f"{publication.slug}-{lang}"
        files = [_listed(path, fmt, localizer) for fmt in ("html", "pdf", "print", "docx")
                 if (path := output_root / publication.slug / file_name(stem, fmt)).is_file()]
        if files:
            versions.append(Version(language_tag(lang), LANGUAGE_NAMES[lang],
                                    _title(publication, lang, localizer.problems), files))
    return Entry(language_tag(own), _title(publication, own, localizer.problems),
                 localizer.gettext(KIND_NAMES[publication.kind]),
                 localizer.date(publication.date), publication.date.isoformat(), versions)


def _listed(path: Path, fmt: str, localizer: Localizer) -> Listed:
    stat = path.stat()
    day = dt.datetime.fromtimestamp(stat.st_mtime, dt.UTC).date()
    return Listed(f"{path.parent.name}/{path.name}", localizer.gettext(FORMAT_NAMES[fmt]),
                  localizer.gettext(USES[fmt]),
                  f"{localizer.number(stat.st_size / 1024, 0)} kB", localizer.date(day, "short"),
                  day.isoformat())


def _title(publication: Publication, lang: str, problems: Problems) -> str:
    """The title in `lang`, the language of that version (a draft's marked in it)."""
    localizer = Localizer(lang, problems, publication.fallback)
    title = localizer.text(publication.title)
    return labels.draft_title(title, localizer.gettext) if publication.draft else title


def _stylesheet(brand: Brand, font_cache: Path) -> str:
    """The publications' own CSS (brand and layout), with the fonts embedded."""
    # The index sets no italics: fewer bytes.
    upright = dataclasses.replace(brand, fonts=[f for f in brand.fonts if f.style == "normal"])
    brand_css = re.sub(r'url\("([^"]+)"\)',
                       lambda found: f'url("{_data_uri(Path(found.group(1)))}")',
                       brand_stylesheet(upright, font_cache))
    layout = (HTML_TEMPLATES / "publication.css").read_text(encoding="utf-8")
    index = (HTML_TEMPLATES / "index.css").read_text(encoding="utf-8")
    return "\n".join([brand_css, layout, index])


def _data_uri(path: Path) -> str:
    kind = MEDIA_TYPES.get(path.suffix.lower().lstrip("."), "application/octet-stream")
    return f"data:{kind};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"
