"""Reading a content text file: UTF-8, with the usual editor slips reported."""

from __future__ import annotations

from pathlib import Path

from pipeline.content.characters import describe, first_unwanted, line_and_column, unwanted_hint
from pipeline.messages import tr, tr_n
from pipeline.problems import Position, Problems

# The largest chapter or YAML file read. The largest real one is 15 kB; a 2 MB
# chapter is some 300,000 words, and pandoc reads one in about 2 s and 250 MB.
# A file beyond it is a pasted dump or a mistake that would stall the build.
LARGEST_FILE = 2_000_000


def read_text(path: Path, problems: Problems) -> str | None:
    """The file's text; None (with an error at its line) when it cannot be used.

    A file larger than LARGEST_FILE, one that is not UTF-8 and one holding a
    control character are errors. A byte-order mark and Windows line ends are
    read fine but warned about, since other tools in the chain may trip over them.
    """
    data = _read_bytes(path, problems)
    if data is None:
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        problems.error(
            Position(path, line, column),
            tr("the file is not UTF-8 (byte {byte})", byte=f"0x{data[error.start]:02x}"),
            tr("save the file as UTF-8 in your editor"),
        )
        return None
    if text.startswith("\ufeff"):
        problems.warning(Position(path, 1, 1), tr("the file starts with a byte-order mark"),
                         tr("save it as UTF-8 without BOM"))
        text = text[1:]
    if "\r\n" in text:
        line = text[: text.index("\r\n")].count("\n") + 1
        problems.warning(Position(path, line), tr("the file has Windows line ends (CRLF)"),
                         tr("save it with Unix line ends (LF)"))
        text = text.replace("\r\n", "\n")
    return None if _has_unwanted(path, text, problems) else text


def _read_bytes(path: Path, problems: Problems) -> bytes | None:
    """The file's bytes, never more than LARGEST_FILE of them."""
    try:
        with path.open("rb") as source:
            data = source.read(LARGEST_FILE + 1)
    except OSError as error:
        problems.error(Position(path), tr("cannot read the file: {error}", error=error.strerror))
        return None
    if len(data) > LARGEST_FILE:
        problems.error(Position(path),
                       tr("the file is larger than {size} MB", size=LARGEST_FILE // 1_000_000),
                       tr("split it into several files; a text this long is most likely a "
                          "pasted dump"))
        return None
    return data


def _has_unwanted(path: Path, text: str, problems: Problems) -> bool:
    found = first_unwanted(text)
    if found is None:
        return False
    index, count = found
    character = describe(text[index])
    message = tr_n("the file holds a control character ({character}) and {count} more",
                   "the file holds a control character ({character}) and {count} more",
                   count - 1, character=character) if count > 1 else \
        tr("the file holds a control character ({character})", character=character)
    problems.error(Position(path, *line_and_column(text, index)), message, unwanted_hint())
    return True
