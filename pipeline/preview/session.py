"""The preview's loop: build the HTML, tell the pages, wait for a save, build again.

Only the HTML of the previewed publication (and language) is built, into a
folder of its own. Each build goes through the same cache as `ncp build`, so
a save rewrites only the pages it changed; the server outlives every problem
of the content and shows it in the page instead.
"""

from __future__ import annotations

import threading
import time
import traceback
from collections.abc import Callable, Iterable
from pathlib import Path

import watchfiles

from pipeline import cache
from pipeline.build import Request, build
from pipeline.messages import number, tr, tr_n
from pipeline.preview.server import HOST, Board, serve
from pipeline.problems import BuildError, ContentError, Position, Problem, Problems
from pipeline.publish.folders import marking
from pipeline.render.localizer import translations
from pipeline.resources import TEMPLATES


def preview(request: Request, port: int, say: Callable[[str], None]) -> None:
    """Build, serve on 127.0.0.1:`port` (0: a free one), and build again on every save."""
    board = Board()
    with marking(request.output, request.build):
        _build_and_tell(request, board, say, [])
    server = serve(request.output, board, port, home(request))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    say(tr("preview at {address} (watching {content} and the templates; Ctrl-C stops)",
           address=f"http://{HOST}:{server.server_address[1]}{home(request)}",
           content=request.content))
    try:
        for changes in watchfiles.watch(request.content, TEMPLATES, raise_interrupt=False):
            changed = sorted({Path(path) for _, path in changes})
            if any(path.is_relative_to(TEMPLATES) for path in changed):
                cache.forget_tools()
                translations.cache_clear()
            _build_and_tell(request, board, say, changed)
    finally:
        server.shutdown()
        server.server_close()


def home(request: Request) -> str:
    """The page `/` leads to: the one previewed, else the index of all."""
    if len(request.slugs) == 1 and len(request.languages) == 1:
        slug, lang = request.slugs[0], request.languages[0]
        return f"/{slug}/{slug}-{lang}.html"
    return "/"


def _build_and_tell(request: Request, board: Board, say: Callable[[str], None],
                    changed: Iterable[Path]) -> None:
    start = time.perf_counter()
    problems = _built(request)
    board.publish([{"severity": problem.severity, "text": problem.format(request.content)}
                   for problem in sorted(problems.items, key=_order)], _heading(problems))
    names = ", ".join(path.name for path in changed)
    seconds = number(time.perf_counter() - start, 2)
    outcome = tr("failed in {seconds} s", seconds=seconds) if problems.errors \
        else tr("built in {seconds} s", seconds=seconds)
    say(outcome + (f" ({names})" if names else ""))
    if problems.items:
        say(problems.format(request.content))


def _heading(problems: Problems) -> str:
    """What the page says above the problems of a build."""
    if problems.errors:
        return tr_n("{count} error: the page shows the last build that succeeded",
                    "{count} errors: the page shows the last build that succeeded",
                    len(problems.errors))
    return tr_n("{count} warning", "{count} warnings", len(problems.items))


def _built(request: Request) -> Problems:
    """Build; every problem of the run, whatever stopped it (the preview must not stop)."""
    problems = Problems()
    try:
        build(request, problems)
    except ContentError:
        pass  # its problems are ours already
    except BuildError as error:
        problems.error(Position(request.content),
                       tr("the page could not be written: {error}", error=error))
    except Exception as error:  # a fault of the pipeline, not of the content: say it, go on
        traceback.print_exc()
        problems.error(Position(request.content), tr("the preview failed: {error}",
                                                     error=repr(error)),
                       tr("the terminal shows where; please report it"))
    return problems


def _order(problem: Problem) -> tuple[bool, str, int]:
    """Errors first, then by file and line."""
    position = problem.position
    return (problem.severity != "error", str(position.path), position.line or 0)
