"""Reader-facing names of vocabulary values, through the gettext catalogs.

The English names are the catalog's message ids; each language's `.po` file
translates them. Keep `make locale` in mind when adding one.
"""

from __future__ import annotations

from collections.abc import Callable

from pipeline.render.localizer import LocalizedStr, Localizer


def N_(message: str) -> str:
    """Mark a message for extraction into the catalogs; translated when shown."""
    return message


DRAFT = N_("DRAFT")
DRAFT_NOTE = N_("DRAFT – not for publication")


def draft_title(title: str, gettext: Callable[[str], str]) -> str:
    """The title of a draft (`draft: true`): marked in every format and in the index."""
    marked = f"{gettext(DRAFT)} – {title}"
    lang = getattr(title, "lang", None)  # a fallback title keeps its language mark
    return LocalizedStr(marked, lang) if lang else marked

STATUS = {
    "completed": N_("Completed"),
    "in-progress": N_("In progress"),
    "postponed": N_("Postponed"),
    "cancelled": N_("Cancelled"),
    "not-started": N_("Not started"),
}
STEP = {
    "received": N_("Complaint received"),
    "initial-assessment": N_("Initial assessment"),
    "good-offices": N_("Dialogue and mediation"),
    "examination": N_("Examination"),
    "final-statement": N_("Final statement"),
    "follow-up": N_("Follow-up"),
    "concluded": N_("Concluded"),
}
DECISION = {
    "accepted": N_("Accepted for further consideration"),
    "not-accepted": N_("Not accepted"),
}
OUTCOME = {
    "agreement": N_("Agreement"),
    "partial-agreement": N_("Partial agreement"),
    "no-agreement": N_("No agreement"),
    "not-accepted": N_("Not accepted"),
    "withdrawn": N_("Withdrawn"),
    "transferred": N_("Transferred to another NCP"),
}
CASE_STATUS = {"open": N_("In progress"), "concluded": N_("Concluded")}
SUBMITTER_TYPE = {
    "ngo": N_("Non-governmental organisation"),
    "trade-union": N_("Trade union"),
    "individual": N_("Individual"),
    "community": N_("Local community"),
    "business": N_("Business"),
    "other": N_("Other"),
}
PHASE = {
    "initial-assessment": N_("Initial assessment"),
    "good-offices": N_("Dialogue and mediation"),
    "final-statement": N_("Final statement after dialogue"),
    "total": N_("Whole procedure"),
}
SECTOR = {
    "agriculture-forestry-and-fishing": N_("Agriculture, forestry and fishing"),
    "mining-and-quarrying": N_("Mining and quarrying"),
    "manufacturing": N_("Manufacturing"),
    "electricity-gas-steam-and-air-conditioning-supply":
        N_("Electricity, gas, steam and air conditioning supply"),
    "water-supply-sewerage-waste-management":
        N_("Water supply; sewerage, waste management and remediation"),
    "construction": N_("Construction"),
    "wholesale-and-retail-trade": N_("Wholesale and retail trade"),
    "transportation-and-storage": N_("Transportation and storage"),
    "accommodation-and-food-service-activities": N_("Accommodation and food service activities"),
    "information-and-communication": N_("Information and communication"),
    "financial-and-insurance-activities": N_("Financial and insurance activities"),
    "real-estate-activities": N_("Real estate activities"),
    "professional-scientific-and-technical-activities":
        N_("Professional, scientific and technical activities"),
    "administrative-and-support-service-activities":
        N_("Administrative and support service activities"),
    "public-administration-and-defence": N_("Public administration and defence"),
    "education": N_("Education"),
    "human-health-and-social-work-activities": N_("Human health and social work activities"),
    "arts-entertainment-and-recreation": N_("Arts, entertainment and recreation"),
    "other-service-activities": N_("Other service activities"),
}
# Chapter names differ between the 2011 and 2023 editions of the Guidelines.
CHAPTER = {
    "general-policies": N_("General Policies"),
    "disclosure": N_("Disclosure"),
    "human-rights": N_("Human Rights"),
    "employment-and-industrial-relations": N_("Employment and Industrial Relations"),
    "environment": N_("Environment"),
    "combating-bribery": N_("Combating Bribery and Other Forms of Corruption"),
    "consumer-interests": N_("Consumer Interests"),
    "science-and-technology": N_("Science, Technology and Innovation"),
    "competition": N_("Competition"),
    "taxation": N_("Taxation"),
}
CHAPTER_2011 = {
    "combating-bribery": N_("Combating Bribery, Bribe Solicitation and Extortion"),
    "science-and-technology": N_("Science and Technology"),
}


def label(localizer: Localizer, names: dict[str, str], value: str | None) -> str:
    if value is None:
        return ""
    return localizer.gettext(names.get(value, value))


def chapter_label(localizer: Localizer, chapter: str, edition: int | None) -> str:
    names = {**CHAPTER, **CHAPTER_2011} if edition == 2011 else CHAPTER
    return label(localizer, names, chapter)
