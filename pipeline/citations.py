"""Citations and the reference list, through pandoc's citeproc on the parsed tree."""

from __future__ import annotations

import json
from pathlib import Path

from pipeline import pandoc
from pipeline.ast import meta_inlines, meta_string
from pipeline.pandoc import Ast


def cite(ast: Ast, bibliography: Path, language_tag: str, section_title: str) -> Ast:
    """Resolve `[@key]` citations and append the reference list under `section_title`."""
    meta = {
        **ast.get("meta", {}),
        "bibliography": meta_string(str(bibliography)),
        "lang": meta_string(language_tag),
        "link-citations": {"t": "MetaBool", "c": True},
        "reference-section-title": meta_inlines(section_title),
    }
    output = pandoc.run(["--from", "json", "--to", "json", "--citeproc"],
                        json.dumps({**ast, "meta": meta}).encode("utf-8"))
    cited = json.loads(output)
    cited["meta"] = ast.get("meta", {})
    return cited
