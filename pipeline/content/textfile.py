"""Reading a content text file: UTF-8, with the usual editor slips reported."""

from __future__ import annotations

from pathlib import Path

from pipeline.problems import Position, Problems


def read_text(path: Path, problems: Problems) -> str | None:
    """The file's text; None (with an error at the byte's line) when it is not UTF-8.

    A byte-order mark and Windows line ends are read fine but warned about,
    since other tools in the chain may trip over them.
    """
    try:
        data = path.read_bytes()
    except OSError as error:
        problems.error(Position(path), f"cannot read the file: {error.strerror}")
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        problems.error(
            Position(path, line, column),
            f"the file is not UTF-8 (byte 0x{data[error.start]:02x})",
            "save the file as UTF-8 in your editor",
        )
        return None
    if text.startswith("\ufeff"):
        problems.warning(Position(path, 1, 1), "the file starts with a byte-order mark",
                         "save it as UTF-8 without BOM")
        text = text[1:]
    if "\r\n" in text:
        line = text[: text.index("\r\n")].count("\n") + 1
        problems.warning(Position(path, line), "the file has Windows line ends (CRLF)",
                         "save it with Unix line ends (LF)")
        text = text.replace("\r\n", "\n")
    return text
