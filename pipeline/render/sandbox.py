"""Chapters (Markdown with Jinja2 expressions) rendered to plain Markdown, in a sandbox.

Chapters come from many hands, so they render in Jinja's immutable sandbox
and see only the public views of pipeline/render/views.py: a view's documented
fields and methods, plain values (text, numbers, dates, lists), and nothing
else. Reaching for anything more (an underscore name, a module, a function's
insides, a list's `append`) is an error at the chapter's line, as is a value
that is not text, a number or a date where a `{{ … }}` prints it. Files come
only from the chapter's own folder and the pipeline's partials, after
symlinks are followed. Rendering has limits of time and size, so a chapter
cannot stall or swamp the build.

Jinja's comment delimiters are moved to `{## … ##}` because `{#id}` is how
pandoc's Markdown names a heading. Every problem is reported at the chapter's
own file and line, never as a traceback.
"""

from __future__ import annotations

import bisect
import datetime as dt
import difflib
import functools
import re
import sys
import time
import traceback
from collections.abc import Callable, Iterable
from decimal import Decimal
from pathlib import Path
from typing import Any

import jinja2
from jinja2.loaders import split_template_path
from jinja2.runtime import LoopContext, Macro
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
from jinja2.utils import Namespace

from pipeline.content.paths import inside
from pipeline.content.textfile import LARGEST_FILE, read_text
from pipeline.messages import Said, number, tr, tr_n
from pipeline.problems import Position, Problems
from pipeline.render.localizer import Localizer
from pipeline.render.markdown_text import Markdown, as_markdown_text
from pipeline.render.source_map import LineCodeGenerator, SourceMap
from pipeline.render.views import Absent, CaseView, NotText, View
from pipeline.resources import TEMPLATES

PARTIALS = TEMPLATES / "partials"
# Jinja's delimiters, given to messages as fields: a catalog's text holds no braces.
EXPRESSION = "{{ … }}"
STATEMENT = "{% … %}"

# Limits on what one chapter may cost (its source size is checked when it is read).
RENDER_SECONDS = 10.0
RENDERED_CHARACTERS = 20_000_000
LARGEST_SEQUENCE = 1_000_000  # "x" * n and [..] * n
LARGEST_EXPONENT = 1_000

# Values a chapter may read the ordinary (non-underscore, non-mutating) attributes of.
PLAIN_TYPES = (str, int, float, Decimal, dt.date, list, tuple, dict, range,
               LoopContext, Namespace, Macro, jinja2.Undefined)
TEXT_TYPES = (str, int, float, Decimal, dt.date)


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


# Objects a chapter reaches by a name of its own are called by that name in messages.
NAMED_OWNERS = {
    "Cases": "cases", "SiteView": "site", "OrganisationView": "site.organisation",
    "PublicationView": "publication", "ConsultationView": "publication.consultation",
    "LetterView": "letter",
}


def owner_name(value: object) -> str:
    """What a chapter's object is called in messages to writers: its name in a chapter,
    else a noun (in the writer's language, read as the subject or object of a sentence)."""
    kind = type(value).__name__
    if kind in NAMED_OWNERS:
        return NAMED_OWNERS[kind]
    nouns = {
        "CaseList": tr("a list of cases"), "CaseView": tr("a case"), "StepView": tr("a step"),
        "PlanView": tr("the plan"), "GoalView": tr("a goal"), "SubgoalView": tr("a sub-goal"),
        "ActivityView": tr("an activity"), "EventView": tr("an event"),
        "SignatoryView": tr("a signatory"), "PhaseTime": tr("a phase"),
        "ResultsView": tr("the results"),
    }
    return nouns.get(kind) or tr("a {kind}", kind=kind)


def see_the_chapter_api() -> Said:
    return tr("a chapter can only use the names listed in docs/chapters.md")


