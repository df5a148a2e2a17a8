"""Problems found in content, reported the way a compiler reports them.

Every stage appends to one `Problems` list instead of raising on the first
mistake, so a writer sees every error of a run at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pipeline.messages import Said, tr, tr_n


@dataclass(frozen=True)
class Position:
    """Where in a file: 1-based line and column (column may be unknown)."""

    path: Path
    line: int | None = None
    column: int | None = None


@dataclass(frozen=True)
class Problem:
    position: Position
    message: str
    hint: str | None = None
    severity: str = "error"  # error | warning | note (said, never failing, never counted)
    quote: bool = True  # show the source line; never for a line holding a confidential name

    def format(self, root: Path) -> str:
        path = _relative(self.position.path, root)
        where = str(path)
        if self.position.line:
            where += f":{self.position.line}"
            if self.position.column:
                where += f":{self.position.column}"
        lines = [f"{where}: {_severity_word(self.severity)}: {self.message}"]
        source = _source_line(self.position) if self.quote else None
        if source is not None:
            lines.append(f"    {source}")
            if self.position.column:
                lines.append("    " + " " * (self.position.column - 1) + "^")
        if self.hint:
            lines.append("    " + tr("hint") + ": " + self.hint)
        return "\n".join(lines)


@dataclass
class Problems:
    items: list[Problem] = field(default_factory=list)

    def error(self, position: Position, message: Said, hint: Said | None = None) -> None:
        self.items.append(Problem(position, message, hint, "error"))

    def warning(self, position: Position, message: Said, hint: Said | None = None,
                quote: bool = True) -> None:
        self.items.append(Problem(position, message, hint, "warning", quote))

    def note(self, position: Position, message: Said, hint: Said | None = None) -> None:
        self.items.append(Problem(position, message, hint, "note", quote=False))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "warning"]

    def format(self, root: Path) -> str:
        ordered = sorted(self.items, key=_sort_key)
        return "\n".join(p.format(root) for p in ordered)


class ContentError(Exception):
    """Raised once, after gathering, when content has errors; carries them all."""

    def __init__(self, problems: Problems) -> None:
        super().__init__(tr_n("{count} error in the content", "{count} errors in the content",
                              len(problems.errors)))
        self.problems = problems


class BuildError(RuntimeError):
    """A tool (pandoc, Typst) refused a document; the message says which and why."""


def _severity_word(severity: str) -> str:
    words = {"error": tr("error"), "warning": tr("warning"), "note": tr("note")}
    return words[severity]


def _sort_key(problem: Problem) -> tuple[str, int, int]:
    pos = problem.position
    return (str(pos.path), pos.line or 0, pos.column or 0)


def _relative(path: Path, root: Path) -> Path:
    """`path` from `root`: as written first (a symlink keeps its own name), else resolved."""
    for candidate in (path.absolute(), path.resolve()):
        try:
            return candidate.relative_to(root.resolve())
        except ValueError:
            continue
    return path


def _source_line(position: Position) -> str | None:
    if not position.line:
        return None
    try:
        text = position.path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    lines = text.splitlines()
    if position.line > len(lines):
        return None
    return lines[position.line - 1]
