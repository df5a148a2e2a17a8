"""The one module that runs pandoc (the binary shipped by pypandoc-binary).

Markdown is parsed once into pandoc's JSON AST; each output format is written
from that same tree. Every run is bounded in time and memory: some Markdown
(brackets or quotes by the thousand in one paragraph) makes pandoc's parser
take hours and gigabytes, and a build must stop with an error instead.
"""

from __future__ import annotations

import json
import subprocess
from functools import cache
from pathlib import Path
from typing import Any

import pypandoc

from pipeline.messages import number, tr
from pipeline.problems import BuildError

# pandoc's Markdown, as writers know it, minus raw HTML and raw TeX: content is
# text and Markdown only, so nothing a writer types reaches an output as markup.
READER = "markdown-raw_html-raw_tex-raw_attribute"
# The real annual report is read in 0.1 s and written in a second; a 10 MB document
# is read in 9 s with 760 MB. A run beyond these limits is stopped.
SECONDS = 60
HEAP_MB = 1024  # the Haskell heap: pandoc stops with "Heap exhausted" beyond it
HEAP_EXHAUSTED = 251  # the exit status of a Haskell program out of heap
# How deep the tree may nest, in its JSON levels: the real content goes 16 deep; a quote
# inside a quote adds 2, a list inside a list 3. Python's own walks stop near 1,000.
DEEPEST = 120

Ast = dict[str, Any]


class PandocError(BuildError):
    pass


@cache
def executable() -> str:
    return pypandoc.get_pandoc_path()


def run(args: list[str], stdin: bytes) -> bytes:
    command = [executable(), *args, "+RTS", f"-M{HEAP_MB}m", "-RTS"]
    try:
        completed = subprocess.run(command, input=stdin, capture_output=True, check=False,
                                   timeout=SECONDS)
    except subprocess.TimeoutExpired as error:
        raise PandocError(tr("pandoc took more than {seconds} s",
                             seconds=number(SECONDS))) from error
    if completed.returncode == HEAP_EXHAUSTED:
        raise PandocError(tr("pandoc needed more than {size} MB of memory", size=HEAP_MB))
    if completed.returncode != 0:
        raise PandocError(completed.stderr.decode("utf-8", errors="replace").strip())
    return completed.stdout


def parse_markdown(text: str) -> Ast:
    """The document's tree; a PandocError when it nests too deeply to be worked on."""
    output = run(["--from", READER, "--to", "json"], text.encode("utf-8"))
    try:
        ast = json.loads(output)
    except RecursionError:
        ast = None
    if ast is None or depth(ast["blocks"]) > DEEPEST:
        raise PandocError(tr("the text nests lists, quotes or emphasis too deeply"))
    return ast


def depth(value: object) -> int:
    """How deep `value` nests, measured without recursion (so any depth can be measured).

    Level by level: a document of 60,000 nodes is measured in a fraction of the
    time a stack of (node, level) pairs takes, which the preview waits for.
    """
    deepest, level = 0, [value]
    while True:
        below: list[object] = []
        for item in level:
            if isinstance(item, dict):
                below.extend(item.values())
            elif isinstance(item, list):
                below.extend(item)
        if not below:
            return deepest
        deepest, level = deepest + 1, below


def write(ast: Ast, to: str, args: list[str], output: Path | None = None) -> bytes:
    """Write `ast` in format `to`; into `output` when given (binary formats)."""
    extra = ["--output", str(output)] if output else []
    return run(["--from", "json", "--to", to, *args, *extra], json.dumps(ast).encode("utf-8"))


def default_data_file(name: str) -> bytes:
    return run(["--print-default-data-file", name], b"")