class ChapterLog:
    """Every problem met while one chapter renders, with its line, so all are reported at once.

    Rendering goes on past an undefined or forbidden name (it writes nothing
    there); the chapter then fails with the whole list instead of the first.
    """

    def __init__(self) -> None:
        self.path: Path | None = None
        self.names: list[str] = []
        self.found: list[tuple[int | None, Said, Said | None]] = []

    def start(self, path: Path, names: Iterable[str]) -> None:
        self.path, self.names, self.found = path, sorted(names), []

    def undefined(self, undefined: jinja2.Undefined) -> None:
        name = undefined._undefined_name
        owner = undefined._undefined_obj
        if owner is not jinja2.utils.missing and str(name).startswith("_"):
            self.forbidden(owner, str(name))
            return
        if owner is jinja2.utils.missing:
            message = tr("'{name}' is not a name a chapter can use", name=name)
            choices = self.names
        else:
            message = tr("{owner} has no '{name}'", owner=owner_name(owner), name=name)
            choices = _public_names(owner)
        close = difflib.get_close_matches(str(name), choices, n=1) if name else []
        self._add(message, tr("did you mean '{name}'?", name=close[0]) if close else None)

    def forbidden(self, owner: object, name: str) -> None:
        self._add(tr("'{name}' of {owner} is not open to chapters", name=name,
                     owner=owner_name(owner)), see_the_chapter_api())

    def not_text(self, value: object) -> None:
        self._add(*_not_text(value))

    def _add(self, message: Said, hint: Said | None) -> None:
        entry = (self._line(), message, hint)
        if entry not in self.found:
            self.found.append(entry)

    def _line(self) -> int | None:
        """The chapter line being rendered, from Jinja's own line mapping."""
        frame = sys._getframe(1)
        while frame is not None:
            template = frame.f_globals.get("__jinja_template__")
            if template is not None and frame.f_code.co_filename == str(self.path):
                return template.get_corresponding_lineno(frame.f_lineno)
            frame = frame.f_back
        return None


def _public_names(value: object) -> list[str]:
    if isinstance(value, View):
        return sorted(type(value).chapter_names())
    return [name for name in dir(value) if not name.startswith("_")]


def _not_text(value: object) -> tuple[Said, Said]:
    """What a `{{ … }}` printed that is not text, and what to write instead."""
    if isinstance(value, bool):
        return (tr("this {expression} gives yes or no, not text", expression=EXPRESSION),
                tr("test it instead: {example}", example="{% if … %}…{% endif %}"))
    if isinstance(value, list | tuple):
        return (_a_list(value),
                tr("write '| length' for how many, or loop over it: {example}",
                   example="{% for x in … %}"))
    if isinstance(value, dict):
        return (tr("this {expression} gives a table of values, not text", expression=EXPRESSION),
                tr("pick one value, or loop over it: {example}",
                   example="{% for key, value in ….items() %}"))
    if isinstance(value, View):
        names = ", ".join(sorted(type(value).chapter_names())[:4])
        return (tr("this {expression} gives {owner}, not text", expression=EXPRESSION,
                   owner=owner_name(value)),
                tr("write one of its fields, such as {names}", names=names))
    if callable(value):
        return (tr("this {expression} gives a method, not text", expression=EXPRESSION),
                tr("call it with its value in brackets, as in {example}",
                   example="cases.received(2025)"))
    return (tr("this {expression} gives a {kind}, not text", expression=EXPRESSION,
               kind=type(value).__name__),
            tr("write text, a number or a date"))


def _a_list(value: list[object] | tuple[object, ...]) -> Said:
    """That a `{{ … }}` printed a list: of cases, or of values."""
    if all(isinstance(v, CaseView) for v in value):
        return tr_n("this {expression} gives a list of {count} case, not text",
                    "this {expression} gives a list of {count} cases, not text", len(value),
                    expression=EXPRESSION)
    return tr_n("this {expression} gives a list of {count} value, not text",
                "this {expression} gives a list of {count} values, not text", len(value),
                expression=EXPRESSION)


class RenderLimit(Exception):
    """A chapter took too long to render or grew too large; `said` tells the writer which."""

    def __init__(self, said: Said) -> None:
        super().__init__(said)
        self.said = said


def _limited_range(*bounds: int) -> range:
    """Jinja's sandboxed `range`, its limit told in the writer's language."""
    try:
        return jinja2.sandbox.safe_range(*bounds)
    except OverflowError:
        raise RenderLimit(tr("a range of more than {count} numbers is too large for a chapter",
                             count=number(jinja2.sandbox.MAX_RANGE))) from None


