"""The typed content model: what the loader builds and the renderers read.

The fields a content file may write are declared in shapes.py (which the loader, the JSON
Schemas and docs/content-model.md share); these classes are what the loader makes of them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.problems import Position

LANGUAGES = ("nb", "nn", "en")

class Text(dict[str, str]):
    """Human-readable text by language code; remembers where it was written."""

    position: Position | None = None
    positions: dict[str, Position]  # where each language's text starts (set by the loader)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.positions = {}


@dataclass(frozen=True)
class FontFile:
    family: str
    path: Path
    weight: int
    style: str


@dataclass
class Brand:
    name: str
    colors: dict[str, str]
    fonts: list[FontFile]
    base_family: str
    base_size_pt: float
    line_height: float
    heading_family: str
    heading_weight: int
    heading_color: str
    monospace_family: str
    logo: Path | None
    logo_alt: Text | None
    path: Path

    @property
    def font_dirs(self) -> list[Path]:
        return sorted({font.path.parent for font in self.fonts})


@dataclass
class Organisation:
    name: Text
    short: Text
    postal_address: str
    email: str
    web: str


@dataclass
class Site:
    organisation: Organisation
    default_language: str
    languages: list[str]
    brand: Path
    sentence_limit: int = 35  # words: a longer sentence is a warning


@dataclass
class Activity:
    id: str
    text: Text
    tasks: list[Text] = field(default_factory=list)


@dataclass
class Subgoal:
    id: str
    title: Text
    activities: list[Activity]


@dataclass
class Goal:
    id: str
    title: Text
    subgoals: list[Subgoal] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)

    def all_activities(self) -> list[Activity]:
        nested = [a for subgoal in self.subgoals for a in subgoal.activities]
        return nested + self.activities


@dataclass
class Plan:
    year: int
    title: Text
    purpose: Text
    goals: list[Goal]
    path: Path

    def activities(self) -> list[Activity]:
        return [a for goal in self.goals for a in goal.all_activities()]


@dataclass
class Event:
    date: dt.date
    title: Text
    partners: list[str]
    participants: int | None


@dataclass
class ActivityResult:
    status: str
    summary: Text | None
    events: list[Event]
    outputs: list[str]


@dataclass
class Results:
    year: int
    activities: dict[str, ActivityResult]
    path: Path
    positions: dict[str, Position] = field(default_factory=dict)


@dataclass
class Party:
    name: str
    confidential: bool
    type: str | None = None


@dataclass
class Step:
    date: dt.date
    step: str
    decision: str | None = None
    outcome: str | None = None
    position: Position | None = None


@dataclass
class Case:
    id: str
    title: Text
    received: dt.date
    submitter: Party
    enterprise: Party
    lead_ncp: str
    supporting_ncps: list[str]
    host_countries: list[str]
    sector: str
    chapters: list[str]
    guidelines_edition: int
    public: bool
    timeline: list[Step]
    outcome: str | None
    summary: Text | None
    notes: str | None
    path: Path
    positions: dict[str, Position] = field(default_factory=dict)

    def where(self, name: str) -> Position:
        return self.positions.get(name, Position(self.path, 1))


@dataclass
class Consultation:
    title: Text | None
    letter_date: dt.date | None
    deadline: dt.date | None
    url: str | None


@dataclass
class Signatory:
    name: str
    title: Text | None


@dataclass
class Letter:
    """The letter fields of a hearing response."""

    recipient: str
    address: list[str]
    their_ref: str | None
    our_ref: str | None
    consultation: Consultation
    case_officer: str | None
    case_officer_phone: str | None
    signatories: list[Signatory]


@dataclass
class Statement:
    """What an initial assessment or a final statement says about its case."""

    case: str | None
    decision: str | None
    outcome: str | None
    follow_up: Text | None


@dataclass
class Publication:
    slug: str
    folder: Path
    kind: str
    title: Text
    languages: list[str]
    formats: list[str]
    date: dt.date
    year: int | None
    chapters: list[str]
    fallback: str | None
    subtitle: Text | None = None
    bibliography: Path | None = None
    letter: Letter | None = None
    draft: bool = False
    print_pdf: bool = False  # a print PDF (bleed, boxes, crop marks) beside the screen PDF
    statement: Statement | None = None
    positions: dict[str, Position] = field(default_factory=dict)

    def where(self, name: str) -> Position:
        """The line of field `name` in publication.yaml (its first line when not written)."""
        return self.positions.get(name, Position(self.folder / "publication.yaml", 1))

    def chapter_path(self, lang: str, chapter: str) -> Path:
        return self.folder / lang / chapter


@dataclass
class Content:
    root: Path
    site: Site
    brand: Brand
    plans: dict[int, Plan]
    results: dict[int, Results]
    cases: list[Case]
    publications: dict[str, Publication]
    broken: frozenset[Path] = frozenset()  # files with errors, left out for checking the rest

    def is_broken(self, path: Path) -> bool:
        return path.resolve() in self.broken
