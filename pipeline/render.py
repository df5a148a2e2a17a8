"""Chapters (Markdown with Jinja2 expressions) rendered to plain Markdown.

Jinja's comment delimiters are moved to `{## … ##}` because `{#id}` is how
pandoc's Markdown names a heading. Template mistakes are reported at the
chapter's own file and line, never as a traceback.
"""

from __future__ import annotations

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


def environment(chapter_folder: Path, writer: Writer) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader([
            jinja2.FileSystemLoader(str(chapter_folder)),
            jinja2.FileSystemLoader(str(PARTIALS)),
        ]),
        undefined=jinja2.StrictUndefined,
        finalize=as_markdown_text,
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
    env.filters.update(filters(writer))
    return env


def filters(writer: Writer) -> dict[str, Callable[..., Any]]:
    return {
        "date": writer.date,
        "number": writer.number,
        "percent": writer.percent,
        "country": writer.country,
        "months": lambda value: writer.number(value, 1),
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
