"""The package's shape holds: no module imports from a later phase (docs/architecture.md)."""

from __future__ import annotations

import re

from conftest import ROOT

# The phases in order; a module may import only from its own phase or an earlier one.
PHASES = ["resources", "messages", "problems", "files", "cache", "content", "render", "document",
          "checks", ("formats", "kinds"), "publish", ("build", "scaffold", "progress"), "preview",
          ("reports", "catalogs"), "cli", "__main__"]
RANK = {name: rank for rank, entry in enumerate(PHASES)
        for name in (entry if isinstance(entry, tuple) else (entry,))}
IMPORT = re.compile(r"^\s*from pipeline(?:\.(\w+))?[\w.]* import (\w+)", re.MULTILINE)


def imports_from_later_phases() -> list[str]:
    found = []
    for path in (ROOT / "pipeline").rglob("*.py"):
        phase = path.relative_to(ROOT / "pipeline").parts[0].removesuffix(".py")
        for match in IMPORT.finditer(path.read_text(encoding="utf-8")):
            target = match.group(1) or match.group(2)
            if RANK[target] > RANK[phase]:
                found.append(f"{path.relative_to(ROOT)} imports pipeline.{target}")
    return found


def test_no_module_imports_from_a_later_phase() -> None:
    assert imports_from_later_phases() == []


def test_every_folder_and_module_of_the_package_has_a_phase() -> None:
    names = {path.name.removesuffix(".py") for path in (ROOT / "pipeline").iterdir()
             if path.suffix == ".py" or (path / "__init__.py").is_file()}
    assert names - {"__init__"} <= set(RANK)
