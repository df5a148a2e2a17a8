"""`ncp export cases`: the year's public cases in the fields of the OECD database of
specific instances, for the NCP's annual reporting to the OECD.

The rows are made from the public case views (`render/views.py`), in English, the
language of the database: a withheld name reads "Name withheld", and neither `notes`
nor a case with `public: false` can reach a row. The leak gate reads the finished
text as it reads every output before it is written.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from pipeline.checks.folder import load_content
from pipeline.content.model import Content
from pipeline.messages import tr
from pipeline.problems import Position, Problems
from pipeline.publish.gate import leaks_in_text, secrets
from pipeline.render.localizer import Localizer
from pipeline.render.views import Cases, CaseView

# The columns, as the OECD database of specific instances names its fields.
COLUMNS = ("id", "title", "lead_ncp", "supporting_ncps", "host_countries", "date_received",
           "status", "outcome", "guidelines_chapters", "guidelines_edition", "sector",
           "enterprise", "submitter_type")
EXPORT_LANGUAGE = "en"
FORMATS = ("csv", "json")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class LeakError(ValueError):
    """The export would hold a confidential string; nothing was written."""


def export_rows(content: Content, year: int, problems: Problems) -> list[dict[str, object]]:
    """One row per public case handled in `year` (open in it, or with a step dated in it)."""
    w = Localizer(EXPORT_LANGUAGE, problems, content.site.default_language)
    editions = {case.id: case.guidelines_edition for case in content.cases if case.public}
    return [_row(view, editions[view.id]) for view in Cases(content.cases, w).active(year)]


def _row(case: CaseView, edition: int) -> dict[str, object]:
    return {
        "id": case.id, "title": case.title, "lead_ncp": case.lead_ncp,
        "supporting_ncps": list(case.supporting_ncps),
        "host_countries": list(case.host_countries),
        "date_received": case.received.isoformat(), "status": case.status,
        "outcome": case.outcome, "guidelines_chapters": list(case.chapters),
        "guidelines_edition": edition, "sector": case.sector, "enterprise": case.enterprise,
        "submitter_type": case.submitter_type,
    }


def export_text(rows: list[dict[str, object]], fmt: str) -> str:
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    out = io.StringIO()
    writer = csv.DictWriter(out, COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:  # lists as one cell, joined the way the database lists them
        writer.writerow({k: _cell("; ".join(v) if isinstance(v, list) else v)
                         for k, v in row.items()})
    return out.getvalue()


def _cell(value: object) -> object:
    """A text a spreadsheet would run as a formula (=, +, -, @ first) kept as text."""
    return f"'{value}" if isinstance(value, str) and value[:1] in FORMULA_STARTS else value


def export_cases(root: Path, year: int, fmt: str, problems: Problems) -> str:
    """The export's text; ContentError when the content has errors, LeakError on a leak."""
    content = load_content(root, problems)
    text = export_text(export_rows(content, year, problems), fmt)
    found = leaks_in_text([text], secrets(content.cases))
    if found:
        for secret in found:
            problems.error(Position(secret.source),
                           tr("the export holds the confidential {field} of this file, so it "
                              "was not written", field=secret.field))
        raise LeakError(", ".join(s.field for s in found))
    return text
