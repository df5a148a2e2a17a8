"""Writing into output/ so that a build that fails, or is killed, changes nothing there.

A build stages every file it writes in a hidden folder beside the outputs and
moves them into place together, only when every one of them was written and
passed the gates: a run that fails late writes none of its outputs. Builds
into the same folders take turns (a lock), and a staging folder left by a
killed build is removed by the next one.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from pipeline.messages import tr

STAGING_PREFIX = ".ncp-staging-"


def _process_umask() -> int:
    """Read once, at import: setting the umask to read it is not safe among threads."""
    umask = os.umask(0o022)
    os.umask(umask)
    return umask


UMASK = _process_umask()


def readable(path: Path) -> None:
    """The usual mode of a new file (0644 under the usual umask), whatever wrote it."""
    path.chmod(0o666 & ~UMASK)


@contextlib.contextmanager
def locked(folder: Path) -> Iterator[None]:
    """Hold `folder`'s build lock; wait, and say so, while another build holds it.

    The lock is taken on the folder itself, so no lock file is left among the outputs.
    """
    folder.mkdir(parents=True, exist_ok=True)
    handle = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(tr("another build is using {folder}; waiting for it to finish",
                     folder=folder), file=sys.stderr)
            fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)  # closing the folder releases the lock


class Staging:
    """The files of one build, written beside `root` and moved into it together."""

    def __init__(self, root: Path) -> None:
        self.root = root
        for stale in root.glob(f"{STAGING_PREFIX}*"):  # left by a killed build
            shutil.rmtree(stale, ignore_errors=True)
        self.folder = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=root))
        self.staged: list[Path] = []

    def path(self, target: Path) -> Path:
        """Where to write what will become `target` (a path under `root`)."""
        staged = self.folder / target.relative_to(self.root)
        staged.parent.mkdir(parents=True, exist_ok=True)
        return staged

    def keep(self, target: Path) -> None:
        """`target`'s staged file is complete: move it into place at commit."""
        self.staged.append(target)

    def commit(self) -> None:
        for target in self.staged:
            staged = self.path(target)
            readable(staged)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staged, target)
        self.discard()

    def discard(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


@contextlib.contextmanager
def staged_run(root: Path) -> Iterator[Staging]:
    """A `Staging` that is committed when the block ends normally, discarded otherwise."""
    root.mkdir(parents=True, exist_ok=True)
    staging = Staging(root)
    try:
        yield staging
    except BaseException:
        staging.discard()
        raise
    staging.commit()
