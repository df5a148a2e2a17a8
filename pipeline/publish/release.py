"""`ncp release`: every publication built from a clean state into a dated folder and a zip.

A release is what the communications team publishes as it is, so it is refused
while the content is not finished: a draft, placeholder text and contact
details left from the example content (example.no, TODO, Lorem ipsum), each
reported at its file and line, or a file that differs from the content's git
commit (the release names that commit as the text it was made from).
(`ncp check --strict` runs before, from the command line.) The build itself is
given as `run_build`: this module comes before the build in the phases and
never imports it.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pipeline.content.model import Content
from pipeline.files import atomic_target
from pipeline.messages import tr
from pipeline.problems import Position, Problems
from pipeline.publish.content_version import built_on, content_commit, uncommitted
from pipeline.publish.manifest import Entry, describe_files, write_checksums, write_manifest

PLACEHOLDER = re.compile(r"(?i:\bexample\.(?:no|com)\b)|\bTODO\b|\b(?i:lorem)\b")
TEXT_SUFFIXES = {".md", ".yaml", ".yml", ".bib", ".csl", ".json", ".csv", ".txt", ".svg"}


@dataclass(frozen=True)
class Release:
    folder: Path
    archive: Path
    entries: list[Entry]


def refuse_unfinished(content: Content, problems: Problems) -> None:
    """An error for each draft publication, each placeholder line of the content and each
    file that differs from the content's commit."""
    for publication in sorted(content.publications.values(), key=lambda p: p.slug):
        if publication.draft:
            source = publication.folder / "publication.yaml"
            problems.error(Position(source, _line_of(source, re.compile(r"^draft:"))),
                           tr("'{slug}' is a draft, so it cannot be released",
                              slug=publication.slug),
                           tr("remove 'draft: true' when the publication is finished"))
    for path in sorted(content.root.rglob("*")):
        if path.suffix.lower() not in TEXT_SUFFIXES or not path.is_file() \
                or any(part.startswith(".") for part in path.relative_to(content.root).parts):
            continue
        for number, line in enumerate(_lines(path), start=1):
            if found := PLACEHOLDER.search(line):
                problems.error(Position(path, number, found.start() + 1),
                               tr("placeholder '{placeholder}' left in the content, so it "
                                  "cannot be released", placeholder=found.group()),
                               tr("write the real text or contact detail, or remove the line"))
    for path in uncommitted(content.root):
        problems.error(Position(path),
                       tr("the file differs from the content's git commit, so the release "
                          "would not be the text it names"),
                       tr("commit the change (git add, then git commit), or undo it"))


def _lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):  # reported by the check, which ran first
        return []


def _line_of(path: Path, pattern: re.Pattern[str]) -> int | None:
    for number, line in enumerate(_lines(path), start=1):
        if pattern.search(line):
            return number
    return None


def selected(content: Content, year: int | None) -> list[str]:
    """The slugs a release holds: every publication, or those dated `year`."""
    return sorted(p.slug for p in content.publications.values()
                  if year is None or p.date.year == year)


def release_folder(releases: Path, year: int | None, built_on: dt.date) -> Path:
    """A new folder under `releases`, named by year and date; a second one that day gets -2."""
    stem = f"release-{year}-{built_on.isoformat()}" if year else f"release-{built_on.isoformat()}"
    folder, count = releases / stem, 1
    while folder.exists() or folder.with_suffix(".zip").exists():
        count += 1
        folder = releases / f"{stem}-{count}"
    return folder


def make_release(content: Content, releases: Path, year: int | None,
                 run_build: Callable[[Path, list[str]], None]) -> Release:
    """Build the selected publications into a new release folder; add manifest, checksums, zip.

    `run_build(folder, slugs)` builds every output of `slugs` into `folder` from a
    clean state; it raises when the build fails.
    """
    day = built_on()
    folder = release_folder(releases, year, day)
    run_build(folder, selected(content, year))
    entries = describe_files(folder, content)
    write_manifest(folder, entries, day, content_commit(content.root))
    write_checksums(folder, entries)
    return Release(folder, pack(folder, day), entries)


def pack(folder: Path, day: dt.date) -> Path:
    """`folder` as a zip beside it, its files (not the hidden ones) under the folder's name."""
    archive = folder.with_suffix(".zip")
    stamp = (day.year, day.month, day.day, 12, 0, 0)
    with atomic_target(archive) as temporary, \
            zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as packed:
        for path in sorted(folder.rglob("*")):
            name = path.relative_to(folder).as_posix()
            if path.is_file() and not any(part.startswith(".") for part in name.split("/")):
                info = zipfile.ZipInfo(f"{folder.name}/{name}", stamp)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                packed.writestr(info, path.read_bytes())
    return archive
