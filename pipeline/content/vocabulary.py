"""The closed vocabularies of the content model, in the order readers expect them."""

STATUSES = ("completed", "in-progress", "postponed", "cancelled", "not-started")

STEPS = (
    "received",
    "initial-assessment",
    "good-offices",
    "examination",
    "final-statement",
    "follow-up",
    "concluded",
)
DECISIONS = ("accepted", "not-accepted")
OUTCOMES = (
    "agreement",
    "partial-agreement",
    "no-agreement",
    "not-accepted",
    "withdrawn",
    "transferred",
)
SUBMITTER_TYPES = ("ngo", "trade-union", "individual", "community", "business", "other")

# ISIC Rev.4 sections, as slugs.
SECTORS = (
    "agriculture-forestry-and-fishing",
    "mining-and-quarrying",
    "manufacturing",
    "electricity-gas-steam-and-air-conditioning-supply",
    "water-supply-sewerage-waste-management",
    "construction",
    "wholesale-and-retail-trade",
    "transportation-and-storage",
    "accommodation-and-food-service-activities",
    "information-and-communication",
    "financial-and-insurance-activities",
    "real-estate-activities",
    "professional-scientific-and-technical-activities",
    "administrative-and-support-service-activities",
    "public-administration-and-defence",
    "education",
    "human-health-and-social-work-activities",
    "arts-entertainment-and-recreation",
    "other-service-activities",
)

# Chapters of the OECD Guidelines, stored by name: numerals differ between editions.
GUIDELINES_CHAPTERS = (
    "general-policies",
    "disclosure",
    "human-rights",
    "employment-and-industrial-relations",
    "environment",
    "combating-bribery",
    "consumer-interests",
    "science-and-technology",
    "competition",
    "taxation",
)
GUIDELINES_EDITIONS = (2011, 2023)

PUBLICATION_KINDS = ("annual-report", "brochure", "guidance", "hearing-response", "plan",
                     "initial-assessment", "final-statement")
# The kinds that publish the NCP's statement on one case, and the step of its timeline each reports.
STATEMENT_STEPS = {"initial-assessment": "initial-assessment", "final-statement": "final-statement"}
FORMATS = ("html", "docx", "pdf")

# OECD indicative timeline, in months.
INDICATIVE_MONTHS = {
    "initial-assessment": 3,
    "good-offices": 6,
    "final-statement": 3,
    "total": 12,
}
