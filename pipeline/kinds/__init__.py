"""One module per publication kind; each adds only what that kind needs.

A kind module has `LAYOUT` (how its documents are laid out) and
`context(content, publication, localizer, charts, problems)` (the names its
chapters can use).
"""

from __future__ import annotations

from types import ModuleType

from pipeline.kinds import (
    annual_report,
    brochure,
    final_statement,
    guidance,
    hearing_response,
    initial_assessment,
    plan,
)

KINDS: dict[str, ModuleType] = {
    "annual-report": annual_report,
    "brochure": brochure,
    "guidance": guidance,
    "hearing-response": hearing_response,
    "plan": plan,
    "initial-assessment": initial_assessment,
    "final-statement": final_statement,
}
