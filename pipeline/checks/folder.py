"""The whole content folder, read and checked: each file's problems and the rules across files."""

from __future__ import annotations

from pathlib import Path

from pipeline.checks.language import check_language
from pipeline.checks.records import check_content
from pipeline.content.loader import gather
from pipeline.content.model import Content
from pipeline.problems import ContentError, Problems


def checked_content(root: Path, problems: Problems, language: bool = True) -> Content | None:
    """The content at `root`, with every problem of its files and across them in `problems`;
    its spelling and plain language too, unless the caller checks them itself."""
    content = gather(root, problems)
    if content is not None:
        check_content(content, problems)
        if language:
            check_language(content, problems)
    return content


def load_content(root: Path, problems: Problems | None = None) -> Content:
    """The content at `root`; raise ContentError listing every problem when it has errors.

    `problems` (a new list when not given) keeps the warnings when there is no error.
    """
    problems = Problems() if problems is None else problems
    content = checked_content(root, problems)
    if problems.errors or content is None:
        raise ContentError(problems)
    return content
