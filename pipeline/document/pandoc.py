"""The one module that runs pandoc (the binary shipped by pypandoc-binary).

Markdown is parsed once into pandoc's JSON AST; each output format is written
from that same tree.
"""

from __future__ import annotations

import json
import subprocess
from functools import cache
from pathlib import Path
from typing import Any

import pypandoc

from pipeline.problems import BuildError

# pandoc's Markdown, as writers know it, minus raw HTML and raw TeX: content is
# text and Markdown only, so nothing a writer types reaches an output as markup.
READER = "markdown-raw_html-raw_tex-raw_attribute"

Ast = dict[str, Any]


class PandocError(BuildError):
    pass


@cache
def executable() -> str:
    return pypandoc.get_pandoc_path()


def run(args: list[str], stdin: bytes) -> bytes:
    completed = subprocess.run([executable(), *args], input=stdin, capture_output=True,
                               check=False)
    if completed.returncode != 0:
        raise PandocError(completed.stderr.decode("utf-8", errors="replace").strip())
    return completed.stdout


def parse_markdown(text: str) -> Ast:
    return json.loads(run(["--from", READER, "--to", "json"], text.encode("utf-8")))


def write(ast: Ast, to: str, args: list[str], output: Path | None = None) -> bytes:
    """Write `ast` in format `to`; into `output` when given (binary formats)."""
    extra = ["--output", str(output)] if output else []
    return run(["--from", "json", "--to", to, *args, *extra], json.dumps(ast).encode("utf-8"))


def default_data_file(name: str) -> bytes:
    return run(["--print-default-data-file", name], b"")
