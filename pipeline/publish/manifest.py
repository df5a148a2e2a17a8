"""What a release holds: manifest.json (each file described) and CHECKSUMS (sha256sum's form).

The communications team reads the manifest to know which file is for what:
the HTML for the web, the PDF for e-mail and the archive, the Word file for
anyone who must edit or asks for Word, and a print PDF for the print shop.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import asdict, dataclass
from pathlib import Path

from pipeline.content.model import Content, Publication
from pipeline.files import write_atomically
from pipeline.formats import READ_AS, file_name, with_variants
from pipeline.problems import Problems
from pipeline.render.labels import N_
from pipeline.render.localizer import Localizer

MANIFEST = "manifest.json"
CHECKSUMS = "CHECKSUMS"
# A format's intended use, in English (the manifest's language); the index page translates it.
USES = {"html": N_("web"), "pdf": N_("e-mail and archive"), "docx": N_("editing (Word)"),
        "print": N_("print")}
INDEX_USE = "overview for the team"


@dataclass(frozen=True)
class Entry:
    path: str  # relative to the release folder, with forward slashes
    publication: str | None
    kind: str
    language: str | None
    format: str
    title: str
    use: str
    size: int
    sha256: str


def describe_files(folder: Path, content: Content) -> list[Entry]:
    """An entry for every file in `folder` (hidden files aside), in path order."""
    owners = {f"{p.slug}/{file_name(f'{p.slug}-{lang}', fmt)}": (p, lang, fmt)
              for p in content.publications.values() for lang in p.languages
              for fmt in with_variants(p, p.formats)}
    entries = []
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        if not path.is_file() or any(part.startswith(".") for part in name.split("/")) \
                or name in (MANIFEST, CHECKSUMS):
            continue
        size, digest = path.stat().st_size, sha256(path)
        if name in owners:
            publication, lang, fmt = owners[name]
            entries.append(Entry(name, publication.slug, publication.kind, lang,
                                 READ_AS.get(fmt, fmt), title(publication, lang), USES[fmt],
                                 size, digest))
        else:  # the index page
            lang = content.site.default_language
            heading = Localizer(lang, Problems()).gettext("Publications")
            entries.append(Entry(name, None, "index", lang, path.suffix.lstrip("."), heading,
                                 INDEX_USE, size, digest))
    return entries


def title(publication: Publication, lang: str) -> str:
    """The publication's title in `lang`, the language of that version."""
    return Localizer(lang, Problems(), publication.fallback).text(publication.title)


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as source:
        for block in iter(lambda: source.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_manifest(folder: Path, entries: list[Entry], built_on: dt.date,
                   commit: str | None) -> Path:
    manifest = {"release": folder.name, "built": built_on.isoformat(),
                "content_commit": commit, "files": [asdict(entry) for entry in entries]}
    target = folder / MANIFEST
    write_atomically(target, json.dumps(manifest, ensure_ascii=False, indent=2) + "\n")
    return target


def write_checksums(folder: Path, entries: list[Entry]) -> Path:
    """Every file with the manifest, as `sha256sum -c CHECKSUMS` reads it in `folder`."""
    lines = [f"{entry.sha256}  {entry.path}" for entry in entries]
    lines.append(f"{sha256(folder / MANIFEST)}  {MANIFEST}")
    target = folder / CHECKSUMS
    write_atomically(target, "\n".join(sorted(lines, key=lambda line: line[66:])) + "\n")
    return target
