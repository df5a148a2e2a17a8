"""The JSON Schemas: generated from the shapes, committed, wired into VS Code, and true to the
loader: they accept every content folder that checks clean and reject what a file alone gets
wrong."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from pipeline.content.schema import schemas, serialised, with_field_tables
from tests.conftest import FIXTURES, ROOT

SETTINGS = ROOT / ".vscode" / "settings.json"
CONTENT_MODEL = ROOT / "docs" / "content-model.md"


class JsonLike(yaml.SafeLoader):
    """YAML as an editor's YAML extension sees it: a date is text, not a date object."""


JsonLike.add_constructor("tag:yaml.org,2002:timestamp",
                         lambda loader, node: loader.construct_scalar(node))


def schema_for(path: Path, root: Path) -> str:
    """The schema VS Code applies to `path`, by the globs of .vscode/settings.json."""
    relative = path.relative_to(root)
    globs = json.loads(SETTINGS.read_text(encoding="utf-8"))["yaml.schemas"]
    found = [schema for schema, patterns in globs.items()
             if any(relative.match(pattern.removeprefix("**/")) for pattern in patterns)]
    assert len(found) <= 1, (path, found)
    return found[0].removeprefix("./") if found else ""


def errors(path: Path, root: Path) -> list[str]:
    document = json.loads((ROOT / schema_for(path, root)).read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(
        document, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=JsonLike)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
            for e in validator.iter_errors(data)]


def content_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.y*ml") if schema_for(p, root))


def test_the_committed_schemas_are_those_ncp_schema_writes() -> None:
    committed = {p.name: p.read_text(encoding="utf-8") for p in (ROOT / "schemas").glob("*")}
    assert committed == {name: serialised(doc) for name, doc in schemas().items()}


def test_vscode_maps_every_schema() -> None:
    globs = json.loads(SETTINGS.read_text(encoding="utf-8"))["yaml.schemas"]
    assert sorted(name.removeprefix("./schemas/") for name in globs) == sorted(schemas())


@pytest.mark.parametrize("folder", ["content", "tests/fixtures/mini",
                                    "tests/fixtures/english", "tests/fixtures/straddle"])
def test_the_schemas_accept_every_file_of_a_valid_content_folder(folder: str) -> None:
    root = ROOT / folder
    files = content_files(root)
    assert {schema_for(p, root) for p in files} >= {
        "schemas/site.schema.json", "schemas/publication.schema.json",
        "schemas/case.schema.json", "schemas/plan.schema.json"}
    assert {str(p.relative_to(root)): errors(p, root) for p in files} == \
        {str(p.relative_to(root)): [] for p in files}


# What each file of many-problems gets wrong on its own (see tests/test_check.py); the
# rest of its problems lie across files (a plan's activity, a missing chapter, a
# confidential name in a chapter) and only `ncp check` sees them.
SCHEMA_LEVEL = {
    "_brand.yml": "color/primary: '#2d4f1' does not match",
    "site.yaml": "organisation/web: 'test.example.no' does not match",
    "cases/2025-02.yaml": "received: '2025-02-30' is not a 'date'",
    "cases/2025-03.yaml": ": Additional properties are not allowed ('recieved' was unexpected)",
    "plans/2025.yaml": "goals/0/subgoals/0/activities/1: 'text' is a required property",
}


def test_the_schemas_reject_what_a_file_alone_gets_wrong() -> None:
    root = FIXTURES / "many-problems"
    found = {str(p.relative_to(root)): errors(p, root) for p in content_files(root)}
    for name, expected in SCHEMA_LEVEL.items():
        assert any(message.startswith(expected) for message in found[name]), found[name]
    assert {name for name, messages in found.items() if messages} == set(SCHEMA_LEVEL)


def test_a_hearing_response_needs_its_letter_fields() -> None:
    document = schemas()["publication.schema.json"]
    letter = {"kind": "hearing-response", "title": "Høringssvar", "date": "2025-06-16"}
    messages = [e.message for e in jsonschema.Draft7Validator(document).iter_errors(letter)]
    assert messages == ["'recipient' is a required property",
                        "'consultation' is a required property",
                        "'signatories' is a required property"]


def test_the_field_tables_of_the_docs_are_current() -> None:
    text = CONTENT_MODEL.read_text(encoding="utf-8")
    assert with_field_tables(text) == text, "run: ncp schema --docs docs/content-model.md"


# The examples of docs/content-model.md, by the heading above them.
EXAMPLES = {"site.yaml": "site", "_brand.yml": "brand", "A case": "case", "A plan": "plan",
            "Results": "results", "publication.yaml": "publication"}


def test_every_example_of_the_docs_is_valid() -> None:
    checked = []
    for section in re.split(r"\n### ", CONTENT_MODEL.read_text(encoding="utf-8"))[1:]:
        heading = section.split("\n", 1)[0]
        kind = next((k for start, k in EXAMPLES.items() if heading.startswith(start)), None)
        for block in re.findall(r"```yaml\n(.*?)```", section, re.DOTALL):
            validator = jsonschema.Draft7Validator(
                schemas()[f"{kind}.schema.json"],
                format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
            data = yaml.load(block, Loader=JsonLike)
            assert [e.message for e in validator.iter_errors(data)] == [], (heading, block)
            checked.append(kind)
    assert sorted(set(checked)) == sorted(set(EXAMPLES.values()))
    assert checked.count("publication") == 5
