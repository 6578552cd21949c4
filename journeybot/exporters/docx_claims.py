"""How one claim or quote reads in Word, wherever it appears.

A claim always shows its evidence in the same order: the text, its polarity if it is a
feeling, numbered citations that jump to the evidence appendix, how many participants
stand behind it, and any warning (thin evidence, unsupported) in words, not only colour,
so the marking survives black-and-white printing.
"""

from __future__ import annotations

from docx.document import Document as DocumentObject
from docx.text.paragraph import Paragraph

from journeybot.core.models import Citation, Claim, ReviewStatus
from journeybot.exporters.bundle import (
    STATUS_LABELS,
    EvidenceIndex,
    clean_text,
    feeling_polarity,
    is_supported,
    participants_label,
    polarity_word,
    signed,
)
from journeybot.exporters.docx_kit import ALERT, MUTED, WARN, add_link, add_run


def evidence_anchor(number: int) -> str:
    return f"evidence_{number}"


def write_claim(
    paragraph: Paragraph, claim: Claim, index: EvidenceIndex, *, size: float | None = None
) -> None:
    if is_supported(claim):
        add_run(paragraph, clean_text(claim.text), size=size)
    else:
        add_run(paragraph, "Unsupported: ", bold=True, color=ALERT, size=size)
        add_run(paragraph, clean_text(claim.text), italic=True, color=MUTED, size=size)
    polarity = feeling_polarity(claim)
    if polarity is not None:
        label = f" ({polarity_word(polarity)}, {signed(polarity)})"
        add_run(paragraph, label, italic=True, color=MUTED, size=size)
    numbers = index.numbers(claim.citations)
    if numbers:
        add_run(paragraph, " ", size=size)
    for number in numbers:
        add_link(paragraph, f"[{number}]", anchor=evidence_anchor(number), size=size)
    _write_strength(paragraph, claim, size)


def _write_strength(paragraph: Paragraph, claim: Claim, size: float | None) -> None:
    if not is_supported(claim):
        add_run(paragraph, " · no verified quote", bold=True, color=ALERT, size=size)
    else:
        add_run(paragraph, f" · {participants_label(claim.participants)}", color=MUTED, size=size)
        if claim.thin:
            add_run(paragraph, " · thin evidence", bold=True, color=WARN, size=size)
    if claim.status is not ReviewStatus.UNREVIEWED:
        status = f" · reviewed: {STATUS_LABELS[claim.status].lower()}"
        add_run(paragraph, status, italic=True, color=MUTED, size=size)


def write_quote(
    paragraph: Paragraph, citation: Citation, index: EvidenceIndex, *, size: float | None = None
) -> None:
    add_run(paragraph, f"“{clean_text(citation.quote)}”", italic=True, size=size)
    add_run(paragraph, f" — {clean_text(citation.attribution)} ", color=MUTED, size=size)
    number = index.number(citation)
    add_link(paragraph, f"[{number}]", anchor=evidence_anchor(number), size=size)


def write_claim_list(
    document: DocumentObject, claims: list[Claim], index: EvidenceIndex, empty: str
) -> None:
    """Bulleted claims under a heading, or a muted line saying there are none."""
    if not claims:
        add_run(document.add_paragraph(), empty, italic=True, color=MUTED)
        return
    for claim in claims:
        write_claim(document.add_paragraph(style="List Bullet"), claim, index)
