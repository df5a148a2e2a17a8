"""Limits with clear errors: what would stall a tool or swamp the machine is an error at its
file, found by `ncp check`, never a traceback and never gigabytes."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest
from conftest import broken, check

CHAPTER = "publications/rapport/nb/tall.md"


def png_header(width: int, height: int) -> bytes:
    """A PNG that claims `width` × `height` pixels: a decompression bomb's first bytes."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + \
            struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + \
        chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b"")


def test_a_control_character_in_a_chapter_is_an_error_at_its_place(tmp_path: Path) -> None:
    status, output = check(broken(tmp_path, {CHAPTER: ("Andel:", "And\x00el:")}))
    assert status == 1
    assert f"{CHAPTER}:9:4: error: the file holds a control character (U+0000)" in output
    assert "Traceback" not in output


def test_a_chapter_larger_than_the_limit_is_an_error(tmp_path: Path) -> None:
    huge = "# Tall {#tall}\n\n" + ("Ord og ord igjen. " * 130_000)
    status, output = check(broken(tmp_path, {CHAPTER: huge}))
    assert status == 1
    assert f"{CHAPTER}: error: the file is larger than 2 MB" in output


def test_a_picture_of_too_many_pixels_is_an_error(tmp_path: Path) -> None:
    folder = broken(tmp_path, {CHAPTER: ("(bilde.svg)", "(bombe.png)")})
    (folder / "publications/rapport/nb/bombe.png").write_bytes(png_header(30_000, 30_000))
    status, output = check(folder)
    assert status == 1
    assert f"{CHAPTER}:12:40: error: the image 'bombe.png' has more than 50 million pixels" \
        in output
    assert "DecompressionBomb" not in output


@pytest.mark.slow
def test_text_nested_thousands_deep_is_an_error_at_its_chapter(tmp_path: Path) -> None:
    # Nesting spread over lines, which no line shows: (one line that opens thousands of
    # quotes or lists is found before pandoc runs, see test_preflight.py).
    deep = "\n\n" + "\n".join("  " * level + "- punkt" for level in range(100)) + \
        "\n\nAndel:"
    status, output = check(broken(tmp_path, {CHAPTER: ("Andel:", deep)}))
    assert status == 1
    assert (f"{CHAPTER}: error: pandoc could not read this text: the text nests lists, "
            "quotes or emphasis too deeply") in output
    assert "RecursionError" not in output and "Traceback" not in output


def test_a_pandoc_run_past_its_time_is_an_error(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("pipeline.document.pandoc.SECONDS", 0.001)
    status, output = check(broken(tmp_path, {}))
    assert status == 1
    assert "error: pandoc could not read this text: pandoc took more than 0.001 s" in output
    assert "Traceback" not in output


def test_an_included_file_larger_than_the_limit_is_an_error(tmp_path: Path) -> None:
    folder = broken(tmp_path, {CHAPTER: ("Andel:", '{% include "stor.md" %}\n\nAndel:')})
    (folder / "publications/rapport/nb/stor.md").write_text("ord " * 600_000, encoding="utf-8")
    status, output = check(folder)
    assert status == 1
    assert f"{CHAPTER}:9: error: 'stor.md' is larger than 2 MB" in output
