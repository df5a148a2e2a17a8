"""output/ mirrors the content: the files of a publication, language or format gone are removed.

A renamed publication or a dropped format once left its old files in output/,
where they could be published by mistake. Each build records, in a hidden
file of the output folder, every publication file it placed there; the next
build removes each recorded file the content no longer makes. Only files the
pipeline wrote are ever removed (a file someone else put there is not in the
record), and only from a folder the pipeline made (it holds the marker of
`folders.py`). A build of a selection (`--lang nb`) keeps the other languages:
what counts is the content, not what was asked for.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from pipeline.content.model import Content
from pipeline.files import write_atomically
from pipeline.formats import file_name, with_variants
from pipeline.publish.folders import MARKER

RECORD = ".ncp-outputs.json"


def expected_outputs(content: Content) -> set[str]:
    """Every publication file the content makes, relative to the output folder."""
    return {f"{p.slug}/{file_name(f'{p.slug}-{lang}', fmt)}" for p in content.publications.values()
            for lang in p.languages for fmt in with_variants(p, p.formats)}


def mirror(output_root: Path, expected: set[str], placed: Iterable[Path]) -> list[Path]:
    """Record the files just `placed`; remove recorded ones not `expected`; return those removed."""
    recorded = _recorded(output_root) | {str(path.relative_to(output_root)) for path in placed}
    removed = []
    if (output_root / MARKER).is_file():
        for name in sorted(recorded - expected):
            path = output_root / name
            if path.is_file() and not path.is_symlink():
                path.unlink()
                removed.append(path)
            _remove_if_empty(path.parent, output_root)
        recorded &= expected
    kept = sorted(name for name in recorded if (output_root / name).is_file())
    write_atomically(output_root / RECORD, json.dumps(kept, indent=1))
    return removed


def _recorded(output_root: Path) -> set[str]:
    try:
        names = json.loads((output_root / RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    # A record edited by hand never reaches outside the output folder.
    return {name for name in names if isinstance(name, str) and _inside(name)}


def _inside(name: str) -> bool:
    parts = Path(name).parts
    return len(parts) == 2 and not any(part in ("..", "") or part.startswith(".")
                                       for part in parts)


def _remove_if_empty(folder: Path, output_root: Path) -> None:
    if folder != output_root and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
