"""Which content a build is made from and when: its git commit, whether the content's files
are as that commit holds them, and the build's date.

A release names the commit so that anyone can find the exact text it was made
from, and is refused while a file of the content differs from it. The
repository is read with libgit2 (pygit2), so no git program is needed: HEAD as
git keeps it (a branch in its own file or in packed-refs, a worktree), and the
status of every file, staged or not, as `git status` tells it.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pygit2


def content_commit(content_root: Path) -> str | None:
    """The commit checked out where `content_root` lies; None outside a repository or
    before its first commit."""
    repository = _repository(content_root)
    if repository is None or repository.head_is_unborn:
        return None
    return str(repository.head.target)


def uncommitted(content_root: Path) -> list[Path]:
    """The content's files that differ from its commit: changed, added (whether git tracks
    them yet or not) or removed; none outside a repository. Ignored files are not content."""
    repository = _repository(content_root)
    if repository is None or repository.workdir is None:
        return []
    workdir = Path(repository.workdir).resolve()
    root = content_root.resolve()
    changed = (workdir / path for path in repository.status(untracked_files="all"))
    return sorted(path for path in changed if path.is_relative_to(root))


def _repository(content_root: Path) -> pygit2.Repository | None:
    try:
        found = pygit2.discover_repository(str(content_root.resolve()))
        return pygit2.Repository(found) if found else None
    except pygit2.GitError:  # unreadable, or owned by another user (as git's safe.directory)
        return None


def built_on() -> dt.date:
    """Today in UTC (the same on every machine), or the day of SOURCE_DATE_EPOCH when set."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.datetime.now(dt.UTC).date()
