"""`ncp new case`: the next case of a year, every field under a comment, its timeline started."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from pipeline.content import vocabulary as v
from pipeline.content.shapes import CASE
from pipeline.scaffold.yamltext import commented

# Placeholders in the language of the title, to be replaced by the case handler.
PLACEHOLDERS = {
    "nb": ("Fyll inn en nøytral tittel", "Klager i sak {id}", "Selskap i sak {id}"),
    "nn": ("Fyll inn ein nøytral tittel", "Klagar i sak {id}", "Selskap i sak {id}"),
    "en": ("Fill in a neutral title", "Submitter of case {id}", "Enterprise of case {id}"),
}
# A new case is neither public nor named in any output until the case handler decides so.
NOTES = {
    "title": "Fill in a neutral title.",
    "submitter": "Fill in; the name stays confidential until you set false.",
    "enterprise": "Fill in; the name stays confidential until you set false.",
    "sector": "Set the enterprise's sector.",
    "public": "Set true when the case may be published.",
}


def next_case_id(content: Path, year: int) -> str:
    """YEAR-NN after the highest number of `year` in cases/ (01 for the first)."""
    numbers = [int(m.group(1)) for path in (content / "cases").glob(f"{year}-*.yaml")
               if (m := re.fullmatch(rf"{year}-(\d+)", path.stem))]
    return f"{year}-{max(numbers, default=0) + 1:02d}"


def new_case(content: Path, received: dt.date, lang: str, title: str | None = None) -> Path:
    """Write cases/<id>.yaml for a complaint received on `received`; return its path."""
    case_id = next_case_id(content, received.year)
    path = content / "cases" / f"{case_id}.yaml"
    untitled, submitter, enterprise = PLACEHOLDERS[lang]
    values = {
        "id": case_id,
        "title": {lang: title or untitled},
        "received": received,
        "submitter": {"type": "other", "name": submitter.format(id=case_id),
                      "confidential": True},
        "enterprise": {"name": enterprise.format(id=case_id), "confidential": True},
        "lead_ncp": "NO",
        "supporting_ncps": [],
        "host_countries": [],
        "sector": "other-service-activities",
        "chapters": [],
        "guidelines_edition": max(v.GUIDELINES_EDITIONS),
        "public": False,
        "timeline": [{"date": received, "step": "received"}],
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as file:  # never over a case that exists
        file.write(f"# Case {case_id}: every field under a comment saying what it holds.\n")
        file.write(commented(CASE, values, NOTES))
    return path
