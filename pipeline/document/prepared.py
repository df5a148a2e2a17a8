"""One publication in one language, parsed and ready for every format writer."""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pipeline import cache
from pipeline.content.model import Brand, Content, Publication
from pipeline.document.layout import Layout
from pipeline.document.pandoc import Ast
from pipeline.document.tree import meta_inlines, meta_string, target_of, walk
from pipeline.render.labels import DRAFT, DRAFT_NOTE, draft_title
from pipeline.render.localizer import Localizer, language_tag


@dataclass
class Document:
    publication: Publication
    lang: str
    ast: Ast
    brand: Brand
    title: str
    subtitle: str
    date: dt.date
    date_text: str
    organisation: str
    postal_address: str
    email: str
    web: str
    logo: Path | None
    logo_alt: str
    layout: Layout
    labels: dict[str, str]
    gettext: Callable[[str], str]
    work_dir: Path  # build/<slug>/: intermediate files of this publication
    figures: dict[str, list[object]]  # what each chapter inserted from the data

    @property
    def tag(self) -> str:
        return language_tag(self.lang)

    @property
    def toc(self) -> bool:
        return self.layout.toc

    @functools.cached_property
    def made_from(self) -> str:
        """The key of all its outputs are made from: the tree, metadata and layout, every
        image and font file, the brand. Computed once, though each format's key asks for it."""
        images: list[str] = []
        walk(self.ast["blocks"], lambda image: images.append(target_of(image).url), {"Image"})
        files = [self.brand.path, *(font.path for font in self.brand.fonts), *map(Path, images)]
        if self.logo:
            files.append(self.logo)
        return cache.key([
            self.lang, repr(self.layout), repr(self.labels),
            repr((self.title, self.subtitle, self.date, self.organisation,
                  self.postal_address, self.email, self.web, self.logo_alt)),
            json.dumps(self.ast, sort_keys=True, ensure_ascii=False),
            *(f"{path}:{cache.file_hash(path)}" for path in files),
        ])

    @property
    def stem(self) -> str:
        return f"{self.publication.slug}-{self.lang}"


def describe(content: Content, publication: Publication, localizer: Localizer, ast: Ast,
             layout: Layout, work_dir: Path, figures: dict[str, list[object]]) -> Document:
    org = content.site.organisation
    brand = content.brand
    _ = localizer.gettext
    title = localizer.text(publication.title)
    return Document(
        publication=publication,
        lang=localizer.lang,
        ast=ast,
        brand=brand,
        title=draft_title(title, _) if publication.draft else title,
        subtitle=localizer.text(publication.subtitle),
        date=publication.date,
        date_text=localizer.date(publication.date),
        organisation=localizer.text(org.name),
        postal_address=org.postal_address,
        email=org.email,
        web=org.web,
        logo=brand.logo,
        logo_alt=localizer.text(brand.logo_alt),
        layout=layout,
        labels={
            "contents": _("Contents"),
            "page": _("Page"),
            "of": _("of"),
            "skip": _("Skip to content"),
            **({"draft": _(DRAFT), "draft-note": _(DRAFT_NOTE)} if publication.draft else {}),
        },
        gettext=localizer.gettext,
        work_dir=work_dir,
        figures=figures,
    )


def metadata(document: Document) -> dict[str, object]:
    """Pandoc metadata shared by every format: text, so each writer escapes it."""
    values = {
        "title": document.title,
        "subtitle": document.subtitle,
        "date": document.date_text,
        "organisation": document.organisation,
        "postal-address": document.postal_address,
        "email": document.email,
        "web": document.web,
        "logo-alt": document.logo_alt,
        "toc-title": document.labels["contents"],
        "page-label": document.labels["page"],
        "of-label": document.labels["of"],
        "skip-label": document.labels["skip"],
        # A draft's mark: every template shows it (a banner, a watermark, a header).
        "draft": document.labels.get("draft", ""),
        "draft-note": document.labels.get("draft-note", ""),
    }
    if not document.layout.title_block:  # a letter: the frame shows title and date itself
        values["pagetitle"] = values.pop("title")
        values.pop("subtitle")
        values.pop("date")
    meta: dict[str, object] = {key: meta_inlines(value) for key, value in values.items() if value}
    meta["lang"] = meta_string(document.tag)
    return meta


def with_metadata(ast: Ast, meta: dict[str, object]) -> Ast:
    return {**ast, "meta": {**ast.get("meta", {}), **meta}}
