"""output/index.html: every publication, language and format, for the web team."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import jinja2

from pipeline.content.model import Content, Publication
from pipeline.files import atomic_target
from pipeline.problems import Problems
from pipeline.render import labels
from pipeline.render.localizer import LANGUAGE_NAMES, Localizer
from pipeline.resources import TEMPLATES

HTML_TEMPLATES = TEMPLATES / "html"
FORMAT_NAMES = {"html": "HTML", "docx": "Word (DOCX)", "pdf": "PDF"}
KIND_NAMES = {
    "annual-report": labels.N_("Annual report"),
    "brochure": labels.N_("Brochure"),
    "guidance": labels.N_("Guidance"),
    "hearing-response": labels.N_("Hearing response"),
    "plan": labels.N_("Business plan"),
}


@dataclass(frozen=True)
class Listed:
    href: str
    lang: str
    label: str
    size: str


def write_index(content: Content, output_root: Path, problems: Problems) -> Path:
    """List what lies in `output_root` now, newest publications first.

    Each title is in a language of its own publication: the site's default
    when the publication has it, else its first.
    """
    localizer = Localizer(content.site.default_language, problems)
    _ = localizer.gettext
    entries = []
    for publication in sorted(content.publications.values(),
                              key=lambda p: (p.date, p.slug), reverse=True):
        files = [
            Listed(f"{publication.slug}/{path.name}", lang,
                   f"{LANGUAGE_NAMES[lang]}, {FORMAT_NAMES[fmt]}",
                   f"{localizer.number(path.stat().st_size / 1024, 0)} kB")
            for lang in publication.languages for fmt in ("html", "pdf", "docx")
            if (path := output_root / publication.slug / f"{publication.slug}-{lang}.{fmt}")
            .is_file()
        ]
        if files:
            entries.append({"title": _title(publication, localizer),
                            "kind": _(KIND_NAMES[publication.kind]),
                            "date": localizer.date(publication.date), "files": files})
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(HTML_TEMPLATES)), autoescape=True)
    page = env.get_template("index.html").render(
        lang=localizer.lang, heading=_("Publications"), organisation=localizer.text(
            content.site.organisation.name), caption=_("Every publication, language and format"),
        primary=content.brand.colors["primary"], entries=entries,
        labels={"publication": _("Publication"), "kind": _("Kind"), "date": _("Date"),
                "files": _("Files")})
    target = output_root / "index.html"
    with atomic_target(target) as temporary:
        temporary.write_text(page, encoding="utf-8")
    return target


def _title(publication: Publication, localizer: Localizer) -> str:
    if localizer.lang not in publication.languages:
        localizer = Localizer(publication.languages[0], localizer.problems)
    title = localizer.text(publication.title)
    return labels.draft_title(title, localizer.gettext) if publication.draft else title
