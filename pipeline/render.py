"""Chapters (Markdown with Jinja2 expressions) rendered to plain Markdown.

Jinja's comment delimiters are moved to `{## … ##}` because `{#id}` is how
pandoc's Markdown names a heading. Template mistakes are reported at the
chapter's own file and line, never as a traceback.
"""

from __future__ import annotations

import datetime as dt
import re
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2

from pipeline.locale import Writer
from pipeline.markdown_text import Markdown, as_markdown_text
from pipeline.problems import Position, Problems
from pipeline.textfile import read_text

PARTIALS = Path(__file__).resolve().parent.parent / "templates" / "partials"


class FigureLog:
    """The figures (numbers and dates) each chapter inserted, in order.

    The language versions of one publication must insert the same figures:
    a case count that differs between the nb and en report is an error.
    """

    def __init__(self) -> None:
        self.by_chapter: dict[str, list[object]] = {}
        self._current: list[object] | None = None

    def start(self, chapter: str) -> None:
        self._current = self.by_chapter.setdefault(chapter, [])

    def record(self, value: object) -> object:
        if self._current is not None and isinstance(value, int | float | dt.date) \
                and not isinstance(value, bool):
            self._current.append(value)
        return value


def environment(chapter_folder: Path, writer: Writer) -> jinja2.Environment:
    figures = FigureLog()
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader([
            jinja2.FileSystemLoader(str(chapter_folder)),
            jinja2.FileSystemLoader(str(PARTIALS)),
        ]),
        undefined=jinja2.StrictUndefined,
        finalize=lambda value: as_markdown_text(figures.record(value)),
        comment_start_string="{##",
        comment_end_string="##}",
        keep_trailing_newline=True,
        autoescape=False,
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_callables(
        writer.gettext,
        lambda singular, plural, n: writer.gettext(singular if n == 1 else plural),
        newstyle=True,
    )
    env.filters.update(filters(writer, figures))
    env.figures = figures  # type: ignore[attr-defined]
    return env


def filters(writer: Writer, figures: FigureLog) -> dict[str, Callable[..., Any]]:
    def logged(write: Callable[..., str]) -> Callable[..., str]:
        return lambda value, *args: write(figures.record(value), *args)

    return {
        "date": logged(writer.date),
        "number": logged(writer.number),
        "percent": logged(writer.percent),
        "months": logged(lambda value: writer.number(value, 1)),
        "country": writer.country,
        "anchor": anchor,
    }


def anchor(value: object, prefix: str) -> Markdown:
    """A heading identifier made only of safe characters: `1.2` -> `delmal-1-2`."""
    slug = re.sub(r"[^a-z0-9]+", "-", str(value).lower()).strip("-")
    return Markdown(f"{prefix}-{slug}" if slug else prefix)


def render_chapter(path: Path, env: jinja2.Environment, context: dict[str, Any],
                   problems: Problems) -> Markdown | None:
    """Render one chapter file; problems carry the chapter's own line numbers."""
    text = read_text(path, problems)
    if text is None:
        return None
    env.figures.start(path.name)  # type: ignore[attr-defined]
    try:
        code = env.compile(text, name=path.name, filename=str(path))
        template = env.template_class.from_code(env, code, env.make_globals(None))
        return Markdown(template.render(context))
    except jinja2.TemplateSyntaxError as error:
        where = Path(error.filename) if error.filename else path
        problems.error(Position(where, error.lineno), f"template syntax: {error.message}",
                       "check the {{ … }} and {% … %} pairs on this line")
    except jinja2.TemplateNotFound as error:
        problems.error(Position(path, _template_line(error, path)),
                       f"'{error.name}' is not a chapter or partial that exists")
    except jinja2.UndefinedError as error:
        problems.error(Position(path, _template_line(error, path)),
                       f"undefined name: {error.message}",
                       "see the chapter API in docs/chapters.md for the names you can use")
    except Exception as error:  # a data method failing on bad input is still a content error
        problems.error(Position(path, _template_line(error, path)),
                       f"could not render: {type(error).__name__}: {error}")
    return None


def render_partial(name: str, env: jinja2.Environment, context: dict[str, Any],
                   problems: Problems) -> Markdown | None:
    """Render one of the pipeline's own partials (a letter's frame, the plan's body)."""
    try:
        return Markdown(env.get_template(name).render(context))
    except jinja2.UndefinedError as error:
        problems.error(Position(PARTIALS / name, _template_line(error, PARTIALS / name)),
                       f"the partial needs data the publication lacks: {error.message}")
    return None


def _template_line(error: BaseException, path: Path) -> int | None:
    """The line of the template that was running when `error` happened."""
    line = None
    for frame, lineno in traceback.walk_tb(error.__traceback__):
        if frame.f_code.co_filename in (str(path), path.name):
            line = lineno
    return line
