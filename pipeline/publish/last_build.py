"""The record of the last build, so that a build with nothing to do ends at once.

A build that changes nothing still had to load the content, render every
chapter and parse every document to learn that every output was up to date:
about a second. Its inputs are few and small, though: the content folder, the
pipeline itself (code, templates, tool versions) and what was asked for. So a
successful build records a fingerprint of those together with every file it
left in the output folder; the next build with the same fingerprint, finding
the output folder just as it was left, is up to date without reading anything
else. Any doubt (a folder linked into the content, a missing or changed
output, an unreadable record) means a real build.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from pipeline import cache
from pipeline.checks.spelling import installed_dictionaries
from pipeline.files import write_atomically

RECORD = ".last-build.json"


@dataclass(frozen=True)
class Output:
    path: str
    size: int
    modified: int  # st_mtime_ns: a file touched since the build is not trusted


@dataclass(frozen=True)
class Record:
    fingerprint: str
    built: int  # how many outputs the build was asked for (the index page not counted)
    outputs: list[Output]  # every file in the output folder
    warnings: str  # as the build printed them: an up-to-date build shows them again


def fingerprint(content: Path, output: Path, asked: list[str]) -> str | None:
    """What a build's outputs are made from; None when the content cannot be listed safely."""
    digest = hashlib.sha256(cache.key([output.resolve(), content.resolve(), *asked,
                                       *installed_dictionaries()]).encode())
    digest.update(os.environ.get("SOURCE_DATE_EPOCH", "").encode())
    for folder, folders, files in os.walk(content):
        if any(Path(folder, name).is_symlink() for name in folders):
            return None  # the loader decides about linked folders; let it
        folders.sort()
        for name in sorted(files):
            path = Path(folder, name)
            digest.update(f"{path.relative_to(content)}\0{cache.file_hash(path)}\0".encode())
    return digest.hexdigest()


def up_to_date(build_dir: Path, output: Path, current: str | None) -> Record | None:
    """The last build's record, when it was made from `current` and `output` is as it left it."""
    if current is None:
        return None
    try:
        kept = json.loads((build_dir / RECORD).read_text(encoding="utf-8"))
        record = Record(kept["fingerprint"], kept["built"],
                        [Output(**item) for item in kept["outputs"]], kept["warnings"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if record.fingerprint != current or _listing(output) != record.outputs:
        return None
    return record


def remember(build_dir: Path, output: Path, current: str | None, built: int,
             warnings: str) -> None:
    """Record a successful build made from `current` that wrote or kept `built` outputs."""
    if current is None:
        return
    record = Record(current, built, _listing(output), warnings)
    write_atomically(build_dir / RECORD, json.dumps(asdict(record), ensure_ascii=False))


def forget(build_dir: Path) -> None:
    """A build that did not succeed leaves no record to trust."""
    (build_dir / RECORD).unlink(missing_ok=True)


def _listing(output: Path) -> list[Output]:
    """Every file in the output folder (the pipeline's hidden marker aside), as it is now."""
    found = []
    for folder, folders, files in os.walk(output):
        folders.sort()
        for name in sorted(files):
            path = Path(folder, name)
            if not name.startswith(".") and (stat := _stat(path)):
                found.append(Output(str(path.relative_to(output)), stat.st_size,
                                    stat.st_mtime_ns))
    return found


def _stat(path: Path) -> os.stat_result | None:
    try:
        return path.stat()
    except OSError:  # gone while listed, or a link to nowhere
        return None
