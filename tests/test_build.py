"""The build: nothing half-written, and only what changed is written again."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES

from pipeline.build import Request, build
from pipeline.output import atomic_target


def test_a_failed_write_leaves_neither_file_nor_temporary(tmp_path: Path) -> None:
    target = tmp_path / "out" / "x.pdf"
    with pytest.raises(RuntimeError), atomic_target(target) as temporary:
        temporary.write_bytes(b"half")
        raise RuntimeError("typst failed")
    assert list((tmp_path / "out").iterdir()) == []


@pytest.mark.slow
def test_only_what_changed_is_written_again(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "mini", content)
    request = Request(content, tmp_path / "output", tmp_path / "build")
    first = build(request)
    assert len(first) == 3 and not any(item.fresh for item in first)
    assert all(item.fresh for item in build(request))
    chapter = content / "publications" / "rapport" / "nb" / "saker.md"
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\nEn ny setning.\n",
                       encoding="utf-8")
    again = build(request)
    assert not any(item.fresh for item in again)
    assert "En ny setning." in (tmp_path / "output/rapport/rapport-nb.html").read_text(
        encoding="utf-8")
    forced = build(Request(content, tmp_path / "output", tmp_path / "build", force=True))
    assert not any(item.fresh for item in forced)
    assert (tmp_path / "output" / "index.html").is_file()