class OutsideFolder(jinja2.TemplateNotFound):
    """An include that resolves, after symlinks, outside the folders a chapter may read."""


class ChapterLoader(jinja2.BaseLoader):
    """Chapters and partials from `folders`, only where they resolve inside `roots`.

    The resolved path is checked before the file is opened, so a symlink to a
    file elsewhere (or to a device) is never read.
    """

    def __init__(self, folders: list[Path], roots: list[Path]) -> None:
        self.folders = folders
        self.roots = roots

    def get_source(self, environment: jinja2.Environment,
                   template: str) -> tuple[str, str, Callable[[], bool]]:
        pieces = split_template_path(template)
        for folder in self.folders:
            path = folder.joinpath(*pieces)
            if not path.exists():
                continue
            if not inside(path, *self.roots):
                raise OutsideFolder(template)
            resolved = path.resolve()
            if not resolved.is_file():
                continue
            if resolved.stat().st_size > LARGEST_FILE:
                raise RenderLimit(tr("'{name}' is larger than {size} MB", name=template,
                                     size=LARGEST_FILE // 1_000_000))
            # Up to date for the environment's life: one publication in one language.
            return resolved.read_text(encoding="utf-8"), str(path), lambda: True
        raise jinja2.TemplateNotFound(template)


def _recorded_undefined(log: ChapterLog) -> type[jinja2.Undefined]:
    class RecordedUndefined(jinja2.ChainableUndefined):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            log.undefined(self)

        def __call__(self, *args: Any, **kwargs: Any) -> RecordedUndefined:
            return self

    return RecordedUndefined


class CompiledTemplates(jinja2.BytecodeCache):
    """Compiled chapters and partials, kept for the process by file and source.

    A chapter compiles in milliseconds, but a publication has dozens with their
    partials, and a process that builds again (the preview, `check` after a
    build) would compile every one anew. Every ChapterEnvironment compiles
    alike, so they share the code; a changed source compiles again.
    """

    def __init__(self) -> None:
        self.kept: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if (code := self.kept.get(bucket.key)) is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.kept[bucket.key] = bucket.bytecode_to_string()


COMPILED = CompiledTemplates()


class ChapterEnvironment(ImmutableSandboxedEnvironment):
    """The sandbox chapters render in; see the module docstring."""

    intercepted_binops = frozenset({"*", "**"})
    code_generator_class = LineCodeGenerator

    def __init__(self, loader: ChapterLoader, localizer: Localizer) -> None:
        self.figures = FigureLog()
        self.log = ChapterLog()
        self.deadline = float("inf")
        self.source_map: SourceMap | None = None  # of the chapter rendered last
        super().__init__(
            loader=loader,
            undefined=_recorded_undefined(self.log),
            finalize=self._finalize,
            comment_start_string="{##",
            comment_end_string="##}",
            keep_trailing_newline=True,
            autoescape=False,
            extensions=["jinja2.ext.i18n"],
            bytecode_cache=COMPILED,
        )
        # Of Jinja's own globals, only `namespace` and `_`; `range` is the sandbox's, its
        # limit told in the writer's language.
        kept = {name: self.globals[name] for name in ("namespace", "_")}
        self.globals.clear()
        self.globals.update(kept, range=_limited_range)
        self.install_gettext_callables(
            localizer.gettext,
            lambda singular, plural, n: localizer.gettext(singular if n == 1 else plural),
            newstyle=True,
        )
        self.filters.update(filters(localizer, self.figures))

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if isinstance(obj, View):
            return attr in type(obj).chapter_names()
        if isinstance(obj, PLAIN_TYPES):
            return super().is_safe_attribute(obj, attr, value)
        return False

    def unsafe_undefined(self, obj: Any, attribute: str) -> jinja2.Undefined:
        self.log.forbidden(obj, attribute)
        return Absent(name=attribute)

    def getattr(self, obj: Any, attribute: str) -> Any:
        self.check_time()
        return super().getattr(obj, attribute)

    def call(self, context: Any, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        self.check_time()
        return super().call(context, obj, *args, **kwargs)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and isinstance(right, int) and abs(right) > LARGEST_EXPONENT:
            raise RenderLimit(tr("the power {power} is too large for a chapter", power=right))
        if operator == "*":
            for sequence, times in ((left, right), (right, left)):
                if isinstance(sequence, str | list | tuple) and isinstance(times, int) \
                        and len(sequence) * times > LARGEST_SEQUENCE:
                    raise RenderLimit(tr("repeating this text or list makes it too long"))
        return super().call_binop(context, operator, left, right)

    def check_time(self) -> None:
        if time.monotonic() > self.deadline:
            raise RenderLimit(tr("the chapter took more than {seconds} s to render",
                                 seconds=number(RENDER_SECONDS)))

    def _finalize(self, value: object) -> str:
        if value is None or isinstance(value, jinja2.Undefined):
            return ""
        if isinstance(value, bool) or not isinstance(value, TEXT_TYPES):
            self.log.not_text(value)
            return ""
        return as_markdown_text(self.figures.record(value))

    def render_limited(self, template: jinja2.Template, context: dict[str, Any],
                       source: SourceMap) -> str:
        """Render `template`, refusing to run longer or write more than the limits allow;
        `source` records the chapter line of every piece written."""
        self.deadline = time.monotonic() + RENDER_SECONDS
        size, parts = 0, []
        constants = {id(value) for value in template.root_render_func.__code__.co_consts
                     if isinstance(value, str)}
        pieces = template.generate(context)
        try:
            for part in pieces:
                size += len(part)
                if size > RENDERED_CHARACTERS:
                    raise RenderLimit(tr("the chapter renders to more than {number} "
                                         "characters", number=number(RENDERED_CHARACTERS)))
                self.check_time()
                line, own = _writing_line(pieces, template)
                source.add(part, line, own and id(part) in constants)
                parts.append(part)
        finally:
            self.deadline = float("inf")
        return "".join(parts)


def _writing_line(pieces: Any, template: jinja2.Template) -> tuple[int, bool]:
    """The chapter line whose code wrote the piece `pieces` just gave, and whether the
    chapter's own code wrote it (not an included partial or a macro)."""
    generator = pieces
    while generator is not None:
        frame = generator.gi_frame
        if frame is not None and frame.f_code is template.root_render_func.__code__:
            return _chapter_line(template, frame.f_lineno), generator.gi_yieldfrom is None
        generator = generator.gi_yieldfrom
    return 1, False


def _chapter_line(template: jinja2.Template, code_line: int) -> int:
    """The chapter line that the compiled template's `code_line` comes from.

    What Jinja's `get_corresponding_lineno` answers, without reading the template's
    line table anew for each of the thousands of pieces a long chapter writes.
    """
    code_lines, chapter_lines = _line_table(template)
    at = bisect.bisect_right(code_lines, code_line)
    return chapter_lines[at - 1] if at else 1


@functools.lru_cache(maxsize=256)
def _line_table(template: jinja2.Template) -> tuple[list[int], list[int]]:
    """The compiled template's code lines, rising, each with the chapter line it renders."""
    pairs = sorted(template.debug_info, key=lambda pair: pair[1])  # stable, as Jinja reads it
    return [code for _, code in pairs], [chapter for chapter, _ in pairs]


def environment(chapter_folder: Path, content_root: Path,
                localizer: Localizer) -> ChapterEnvironment:
    loader = ChapterLoader([chapter_folder, PARTIALS], [content_root, PARTIALS])
    return ChapterEnvironment(loader, localizer)


def filters(localizer: Localizer, figures: FigureLog) -> dict[str, Callable[..., Any]]:
    def logged(write: Callable[..., str]) -> Callable[..., Any]:
        """`write` the value and log it as a figure; data that did not load stays absent."""
        def filter_(value: Any, *args: Any) -> Any:
            if isinstance(value, jinja2.Undefined):
                return value
            return write(figures.record(value), *args)
        return filter_

    return {
        "date": logged(localizer.date),
        "number": logged(localizer.number),
        "percent": logged(localizer.percent),
        "months": logged(lambda value: localizer.number(value, 1)),
        "counted": logged(lambda value, one, many: f"{localizer.number(value)} "
                                                   f"{one if value == 1 else many}"),
        "country": logged(localizer.country),
        "anchor": anchor,
    }


def anchor(value: object, prefix: str) -> Markdown:
    """A heading identifier made only of safe characters: `1.2` -> `delmal-1-2`."""
    slug = re.sub(r"[^a-z0-9]+", "-", str(value).lower()).strip("-")
    return Markdown(f"{prefix}-{slug}" if slug else prefix)


def render_chapter(path: Path, env: ChapterEnvironment, context: dict[str, Any],
                   problems: Problems) -> Markdown | None:
    """Render one chapter file; problems carry the chapter's own line numbers."""
    text = read_text(path, problems)
    if text is None:
        return None
    if not text.strip():
        problems.warning(Position(path), tr("the chapter is empty"),
                         tr("write it, or remove it from 'chapters:' in publication.yaml"))
    env.figures.start(path.name)
    env.log.start(path, [*context, *env.globals])
    try:
        code = _compiled(env, text, path)
        template = env.template_class.from_code(env, code, env.make_globals(None))
        env.source_map = SourceMap(path, text.split("\n"))
        markdown = Markdown(env.render_limited(template, context, env.source_map))
        _report_log(env.log, path, problems)
        return markdown  # checked further even with problems; the build stops on them
    except jinja2.TemplateSyntaxError as error:
        where = Path(error.filename) if error.filename else path
        problems.error(Position(where, error.lineno),
                       tr("template syntax: {error}", error=error.message),
                       tr("check the {expression} and {statement} pairs on this line",
                          expression=EXPRESSION, statement=STATEMENT))
    except OutsideFolder as error:
        problems.error(Position(path, _template_line(error, path)),
                       tr("'{name}' lies outside the content folder", name=error.name),
                       tr("include only files of the content folder or the ready partials"))
    except jinja2.TemplateNotFound as error:
        problems.error(Position(path, _template_line(error, path)),
                       tr("'{name}' is not a chapter or partial that exists", name=error.name))
    except NotText as error:
        problems.error(Position(path, _template_line(error, path)), *_not_text(error.value))
    except SecurityError as error:
        problems.error(Position(path, _template_line(error, path)),
                       tr("not allowed in a chapter: {error}", error=error),
                       see_the_chapter_api())
    except RenderLimit as error:
        problems.error(Position(path, _template_line(error, path)), error.said,
                       tr("a chapter writes text; loops and sums this large are a mistake"))
    except RecursionError as error:
        problems.error(Position(path, _template_line(error, path)),
                       tr("the chapter includes or calls itself without end"),
                       tr("check the {example} and macro calls on this line",
                          example="{% include %}"))
    except Exception as error:  # a data method failing on bad input is still a content error
        problems.error(Position(path, _template_line(error, path)),
                       tr("could not render: {kind}: {error}", kind=type(error).__name__,
                          error=error))
    _report_log(env.log, path, problems)
    return None


def _compiled(env: ChapterEnvironment, text: str, path: Path) -> Any:
    """The chapter's code, compiled once while its text stays the same."""
    bucket = COMPILED.get_bucket(env, path.name, str(path), text)
    if bucket.code is None:
        bucket.code = env.compile(text, name=path.name, filename=str(path))
        COMPILED.set_bucket(bucket)
    return bucket.code


def _report_log(log: ChapterLog, path: Path, problems: Problems) -> None:
    """Report what the chapter's log holds."""
    for line, message, hint in log.found:
        problems.error(Position(path, line), message, hint or tr(
            "see the chapter API in docs/chapters.md for the names you can use"))


def render_partial(name: str, env: ChapterEnvironment, context: dict[str, Any],
                   problems: Problems) -> Markdown | None:
    """Render one of the pipeline's own partials (a letter's frame, the plan's body)."""
    try:
        return Markdown(env.get_template(name).render(context))
    except jinja2.UndefinedError as error:
        problems.error(Position(PARTIALS / name, _template_line(error, PARTIALS / name)),
                       tr("the partial needs data the publication lacks: {error}",
                          error=error.message))
    return None


def _template_line(error: BaseException, path: Path) -> int | None:
    """The line of the template that was running when `error` happened."""
    line = None
    for frame, lineno in traceback.walk_tb(error.__traceback__):
        if frame.f_code.co_filename in (str(path), path.name):
            line = lineno
    return line
