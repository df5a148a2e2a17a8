"""Every figure about a set of cases agrees with every other figure about that set, in every
format: the prose's count, the table's rows and the chart (read from its alt text).

The fixture's cases straddle years: a follow-up in the report year of a case concluded the
year before, a withdrawal, an acceptance and a final statement a year after receipt, a case
not accepted, one received in December, one not public.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import docx
import pytest
from conftest import FIXTURES, Built, build_folder
from docx.oxml.ns import qn
from readers import html, pdf, pdf_text
from test_annual_report import structure

SLUG = "rapport"
# By the definitions in docs/chapters.md, for 2025.
EXPECTED = {"Behandlet": 7, "Mottatt": 4, "Tatt til behandling": 3, "Avsluttet": 2,
            "Åpne ved årets slutt": 4}
# In id order, whatever the order they came in.
PUBLIC_HANDLED = ["2023-01", "2024-01", "2024-02", "2025-01", "2025-02", "2025-04"]


@pytest.fixture(scope="module")
def straddle(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build_folder(FIXTURES / "straddle", tmp_path_factory.mktemp("straddle"))


def prose_counts(text: str) -> dict[str, int]:
    return {name: int(re.search(rf"{name}: (\d+)\.", text).group(1)) for name in EXPECTED}


def chart_counts(alt: str) -> Counter[str]:
    """The bars of the chart, as its alt text lists them: 'label: n, label: n.'"""
    pairs = alt.split("årets slutt. ", 1)[1].rstrip(".")
    return Counter({label: int(n) for label, n in
                    (pair.rsplit(": ", 1) for pair in pairs.split(", "))})


def html_figures(path: Path) -> tuple[str, list[list[str]], str]:
    soup = html(path)
    rows = [[cell.get_text(" ", strip=True) for cell in row.find_all("td")]
            for row in soup.find("table").find_all("tr") if row.find("td")]
    alt = next(img["alt"] for img in soup.find_all("img") if "Søylediagram" in img["alt"])
    return soup.get_text(" "), rows, alt


def docx_figures(path: Path) -> tuple[str, list[list[str]], str]:
    document = docx.Document(str(path))
    text = " ".join(p.text for p in document.paragraphs)
    rows = [[cell.text for cell in row.cells] for row in document.tables[0].rows[1:]]
    alt = next(d.get("descr") for d in document.element.body.iter(qn("wp:docPr"))
               if "Søylediagram" in (d.get("descr") or ""))
    return text, rows, alt


def pdf_figures(path: Path) -> tuple[str, list[list[str]], str]:
    text = pdf_text(path)
    rows = [[case_id, _status_after(text, case_id)] for case_id in
            re.findall(r"\b(20\d\d-\d\d) Sak \1", text)]
    document = pdf(path)
    alts = [str(e.get("/Alt", "")) for e in structure(document.Root.StructTreeRoot)
            if e.get("/S") == "/Figure"]
    return text, rows, next(alt for alt in alts if "Søylediagram" in alt)


def _status_after(text: str, case_id: str) -> str:
    """The last cell of a case's row in the PDF's text: after 'Norge', hyphenation undone
    (Typst may hyphenate inside a table cell)."""
    cell = re.search(rf"{case_id} Sak {case_id} .*? Norge (.*?)"
                     r"(?= 20\d\d-\d\d Sak | Saker | Figur )", text).group(1)
    return re.sub(r"(\w)- (\w)", r"\1\2", cell)


READERS = {"html": html_figures, "docx": docx_figures, "pdf": pdf_figures}


@pytest.mark.slow
@pytest.mark.parametrize("fmt", READERS)
def test_prose_table_and_chart_agree(straddle: Built, fmt: str) -> None:
    text, rows, alt = READERS[fmt](straddle.file(SLUG, "nb", fmt))
    counts = prose_counts(re.sub(r"\s+", " ", text))
    assert counts == EXPECTED
    chart = chart_counts(alt)
    assert sum(chart.values()) == counts["Behandlet"]
    assert [row[0] for row in rows] == PUBLIC_HANDLED
    statuses = Counter(row[-1] for row in rows)
    hidden = counts["Behandlet"] - len(rows)
    assert hidden == 1  # the case that is not public: counted, never shown
    assert not statuses - chart  # every status in the table is a bar of the chart
    assert sum((chart - statuses).values()) == hidden
    assert statuses["Ikke enighet"] == 1  # the 2023 case, followed up in 2025, in both
