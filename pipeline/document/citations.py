"""Citations and the reference list, through pandoc's citeproc on the parsed tree."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from pipeline.document import pandoc
from pipeline.document.crossref import PREFIXES
from pipeline.document.pandoc import Ast
from pipeline.document.transforms import chapter_source, locate
from pipeline.document.tree import (
    Element,
    children,
    citation_ids,
    meta_inlines,
    meta_string,
    walk,
)
from pipeline.messages import tr
from pipeline.problems import Problems


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


def check_keys(ast: Ast, bibliography: Path | None, content_root: Path,
               problems: Problems) -> None:
    """Every `[@key]` of a chapter must be in the bibliography (cross-references aside)."""
    known = _keys(bibliography) if bibliography else set()
    for block in ast["blocks"]:
        source = chapter_source(block, content_root)
        if source is None:
            continue
        for key in dict.fromkeys(_cited(children(block))):
            if key.split("-", 1)[0].lower() in PREFIXES or key in known:
                continue
            hint = tr("add it to the bibliography") if bibliography else \
                tr("name a bibliography in publication.yaml, or write \\@ for a plain @")
            problems.error(locate(source, "@" + key),
                           tr("the citation '@{key}' is not in the bibliography", key=key), hint)


def _cited(blocks: list[Element]) -> list[str]:
    cited: list[str] = []

    def collect(element: Element) -> None:
        if element["t"] == "Cite":
            cited.extend(citation_ids(element))

    walk(blocks, collect, {"Cite"})
    return cited


def _keys(bibliography: Path) -> set[str]:
    try:
        data = yaml.safe_load(bibliography.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        return set()
    references = data.get("references") if isinstance(data, dict) else None
    return {str(r.get("id")) for r in references or [] if isinstance(r, dict)}
