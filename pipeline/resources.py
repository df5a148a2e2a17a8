"""Where the pipeline's own files lie: its code and the templates beside it."""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
TEMPLATES = PACKAGE.parent / "templates"
