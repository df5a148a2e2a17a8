"""The output and build folders the pipeline made, marked so that cleaning removes only those.

`make clean` once ran `rm -rf $(OUTPUT) $(BUILD)`, so `OUTPUT=/some/dir make
clean` deleted that folder whatever it held. Now a folder the pipeline creates
gets a marker file, and cleaning refuses any folder without one: a folder that
existed before the pipeline wrote into it is never the pipeline's to remove.
"""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Iterator
from pathlib import Path

from pipeline.messages import tr

MARKER = ".made-by-ncp-pipeline"
NOTE = ("The NCP publishing pipeline made this folder; 'make clean' (python -m pipeline "
        "clean) may delete it with all it holds.\n")


@contextlib.contextmanager
def marking(*folders: Path) -> Iterator[None]:
    """Mark each of `folders` that does not exist now but does when the block ends."""
    new = [folder for folder in folders if not folder.exists() and not folder.is_symlink()]
    try:
        yield
    finally:
        for folder in new:
            if folder.is_dir() and not folder.is_symlink():
                (folder / MARKER).write_text(NOTE, encoding="utf-8")


class NotMadeHere(Exception):
    """Cleaning refused: some folder was not made by the pipeline; `reasons` says which."""

    def __init__(self, reasons: list[str]) -> None:
        super().__init__("; ".join(reasons))
        self.reasons = reasons


def clean(folders: list[Path]) -> list[Path]:
    """Delete `folders` (those that exist) and return them; none when any is not ours."""
    reasons = [reason for folder in folders if (reason := _refusal(folder))]
    if reasons:
        raise NotMadeHere(reasons)
    removed = []
    for folder in folders:
        if folder.is_dir():  # not when it was inside one removed already
            shutil.rmtree(folder)
            removed.append(folder)
    return removed


def _refusal(folder: Path) -> str | None:
    if folder.is_symlink():
        return tr("{folder} is a symbolic link, not a folder the pipeline made", folder=folder)
    if folder.exists() and not (folder / MARKER).is_file():
        return tr("{folder} was not made by the pipeline (it holds no {marker} file), so it "
                  "is left as it is", folder=folder, marker=MARKER)
    return None
