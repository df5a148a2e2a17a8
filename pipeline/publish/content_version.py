"""Which content a build is made from and when: its git commit (read from .git without the
git binary) and the build's date.

A release names the commit so that anyone can find the exact text it was made
from. HEAD is read as git keeps it: a branch's ref in its own file or in
packed-refs, in a worktree's own git folder or the repository's common one.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

SHA = re.compile(r"[0-9a-f]{40}(?:[0-9a-f]{24})?")


def content_commit(content_root: Path) -> str | None:
    """The commit checked out where `content_root` lies; None outside a repository."""
    git_dir = _git_dir(content_root.resolve())
    if git_dir is None:
        return None
    try:
        head = (git_dir / "HEAD").read_text(encoding="utf-8").strip()
    except OSError:
        return None
    if SHA.fullmatch(head):
        return head
    if not head.startswith("ref: "):
        return None
    return _ref(git_dir, head.removeprefix("ref: ").strip())


def _git_dir(start: Path) -> Path | None:
    for folder in (start, *start.parents):
        dot_git = folder / ".git"
        if dot_git.is_dir():
            return dot_git
        if dot_git.is_file():  # a worktree: "gitdir: <its folder in the repository>"
            text = dot_git.read_text(encoding="utf-8").strip()
            if text.startswith("gitdir: "):
                return (folder / text.removeprefix("gitdir: ")).resolve()
            return None
    return None


def _ref(git_dir: Path, ref: str) -> str | None:
    common = git_dir
    if (git_dir / "commondir").is_file():
        common = (git_dir / (git_dir / "commondir").read_text(encoding="utf-8").strip()).resolve()
    for folder in dict.fromkeys([git_dir, common]):
        loose = folder / ref
        if loose.is_file() and SHA.fullmatch(sha := loose.read_text(encoding="utf-8").strip()):
            return sha
    packed = common / "packed-refs"
    if packed.is_file():
        for line in packed.read_text(encoding="utf-8").splitlines():
            sha, _, name = line.partition(" ")
            if name == ref and SHA.fullmatch(sha):
                return sha
    return None


def built_on() -> dt.date:
    """Today in UTC (the same on every machine), or the day of SOURCE_DATE_EPOCH when set."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.datetime.now(dt.UTC).date()
