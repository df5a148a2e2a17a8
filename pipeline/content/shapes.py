"""The shape of every YAML file of the content folder: each field declared once.

The loader takes the names of the fields it accepts from here, `ncp schema`
turns these shapes into JSON Schemas for an editor, and `docs/content-model.md`
lists them; so the three cannot drift apart. What a field means to a build
(how a case's status is read, what a fallback does) stays in the loader and
the docs; here is only what can be written where.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.content import vocabulary as v
from pipeline.content.model import LANGUAGES

HEX_COLOR = "#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})"
FAMILY_NAME = "[A-Za-z0-9][A-Za-z0-9 -]{0,63}"


@dataclass(frozen=True)
class Scalar:
    """One value: `kind` is text, integer, number, boolean, date, or language-text."""

    kind: str
    pattern: str | None = None  # a regular expression the whole value matches
    label: str = ""  # how the docs name it, when not by its kind
    bounds: tuple[int, int] | None = None  # the least and greatest whole number it may be
    longest: int | None = None  # the most characters a text may hold, in each language


@dataclass(frozen=True)
class Choice:
    values: tuple[object, ...]


@dataclass(frozen=True)
class ListOf:
    item: Value
    non_empty: bool = False


@dataclass(frozen=True)
class MapOf:
    """A mapping from names the writer chooses to values of one shape."""

    value: Value
    key: str  # what the names are, for the docs


@dataclass(frozen=True)
class OneOf:
    options: tuple[Value, ...]


@dataclass(frozen=True)
class Field:
    name: str
    value: Value
    doc: str
    required: bool = False


@dataclass(frozen=True)
class Shape:
    """A mapping with named fields: a whole file, or a part of one."""

    title: str
    fields: tuple[Field, ...]
    open: bool = False  # other fields are allowed and ignored (brand.yml's own parts)
    required_when: tuple[tuple[str, object, tuple[str, ...]], ...] = ()  # field, value, needs

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    def part(self, name: str) -> Shape:
        """The shape of the mapping (or of each item of the list) at field `name`."""
        value = next(f.value for f in self.fields if f.name == name)
        while isinstance(value, ListOf | MapOf):
            value = value.item if isinstance(value, ListOf) else value.value
        assert isinstance(value, Shape), name
        return value


Value = Scalar | Choice | ListOf | MapOf | OneOf | Shape

TEXT = Scalar("text")
LANGUAGE_TEXT = Scalar("language-text")
# A publication's title stands on its cover, in every running header and in the DOCX's and
# PDF's properties (Word holds 255 characters there); past these lengths it is a slip.
TITLE = Scalar("language-text", longest=150)
SUBTITLE = Scalar("language-text", longest=250)
# A case number such as 25/00031-3: a letter's reference block gives it a narrow column.
REFERENCE = Scalar("text", longest=30)
DATE = Scalar("date")
# Whole numbers, each between bounds that no true value passes: a number past them is a slip
# (and 10^26 participants broke the formatting of a chapter).
YEAR = Scalar("integer", bounds=(2000, 2100))
COUNT = Scalar("integer", bounds=(0, 1_000_000))
SENTENCE_WORDS = Scalar("integer", bounds=(5, 200))
FONT_WEIGHT = Scalar("integer", bounds=(100, 900))
BOOLEAN = Scalar("boolean")
NUMBER = Scalar("number")
WEB = Scalar("text", "https?://\\S+", "web address (https://…)")
EMAIL = Scalar("text", "[^@\\s]+@[^@\\s]+\\.[^@\\s]+", "e-mail address")
LANGUAGE = Choice(LANGUAGES)
COUNTRY = Scalar("text", "[A-Z]{2}", "ISO 3166-1 country code (NO, SE, GB)")

# site.yaml ------------------------------------------------------------------------------

ORGANISATION = Shape("the organisation", (
    Field("name", LANGUAGE_TEXT, "The organisation's full name, by language.", True),
    Field("short", LANGUAGE_TEXT, "A short name for running headers; the full name when "
          "left out."),
    Field("postal_address", TEXT, "The postal address on one line.", True),
    Field("email", EMAIL, "The public e-mail address.", True),
    Field("web", WEB, "The web site's address.", True),
))
SITE = Shape("site.yaml", (
    Field("organisation", ORGANISATION, "Who publishes.", True),
    Field("default_language", LANGUAGE, "The language of a publication that names none; "
          "one of `languages`.", True),
    Field("languages", ListOf(LANGUAGE, non_empty=True), "The languages this site writes "
          "in; every language-text field may hold these.", True),
    Field("brand", TEXT, "The brand file, relative to site.yaml; `_brand.yml` when left "
          "out."),
    Field("sentence_limit", SENTENCE_WORDS, "Words a sentence may hold before `ncp check` warns "
          "of it; 35 when left out."),
))

# _brand.yml (the parts of Quarto's brand.yml this pipeline reads) ------------------------

COLOR_ROLES = ("primary", "secondary", "foreground", "background", "light", "dark")
COLOR_VALUE = Scalar("text", f"{HEX_COLOR}|[^#].*", "#rrggbb, or a palette name")
COLORS = Shape("color", (
    *(Field(role, COLOR_VALUE, f"The {role} colour: a hex colour or a name from the "
            "palette.") for role in COLOR_ROLES),
    Field("palette", MapOf(Scalar("text", HEX_COLOR, "#rrggbb"), "colour name"),
          "Named colours the roles can refer to."),
))
FONT_FILE = Shape("a font file", (
    Field("path", TEXT, "The font file (OTF, TTF, WOFF2), relative to the brand file.", True),
    Field("weight", FONT_WEIGHT, "400 when left out."),
    Field("style", Choice(("normal", "italic")), "`normal` when left out."),
))
FONT = Shape("a font", (
    Field("family", Scalar("text", FAMILY_NAME, "family name"), "The family name.", True),
    Field("source", Choice(("file", "system")), "`file`: the files below are embedded; "
          "`system` (the default): installed fonts."),
    Field("files", ListOf(FONT_FILE), "The font files, with `source: file`."),
))
FAMILY = Field("family", Scalar("text", FAMILY_NAME, "family name"),
               "A font family name: letters, digits, spaces and hyphens.")
SIZE = Field("size", OneOf((NUMBER, Scalar("text", "[0-9.]+(pt|px|rem|em)?", "size"))),
             "A font size such as `10.5pt`.")
WEIGHT = Field("weight", FONT_WEIGHT, "700 is bold.")
TYPOGRAPHY = Shape("typography", (
    Field("fonts", ListOf(FONT), "The font families, with their files."),
    Field("base", Shape("base typography", (
        FAMILY, SIZE, Field("line-height", NUMBER, "Line height, such as 1.5."), WEIGHT)),
        "Body text."),
    Field("headings", Shape("heading typography", (
        FAMILY, WEIGHT, Field("color", COLOR_VALUE, "A colour role, palette name or hex "
                              "colour; `primary` when left out."),
        Field("style", TEXT, "Read by Quarto; not used here."),
        Field("line-height", NUMBER, "Read by Quarto; not used here."))), "Headings."),
    Field("monospace", Shape("monospace typography", (FAMILY, SIZE, WEIGHT)), "Code."),
    Field("link", Shape("link typography", (), open=True), "Read by Quarto; not used here."),
))
LOGO_IMAGE = Shape("the logo", (
    Field("path", TEXT, "The image (SVG, PNG, JPEG), relative to the brand file.", True),
    Field("alt", LANGUAGE_TEXT, "Alt text, by language: what the logo shows.", True),
))
LOGO_CHOICE = OneOf((Scalar("text", None, "name of an image"), LOGO_IMAGE))
LOGO = Shape("logo", (
    Field("images", MapOf(LOGO_IMAGE, "image name"), "Named logo images."),
    *(Field(size, LOGO_CHOICE, f"The {size} logo: an image name or an image; the "
            "publications use medium, else large, else small.")
      for size in ("small", "medium", "large")),
))
BRAND = Shape("the brand file", (
    Field("meta", Shape("meta", (Field("name", TEXT, "The brand's name."),
                                 Field("link", TEXT, "The brand's web site."))),
          "About the brand."),
    Field("color", COLORS, "Colours of text, headings, rules and covers."),
    Field("typography", TYPOGRAPHY, "Fonts."),
    Field("logo", LOGO, "The logo on covers, letterheads and web pages."),
    Field("defaults", Shape("defaults", (), open=True), "Read by Quarto; not used here."),
))

# plans/YEAR.yaml --------------------------------------------------------------------------

ACTIVITY = Shape("an activity", (
    Field("id", TEXT, "The activity's number, such as `1.1.2`; results refer to it.", True),
    Field("text", LANGUAGE_TEXT, "What will be done.", True),
    Field("tasks", ListOf(LANGUAGE_TEXT), "The tasks of the activity, each a text."),
))
SUBGOAL = Shape("a sub-goal", (
    Field("id", TEXT, "The sub-goal's number, such as `1.1`.", True),
    Field("title", LANGUAGE_TEXT, "The sub-goal.", True),
    Field("activities", ListOf(ACTIVITY), "Its activities."),
))
GOAL = Shape("a goal", (
    Field("id", TEXT, "The goal's number, such as `1`.", True),
    Field("title", LANGUAGE_TEXT, "The goal.", True),
    Field("subgoals", ListOf(SUBGOAL), "Its sub-goals."),
    Field("activities", ListOf(ACTIVITY), "Activities directly under the goal."),
))
PLAN = Shape("a plan", (
    Field("year", YEAR, "The plan's year; the file is named after it.", True),
    Field("title", LANGUAGE_TEXT, "The plan's title.", True),
    Field("purpose", LANGUAGE_TEXT, "What the plan is for."),
    Field("goals", ListOf(GOAL), "The goals, in order.", True),
))

# results/YEAR.yaml ------------------------------------------------------------------------

EVENT = Shape("an event", (
    Field("date", DATE, "When it took place.", True),
    Field("title", LANGUAGE_TEXT, "What it was.", True),
    Field("partners", ListOf(TEXT), "Who organised it with us."),
    Field("participants", COUNT, "How many took part."),
))
ACTIVITY_RESULT = Shape("the result of an activity", (
    Field("status", Choice(v.STATUSES), "Where the activity stands at the year's end.", True),
    Field("summary", LANGUAGE_TEXT, "What was done."),
    Field("events", ListOf(EVENT), "Events held under the activity."),
    Field("outputs", ListOf(TEXT), "What it produced (publications, tools)."),
))
RESULTS = Shape("the results", (
    Field("year", YEAR, "The year; the file is named after it and a plan for it must "
          "exist.", True),
    Field("activities", MapOf(ACTIVITY_RESULT, "activity id from the plan"),
          "The result of each activity, under the plan's activity id."),
))

# cases/ID.yaml ----------------------------------------------------------------------------

SUBMITTER = Shape("the submitter", (
    Field("type", Choice(v.SUBMITTER_TYPES), "Who complained.", True),
    Field("name", TEXT, "The submitter's name.", True),
    Field("confidential", BOOLEAN, "`true`: the name never reaches a publication; "
          "`false` when left out."),
))
ENTERPRISE = Shape("the enterprise", (
    Field("name", TEXT, "The enterprise complained about.", True),
    Field("confidential", BOOLEAN, "`true`: the name never reaches a publication; "
          "`false` when left out."),
))
STEP = Shape("a timeline step", (
    Field("date", DATE, "When the step was taken.", True),
    Field("step", Choice(v.STEPS), "The step of the procedure.", True),
    Field("decision", Choice(v.DECISIONS), "For `initial-assessment`: whether the case was "
          "accepted."),
    Field("outcome", Choice(v.OUTCOMES), "For `final-statement` or `concluded`: how it "
          "ended."),
))
CASE = Shape("a case", (
    Field("id", TEXT, "YEAR-NN, such as `2025-03`; the file is named after it.",
          True),
    Field("title", LANGUAGE_TEXT, "A neutral title naming the parties by kind.", True),
    Field("received", DATE, "When the complaint came in.", True),
    Field("submitter", SUBMITTER, "Who complained.", True),
    Field("enterprise", ENTERPRISE, "The enterprise complained about.", True),
    Field("lead_ncp", TEXT, "The country code of the NCP leading the case, such as `\"NO\"` "
          "(quoted: unquoted NO is read as false).", True),
    Field("supporting_ncps", ListOf(COUNTRY), "Country codes of supporting NCPs."),
    Field("host_countries", ListOf(COUNTRY), "Country codes where the alleged impact took "
          "place."),
    Field("sector", Choice(v.SECTORS), "The enterprise's ISIC sector.", True),
    Field("chapters", ListOf(Choice(v.GUIDELINES_CHAPTERS)), "The chapters of the OECD "
          "Guidelines the complaint refers to."),
    Field("guidelines_edition", Choice(v.GUIDELINES_EDITIONS), "The edition the complaint "
          "is handled under.", True),
    Field("public", BOOLEAN, "`true`: the case may appear in publications; `false` when "
          "left out."),
    Field("timeline", ListOf(STEP), "The steps of the procedure, oldest first; starts with "
          "`received`.", True),
    Field("outcome", Choice(v.OUTCOMES), "How the case ended; left out while it is open."),
    Field("summary", LANGUAGE_TEXT, "The public summary, by language."),
    Field("notes", TEXT, "Internal notes: never published."),
))

# publications/SLUG/publication.yaml ------------------------------------------------------

CONSULTATION = Shape("the consultation", (
    Field("title", LANGUAGE_TEXT, "The consultation's title, as the sender wrote it.", True),
    Field("letter_date", DATE, "The date of the consultation letter.", True),
    Field("deadline", DATE, "The answer's deadline."),
    Field("url", WEB, "Where the consultation is published."),
))
PUBLICATION = Shape("a publication", (
    Field("kind", Choice(v.PUBLICATION_KINDS), "What the publication is; decides its layout "
          "and what its chapters can use.", True),
    Field("title", TITLE, "The title, by language.", True),
    Field("subtitle", SUBTITLE, "Shown on the cover and title block."),
    Field("languages", ListOf(LANGUAGE, non_empty=True), "The languages it is published "
          "in; the site's default language when left out."),
    Field("formats", ListOf(Choice(v.FORMATS), non_empty=True), "The formats; all three "
          "when left out."),
    Field("date", DATE, "The publication date.", True),
    Field("year", YEAR, "The year it reports on (annual report, plan)."),
    Field("chapters", ListOf(TEXT), "The chapter files, in order, relative to each "
          "language's folder."),
    Field("fallback", LANGUAGE, "The language whose text stands in where a language "
          "version lacks its own: a text field at once; a whole chapter only in a draft."),
    Field("draft", BOOLEAN, "`true`: every output is marked as a draft (DRAFT/UTKAST), and "
          "a chapter missing in one language is taken from the fallback language."),
    Field("print", BOOLEAN, "Brochures: `true` adds a print PDF, `<slug>-<lang>-trykk.pdf`, "
          "with 3 mm bleed, trim and bleed boxes and crop marks, for the print shop."),
    Field("recipient", Shape("the recipient", (
        Field("name", TEXT, "Who the letter goes to.", True),
        Field("address", ListOf(TEXT), "Address lines."))), "Hearing responses: the "
        "addressee."),
    Field("their_ref", REFERENCE, "Hearing responses: the sender's reference; \"–\" when "
          "empty."),
    Field("our_ref", REFERENCE, "Hearing responses: our reference; \"–\" when empty."),
    Field("consultation", CONSULTATION, "Hearing responses: the consultation answered."),
    Field("case_officer", Shape("the case officer", (
        Field("name", TEXT, "The case officer's name."),
        Field("phone", TEXT, "Their telephone number."),
        Field("email", EMAIL, "Their e-mail address."))), "Hearing responses: who to ask."),
    Field("signatories", ListOf(Shape("a signatory", (
        Field("name", TEXT, "The signatory's name.", True),
        Field("title", LANGUAGE_TEXT, "Their title, by language."))), non_empty=True),
        "Hearing responses: who signs, in order."),
    Field("bibliography", TEXT, "A CSL YAML file in the publication's folder (guidance)."),
    Field("case", Scalar("text", "[0-9]{4}-[0-9]{2}", "case id (YEAR-NN)"), "Initial "
          "assessments and final statements: the case the statement is on, such as "
          "`\"2025-02\"`; its frame comes from cases/<case>.yaml."),
    Field("decision", Choice(v.DECISIONS), "Initial assessments: the decision the statement "
          "reports; must be the decision of the case's `initial-assessment` step."),
    Field("outcome", Choice(v.OUTCOMES), "Final statements: the outcome the statement "
          "reports; must be the outcome of the case's `final-statement` step."),
    Field("follow_up", LANGUAGE_TEXT, "Final statements: the NCP's recommendations and the "
          "follow-up it plans, by language; required after agreement, partial agreement or "
          "no agreement."),
), required_when=(("kind", "hearing-response", ("recipient", "consultation", "signatories")),
                  ("kind", "initial-assessment", ("case", "decision")),
                  ("kind", "final-statement", ("case", "outcome"))))

# The YAML files of a content folder, by kind: the name of each one's schema.
FILES = {
    "site": SITE,
    "brand": BRAND,
    "publication": PUBLICATION,
    "case": CASE,
    "plan": PLAN,
    "results": RESULTS,
}
