"""One module per publication kind; each adds only what that kind needs."""

from __future__ import annotations

from types import ModuleType

from pipeline.kinds import annual_report

KINDS: dict[str, ModuleType] = {
    "annual-report": annual_report,
}
