"""Build publications: gather and validate everything, then write.

Phase one loads the content, renders every chapter and parses every
document, collecting all problems; nothing is written to the output folder
unless that whole phase is clean. Phase two writes each format through a
temporary file that is renamed into place only when complete.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import multiprocessing
import os
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from pipeline import cache
from pipeline.checks.chapters import resolve_chapters
from pipeline.checks.folder import checked_content
from pipeline.checks.formulas import check_formulas
from pipeline.checks.glyphs import check_glyphs
from pipeline.checks.language import check_language
from pipeline.checks.versions import check_versions
from pipeline.content.model import Content, Publication
from pipeline.content.paths import resolve_inside
from pipeline.document import crossref, pandoc
from pipeline.document.citations import check_keys, cite
from pipeline.document.layout import Layout
from pipeline.document.positions import Places
from pipeline.document.prechecks import check_marks
from pipeline.document.prepared import Document, describe
from pipeline.document.transforms import (
    apply_fig_alt,
    chapter_fence,
    chapter_texts,
    fence_lines,
    shift_chapter_headings,
)
from pipeline.document.tree import forget_kinds, note_kinds
from pipeline.formats import READ_AS, WRITERS, file_name, with_variants
from pipeline.formats.html import web_font_cache
from pipeline.kinds import KINDS
from pipeline.messages import tr
from pipeline.problems import BuildError, ContentError, Position, Problem, Problems
from pipeline.publish.gate import Secret, leaks, secrets
from pipeline.publish.index_page import write_index
from pipeline.publish.mirror import expected_outputs, mirror
from pipeline.publish.staging import Staging, locked, staged_run
from pipeline.render.localizer import Localizer, language_tag
from pipeline.render.sandbox import environment, render_chapter, render_partial
from pipeline.render.source_map import DocumentMap


@dataclass
class Request:
    content: Path
    output: Path
    build: Path
    slugs: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    formats: list[str] = field(default_factory=list)
    force: bool = False  # write every output, even those that are up to date
    # Write in processes of their own, one a core (a process that serves, as the preview
    # does, writes in threads: it is not forked).
    processes: bool = True


@dataclass
class Built:
    path: Path
    seconds: float
    fresh: bool = False  # up to date already: not written again
    stamp: Path | None = None  # where its key is kept, once it is in place
    key: str = ""


class Progress(Protocol):
    """Told how a build goes, to show it while it runs (the command line's lines and bar)."""

    def preparing(self, slug: str, lang: str) -> None:
        """A document starts to render and parse."""

    def writing(self, total: int) -> None:
        """The writers start on `total` outputs."""

    def written(self, item: Built) -> None:
        """One output is finished (written or up to date); called from the writers' threads."""


class Silent:
    """The progress of a build nobody watches."""

    def preparing(self, slug: str, lang: str) -> None:
        pass

    def writing(self, total: int) -> None:
        pass

    def written(self, item: Built) -> None:
        pass


def build(request: Request, problems: Problems | None = None,
          progress: Progress | None = None) -> list[Built]:
    """Check everything, write every output into a staging folder, then move all into place.

    Two builds into the same folders take turns. A run that fails at any
    output (a tool's refusal, a confidential string found by the gate)
    leaves output/ as it was. `problems` receives the warnings of a build
    that succeeds, too.
    """
    problems = Problems() if problems is None else problems
    progress = progress or Silent()
    with locked(request.build), locked(request.output):
        content = checked_content(request.content, problems, language=False)
        if content is None or problems.errors:
            if content is not None:
                check_language(content, problems)
            raise ContentError(problems)
        # Spelling and plain language only warn (or refuse a word list from outside the
        # content): they are checked beside the rendering and writing, not before them.
        with _beside(functools.partial(check_language, content), problems,
                     request.processes) as language_checked:
            return _prepared_and_written(content, request, problems, progress,
                                         language_checked)


def _prepared_and_written(content: Content, request: Request, problems: Problems,
                          progress: Progress, language_checked: Callable[[], None]
                          ) -> list[Built]:
    """Render and parse the documents, then write them: the build once its content is read."""
    documents = prepare_all(content, request, problems, progress)
    if problems.errors:
        raise ContentError(problems)
    gate = Gate(secrets(content.cases))
    # The longest first, so that no long PDF is left to run alone at the end.
    jobs = sorted(((document, fmt) for document in documents
                   for fmt in _formats(document.publication, request)),
                  key=_expected_seconds, reverse=True)
    if not jobs:
        problems.error(Position(request.content / "publications"),
                       tr("nothing to build: no publication, language and format matches "
                          "this selection"),
                       tr("you can build {choices}", choices=_selectable(content)))
        raise ContentError(problems)
    progress.writing(len(jobs))
    for document in documents:  # before the writers fork: each inherits the notes
        note_kinds(document.ast["blocks"])
    try:
        with staged_run(request.output) as staging:
            built = _write_all(jobs, Writing(staging, gate, request.force), problems,
                               progress, request.processes)
            language_checked()
            if problems.errors:
                raise ContentError(problems)
    finally:
        forget_kinds()
    for item in built:
        if item.stamp is not None:
            item.stamp.write_text(item.key)
    mirror(request.output, expected_outputs(content), [item.path for item in built])
    if built:
        write_index(content, request.output, problems, web_font_cache(request.build))
        if problems.errors:  # the outputs are in place; say what the index lacks
            raise ContentError(problems)
    return built


@contextlib.contextmanager
def _beside(work: Callable[[Problems], None], problems: Problems,
            fork: bool) -> Iterator[Callable[[], None]]:
    """Run `work` beside the block: in a forked process, or here at once when the build
    does not fork. The block calls what it is given to add `work`'s problems to
    `problems`; leaving the block adds them, if it did not."""
    if not fork:
        work(problems)
        yield lambda: None
        return
    pool = _forking_pool(1)
    _FORKED["beside"] = work
    future = pool.submit(_work_forked)  # the process is forked here, with `work` to inherit
    _FORKED.pop("beside")
    joined = False

    def join() -> None:
        nonlocal joined
        if not joined:
            joined = True
            problems.items.extend(future.result())

    try:
        yield join
        join()
    except ContentError:
        join()
        raise
    finally:
        pool.shutdown(cancel_futures=True)


def _work_forked() -> list[Problem]:
    problems = Problems()
    _FORKED["beside"](problems)  # type: ignore[operator]
    return problems.items


# How long each format takes to write, about, for a top-level block of the document.
SECONDS_PER_BLOCK = {"html": 1.0, "docx": 1.0, "pdf": 3.0, "print": 3.0}


def _expected_seconds(job: tuple[Document, str]) -> float:
    document, fmt = job
    return SECONDS_PER_BLOCK[fmt] * len(document.ast["blocks"])


def prepare_all(content: Content, request: Request, problems: Problems,
                progress: Progress | None = None) -> list[Document]:
    """Render and parse every selected publication in every selected language."""
    progress = progress or Silent()
    documents = []
    for publication in select(content, request, problems):
        for lang in _languages(publication, request):
            progress.preparing(publication.slug, lang)
            if document := prepare(content, publication, lang, request.build, problems):
                documents.append(document)
    check_versions(documents, problems)
    return documents


def select(content: Content, request: Request, problems: Problems) -> list[Publication]:
    chosen = []
    for slug in request.slugs:
        if slug not in content.publications:
            problems.error(Position(content.root / "publications" / slug),
                           tr("there is no publication '{slug}'", slug=slug),
                           tr("publications: {names}",
                              names=", ".join(sorted(content.publications))))
        else:
            chosen.append(content.publications[slug])
    for publication in content.publications.values():
        if publication.kind in request.kinds and publication not in chosen:
            chosen.append(publication)
    if not request.slugs and not request.kinds:
        chosen = list(content.publications.values())
    for publication in chosen:
        if publication.kind not in KINDS:
            problems.error(Position(publication.folder / "publication.yaml"),
                           tr("publications of kind '{kind}' cannot be built yet",
                              kind=publication.kind),
                           tr("kinds that build: {kinds}", kinds=", ".join(KINDS)))
    return [p for p in chosen if p.kind in KINDS]


def _selectable(content: Content) -> str:
    """What a selection can name: each publication with its languages and formats."""
    return "; ".join(f"{p.slug} ({', '.join(p.languages)}: {', '.join(p.formats)})"
                     for p in sorted(content.publications.values(), key=lambda p: p.slug))


def _languages(publication: Publication, request: Request) -> list[str]:
    if not request.languages:
        return publication.languages
    return [lang for lang in publication.languages if lang in request.languages]


def _formats(publication: Publication, request: Request) -> list[str]:
    chosen = [fmt for fmt in publication.formats if not request.formats or fmt in request.formats]
    return with_variants(publication, chosen)


def prepare(content: Content, publication: Publication, lang: str, build_root: Path,
            problems: Problems) -> Document | None:
    """Render the chapters to Markdown and parse it once; None when it has errors."""
    before = len(problems.errors)
    work_dir = (build_root / publication.slug).resolve()
    work_dir.mkdir(parents=True, exist_ok=True)
    localizer = Localizer(lang, problems, publication.fallback)
    kind = KINDS[publication.kind]
    layout = kind.LAYOUT
    names = kind.context(content, publication, localizer, work_dir / "charts", problems)
    if len(problems.errors) > before:
        return None
    figures: dict[str, list[object]] = {}
    source, lines = _markdown(content, publication, lang, layout, names, localizer, problems,
                              figures)
    (work_dir / f"{publication.slug}-{lang}.md").write_text(source, encoding="utf-8")
    # The Markdown is checked even when a chapter's expressions failed: all problems at once.
    if not check_marks(source, lines, problems):
        return None
    stem = work_dir / f"{publication.slug}-{lang}"
    try:
        ast = cache.remembered(stem.with_suffix(".parsed.json"), [source],
                               lambda: pandoc.parse_markdown(source))
    except pandoc.PandocError as error:
        for where in _unreadable_chapters(source, content.root) or [publication.folder]:
            problems.error(Position(where), tr("pandoc could not read this text: {error}",
                                               error=error),
                           tr("look for lists or quotes nested very deep, or a paragraph with "
                              "very many brackets [ ] or < signs"))
        return None
    ast = shift_chapter_headings(ast, layout.shift_headings)
    numbers = crossref.number(ast, layout.number_sections, localizer.gettext)
    ast = crossref.resolve(ast, numbers, localizer.gettext, content.root, problems)
    check_keys(ast, publication.bibliography, content.root, problems)
    places = Places(source, lines)
    if "$" in source:  # a formula is written between dollar signs
        check_formulas(ast, content.root, places, problems)
    ast = apply_fig_alt(resolve_chapters(ast, content.root, [work_dir], places, problems))
    if len(problems.errors) > before:
        return None
    if publication.bibliography:
        bibliography = publication.bibliography
        parts = [json.dumps(ast), bibliography.read_text(encoding="utf-8"), lang]
        try:
            ast = cache.remembered(
                stem.with_suffix(".cited.json"), parts,
                lambda: cite(ast, bibliography, language_tag(lang),
                             localizer.gettext("References")))
        except pandoc.PandocError as error:
            problems.error(Position(publication.bibliography),
                           tr("the citations could not be resolved: {error}", error=error))
            return None
    document = describe(content, publication, localizer, ast, layout, work_dir, figures)
    if "pdf" in publication.formats:  # a browser or Word finds a font for any character
        check_glyphs(document, source, lines, content.root, problems)
    return None if len(problems.errors) > before else document


def _unreadable_chapters(source: str, content_root: Path) -> list[Path]:
    """The chapters of a document pandoc could not read, each read alone to find them."""
    found = []
    for chapter, text in chapter_texts(source):
        try:
            pandoc.parse_markdown(text)
        except pandoc.PandocError:
            found.append(content_root / chapter)
    return found


def _markdown(content: Content, publication: Publication, lang: str, layout: Layout,
              names: dict[str, object], localizer: Localizer, problems: Problems,
              figures: dict[str, list[object]]) -> tuple[str, DocumentMap]:
    """The publication's Markdown: the kind's frame around its rendered chapters, and
    where each of its lines was written.

    Fills `figures` with what each chapter inserted from the data.
    """
    env = environment(publication.folder / lang, content.root, localizer)
    lines = DocumentMap(publication.folder / "publication.yaml")
    parts = []
    if layout.before:
        parts.append(render_partial(layout.before, env, names, problems) or "")
    for chapter in publication.chapters:
        found = chapter_file(publication, lang, chapter, content.root, problems)
        if found is None:
            continue
        path, written_in = found
        markdown = render_chapter(path, env, names, problems)
        if markdown is not None and env.source_map is not None:
            other = written_in if written_in != lang else None
            fenced = chapter_fence(str(path.relative_to(content.root)), markdown, other)
            lines.add(1 + sum(part.count("\n") + 1 for part in parts) + fence_lines(other),
                      env.source_map)
            parts.append(fenced)
    if layout.after:
        parts.append(render_partial(layout.after, env, names, problems) or "")
    figures.update(env.figures.by_chapter)
    return "\n".join(parts), lines


def chapter_file(publication: Publication, lang: str, chapter: str, root: Path,
                 problems: Problems) -> tuple[Path, str] | None:
    """The file of `chapter` for the `lang` version, and the language it is written in.

    A chapter missing in a language other than the fallback stops that version
    only: a draft takes the fallback language's chapter instead (with a warning),
    anything else is an error of that version, so `--lang nb` builds without it.
    None when there is no file to render (an error reported, here or by the loader).
    """
    path = resolve_inside(publication.folder / lang, chapter, root)
    if path is not None and path.is_file():
        return path, lang
    fallback = publication.fallback
    if path is None or fallback is None or lang == fallback:
        return None  # reported where publication.yaml lists it
    where = Position(publication.folder / "publication.yaml")
    if not publication.draft:
        problems.error(where, tr("chapter '{lang}/{chapter}' does not exist, so the {lang} "
                                 "version cannot be built", lang=lang, chapter=chapter),
                       tr("write {slug}/{lang}/{chapter}; or set 'draft: true' to build it "
                          "with the {fallback} chapter, marked as a draft; '--lang {fallback}' "
                          "builds without it", slug=publication.slug, lang=lang,
                          chapter=chapter, fallback=fallback))
        return None
    substitute = resolve_inside(publication.folder / fallback, chapter, root)
    if substitute is None or not substitute.is_file():
        return None  # reported where publication.yaml lists it for the fallback
    problems.warning(where, tr("chapter '{lang}/{chapter}' is not written yet: the {lang} "
                               "draft shows the {fallback} chapter in its place",
                               lang=lang, chapter=chapter, fallback=fallback))
    return substitute, fallback


@dataclass(frozen=True)
class Gate:
    """The confidential strings no output may hold, and a digest of them for freshness."""

    secrets: list[Secret]

    @functools.cached_property
    def digest(self) -> str:
        """Computed once a build, though every output's key asks for it."""
        texts = sorted(secret.text for secret in self.secrets)
        return hashlib.sha256("\n".join(texts).encode("utf-8")).hexdigest()


def write(document: Document, fmt: str, staging: Staging, gate: Gate, problems: Problems,
          force: bool = False) -> Built | None:
    """Write one output into the staging folder, to be moved into place with the others;
    None (with problems) when it may not be kept."""
    writing = Writing(staging, gate, force)
    item = writing.fresh(document, fmt) or writing.written(document, fmt, problems)
    if item is not None and not item.fresh:
        staging.keep(item.path)
    return item


@dataclass
class Writing:
    """What every output of a build is written with: where, under which gate, how."""

    staging: Staging
    gate: Gate
    force: bool

    def target(self, document: Document, fmt: str) -> Path:
        return self.staging.root / document.publication.slug / file_name(document.stem, fmt)

    def key(self, document: Document, fmt: str) -> str:
        # SOURCE_DATE_EPOCH dates the DOCX's zip entries.
        return cache.key([document.made_from, fmt, self.gate.digest,
                          os.environ.get("SOURCE_DATE_EPOCH", "")])

    def stamp(self, document: Document, fmt: str) -> Path:
        """Where the key an output was made under is kept, once it is in place."""
        return document.work_dir / f"{document.stem}.{fmt}.key"

    def fresh(self, document: Document, fmt: str) -> Built | None:
        """The output, when it is up to date and need not be written again."""
        target = self.target(document, fmt)
        if self.force or not cache.is_fresh([target], self.stamp(document, fmt),
                                            self.key(document, fmt)):
            return None
        return Built(target, 0.0, fresh=True)

    def written(self, document: Document, fmt: str, problems: Problems) -> Built | None:
        """Write the output into the staging folder; None (with problems) when it may not
        be kept: a tool refused it, or the gate found a confidential string in it."""
        target = self.target(document, fmt)
        start = time.perf_counter()
        staged = self.staging.path(target)
        where = Position(document.publication.folder / "publication.yaml")
        try:
            WRITERS[fmt](document, staged)
        except BuildError as error:
            problems.error(where, tr("{name} could not be written: {error}", name=target.name,
                                     error=error))
            return None
        found = leaks(staged, READ_AS.get(fmt, fmt), self.gate.secrets)
        slug = document.publication.slug
        for secret in found:
            problems.error(Position(secret.source),
                           tr("{path} holds the confidential {field} of this file, so no "
                              "output of this build was kept", path=f"{slug}/{target.name}",
                              field=secret.field),
                           tr("remove it from the chapter or data that printed it"))
        if found:
            return None
        return Built(target, time.perf_counter() - start, stamp=self.stamp(document, fmt),
                     key=self.key(document, fmt))


def _write_all(jobs: list[tuple[Document, str]], writing: Writing, problems: Problems,
               progress: Progress, processes: bool) -> list[Built]:
    """Every output of `jobs`, those up to date told at once, the others as they finish."""
    results: dict[int, Built] = {}
    stale = []
    for index, (document, fmt) in enumerate(jobs):
        if item := writing.fresh(document, fmt):
            results[index] = item
            progress.written(item)
        else:
            stale.append(index)
    for index, item, said in _written_in_parallel(jobs, stale, writing, processes):
        problems.items.extend(said)
        if item is not None:
            writing.staging.keep(item.path)
            results[index] = item
            progress.written(item)
    return [results[index] for index in sorted(results)]


# The jobs of the build that forks the writers' processes: they inherit it, not a copy sent.
_FORKED: dict[str, object] = {}


def _written_in_parallel(jobs: list[tuple[Document, str]], indexes: list[int],
                         writing: Writing, processes: bool
                         ) -> Iterator[tuple[int, Built | None, list[Problem]]]:
    """(index, output or None, its problems) for each job of `indexes`, as each finishes.

    pandoc and Typst run outside Python's lock, but our own work on each tree does not:
    forked processes, one a core, write in parallel what threads would take turns at.
    A single job is written here, without a process to start.
    """
    workers = min(len(indexes), os.cpu_count() or 1)
    if workers <= 1:
        yield from (_write_one(jobs, writing, index) for index in indexes)
        return
    for document in {id(d): d for d, _ in jobs}.values():
        document.made_from  # noqa: B018 -- computed once, here, not in every process
    writing.gate.digest  # noqa: B018
    if processes:
        _FORKED.update(jobs=jobs, writing=writing)
        pool: Executor = _forking_pool(workers)
        submit = functools.partial(pool.submit, _write_forked)
    else:
        pool = ThreadPoolExecutor(workers)
        submit = functools.partial(pool.submit, _write_one, jobs, writing)
    try:
        with pool:
            for future in as_completed([submit(index) for index in indexes]):
                yield future.result()
    finally:
        _FORKED.clear()


def _forking_pool(workers: int) -> ProcessPoolExecutor:
    """Processes forked from this one (when the first job is submitted), so that they
    inherit the build's state, kept in _FORKED, rather than have it sent."""
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))


def _write_one(jobs: list[tuple[Document, str]], writing: Writing,
               index: int) -> tuple[int, Built | None, list[Problem]]:
    problems = Problems()
    document, fmt = jobs[index]
    return index, writing.written(document, fmt, problems), problems.items


def _write_forked(index: int) -> tuple[int, Built | None, list[Problem]]:
    return _write_one(_FORKED["jobs"], _FORKED["writing"], index)  # type: ignore[arg-type]
