"""Chapters (Markdown with Jinja2 expressions) rendered to plain Markdown.

Jinja's comment delimiters are moved to `{## … ##}` because `{#id}` is how
pandoc's Markdown names a heading. Template mistakes are reported at the
chapter's own file and line, never as a traceback.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import sys
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


# What a chapter's objects are called in messages to writers.
OWNERS = {
    "Cases": "cases", "CaseList": "a list of cases", "CaseView": "a case",
    "StepView": "a step", "PlanView": "the plan", "GoalView": "a goal",
    "SubgoalView": "a sub-goal", "ActivityView": "an activity", "EventView": "an event",
    "SiteView": "site", "OrganisationView": "site.organisation",
    "PublicationView": "publication", "ConsultationView": "publication.consultation",
    "LetterView": "letter", "SignatoryView": "a signatory", "PhaseTime": "a phase",
}


class UndefinedLog:
    """Every undefined name a chapter uses, with its line, so all are reported at once.

    Rendering goes on past an undefined name (it writes nothing there); the
    chapter then fails with the whole list instead of stopping at the first.
    """

    def __init__(self) -> None:
        self.path: Path | None = None
        self.names: list[str] = []
        self.found: list[tuple[int | None, str, str | None]] = []

    def start(self, path: Path, names: list[str]) -> None:
        self.path, self.names, self.found = path, names, []

    def record(self, undefined: jinja2.Undefined) -> None:
        name = undefined._undefined_name
        owner = undefined._undefined_obj
        if owner is jinja2.utils.missing:
            message = f"'{name}' is not a name a chapter can use"
            choices = self.names
        else:
            what = OWNERS.get(type(owner).__name__, f"a {type(owner).__name__}")
            message = f"{what} has no '{name}'"
            choices = [a for a in dir(owner) if not a.startswith("_")]
        close = difflib.get_close_matches(str(name), choices, n=1) if name else []
        hint = f"did you mean '{close[0]}'?" if close else None
        entry = (self._line(), message, hint)
        if entry not in self.found:
            self.found.append(entry)

    def _line(self) -> int | None:
        """The chapter line being rendered, from Jinja's own line mapping."""
        frame = sys._getframe(2)
        while frame is not None:
            template = frame.f_globals.get("__jinja_template__")
            if template is not None and frame.f_code.co_filename == str(self.path):
                return template.get_corresponding_lineno(frame.f_lineno)
            frame = frame.f_back
        return None


def _undefined_class(log: UndefinedLog) -> type[jinja2.Undefined]:
    class RecordedUndefined(jinja2.ChainableUndefined):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            log.record(self)

        def __call__(self, *args: Any, **kwargs: Any) -> RecordedUndefined:
            return self

    return RecordedUndefined


def environment(chapter_folder: Path, writer: Writer) -> jinja2.Environment:
    figures = FigureLog()
    undefined = UndefinedLog()
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader([
            jinja2.FileSystemLoader(str(chapter_folder)),
            jinja2.FileSystemLoader(str(PARTIALS)),
        ]),
        undefined=_undefined_class(undefined),
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
    env.undefined_log = undefined  # type: ignore[attr-defined]
    return env


def filters(writer: Writer, figures: FigureLog) -> dict[str, Callable[..., Any]]:
    def logged(write: Callable[..., str]) -> Callable[..., str]:
        return lambda value, *args: write(figures.record(value), *args)

    return {
        "date": logged(writer.date),
        "number": logged(writer.number),
        "percent": logged(writer.percent),
        "months": logged(lambda value: writer.number(value, 1)),
        "counted": logged(lambda value, one, many: f"{writer.number(value)} "
                                                   f"{one if value == 1 else many}"),
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
    undefined: UndefinedLog = env.undefined_log  # type: ignore[attr-defined]
    undefined.start(path, sorted(context))
    try:
        code = env.compile(text, name=path.name, filename=str(path))
        template = env.template_class.from_code(env, code, env.make_globals(None))
        markdown = Markdown(template.render(context))
        for line, message, hint in undefined.found:
            problems.error(Position(path, line), message,
                           hint or "see the chapter API in docs/chapters.md for the names "
                           "you can use")
        return None if undefined.found else markdown
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
