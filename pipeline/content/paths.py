"""Files a build may read: only inside the content folder, after symlinks are followed.

A path named in content (a chapter, an image, a font, the brand file) is
resolved the way the operating system will open it, so neither `..` nor a
symlink can lead a build to a file elsewhere on the machine.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.messages import Said, tr


def outside_hint() -> Said:
    return tr("keep every file the content uses inside the content folder (no '..', no links "
              "out)")


def inside(path: Path, *roots: Path) -> bool:
    """Whether `path`, with every symlink followed, lies within one of `roots`."""
    resolved = path.resolve()
    return any(resolved.is_relative_to(root.resolve()) for root in roots)


def resolve_inside(base: Path, relative: str, *roots: Path) -> Path | None:
    """`relative` (as written in content) from `base`, resolved; None when outside `roots`."""
    if "\x00" in relative:
        return None
    path = (base / relative).resolve()
    return path if inside(path, *roots) else None
