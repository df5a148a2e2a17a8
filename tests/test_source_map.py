"""Each line a chapter renders to is traced to the chapter line (and column) that wrote it."""

from __future__ import annotations

from pathlib import Path

import pytest
from jinja2.compiler import CodeGenerator

from pipeline.problems import Position, Problems
from pipeline.render.localizer import Localizer
from pipeline.render.sandbox import ChapterEnvironment, environment, render_chapter
from pipeline.render.source_map import SourceMap

CHAPTER = """# Tittel {#tittel}

Første {{ word }} og mer
tekst to
{% for item in items %}
- punkt {{ item }}
  fortsatt
{% endfor %}
![Bilde](a.png) {{ word }} og {{ word }} slutt
{% if word %}
ja
{%- endif %}
etter
{% include "del.md" %}
sist
"""


def rendered(tmp_path: Path) -> tuple[list[str], list[Position], SourceMap]:
    """Each line `CHAPTER` renders to, with the chapter position of its third column."""
    (tmp_path / "del.md").write_text("del en\ndel {{ word }}\n", encoding="utf-8")
    path = tmp_path / "kapittel.md"
    path.write_text(CHAPTER, encoding="utf-8")
    problems = Problems()
    env = environment(tmp_path, tmp_path, Localizer("nb", problems, None))
    markdown = render_chapter(path, env, {"word": "ORD", "items": ["1", "2"]}, problems)
    assert markdown is not None and env.source_map is not None, problems.items
    lines = markdown.split("\n")
    return lines, [env.source_map.position(number, 3) for number in range(1, len(lines) + 1)], \
        env.source_map


def test_every_rendered_line_is_traced_to_its_chapter_line(tmp_path: Path) -> None:
    lines, positions, _ = rendered(tmp_path)
    traced = {text: (where.line, where.column)
              for text, where in zip(lines, positions, strict=True) if text.strip()}
    assert traced == {
        "# Tittel {#tittel}": (1, 3),
        "Første ORD og mer": (3, 3),
        "tekst to": (4, 3),
        "- punkt 1": (6, 3), "- punkt 2": (6, 3),
        "  fortsatt": (7, 3),
        "![Bilde](a.png) ORD og ORD slutt": (9, 3),  # after {% endfor %}: Jinja gives it 7
        "ja": (11, 3),
        "etter": (13, 3),  # after {%- endif %}, which ate a line end
        "del en": (14, None), "del ORD": (14, None),  # from the include: at its line
        "sist": (15, 3),
    }


def test_a_column_after_a_printed_value_is_the_chapters_own(tmp_path: Path) -> None:
    lines, _, source_map = rendered(tmp_path)
    number = lines.index("![Bilde](a.png) ORD og ORD slutt") + 1
    chapter = tmp_path / "kapittel.md"
    assert source_map.position(number, 28) == Position(chapter, 9, 42)  # "slutt"
    assert source_map.position(number, 17) == Position(chapter, 9)  # the printed "ORD"
    assert not source_map.is_written(number, 17)
    assert source_map.is_written(number, 28)


def test_without_the_line_of_each_text_jinja_places_text_after_a_block_at_the_block(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What LineCodeGenerator adds: Jinja's own mapping puts line 9 at line 7."""
    monkeypatch.setattr(ChapterEnvironment, "code_generator_class", CodeGenerator)
    lines, positions, _ = rendered(tmp_path)
    assert positions[lines.index("![Bilde](a.png) ORD og ORD slutt")].line == 7
