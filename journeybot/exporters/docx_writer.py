"""The Word draft researchers hand out before a validation workshop."""

from __future__ import annotations

from datetime import UTC
from pathlib import Path

import docx
from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH

from journeybot.exporters.bundle import (
    ExportBundle,
    build_evidence_index,
    claim_entries,
    clean_text,
    persona_title,
)
from journeybot.exporters.docx_actions import write_action_plan, write_scope, write_stage_extras
from journeybot.exporters.docx_journey import write_journey
from journeybot.exporters.docx_kit import MUTED, add_field, add_run, set_page, set_up_styles
from journeybot.exporters.docx_sections import (
    write_cover,
    write_evidence,
    write_method,
    write_personas,
)
from journeybot.exporters.docx_validation import write_validation
from journeybot.exporters.files import write_atomically
from journeybot.exporters.identity import CATEGORY, identifier


def build_document(bundle: ExportBundle) -> DocumentObject:
    """The whole draft in memory, in reading order."""
    document = docx.Document()
    set_up_styles(document)
    set_page(document.sections[0], landscape=False)
    _write_footer(document, bundle)
    _write_properties(document, bundle)
    index = build_evidence_index(bundle)
    write_cover(document, bundle, index)
    write_scope(document, bundle)
    write_personas(document, bundle, index)
    write_journey(document, bundle, index)
    write_stage_extras(document, bundle, index)
    write_action_plan(document, bundle)
    write_validation(document, claim_entries(bundle), bundle.study, bundle.draft_id)
    write_evidence(document, index)
    write_method(document, bundle)
    return document


def write_docx(bundle: ExportBundle, out: Path) -> Path:
    """Write the draft to ``out`` atomically (a reader never sees a partial file)."""
    document = build_document(bundle)
    return write_atomically(Path(out), lambda path: document.save(str(path)))


def _write_footer(document: DocumentObject, bundle: ExportBundle) -> None:
    """Study, status and "page X of Y" on every page; later sections inherit it."""
    paragraph = document.sections[0].footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    add_run(paragraph, f"{clean_text(bundle.study)} · Draft for validation · Page ", color=MUTED)
    add_field(paragraph, "PAGE", color=MUTED)
    add_run(paragraph, " of ", color=MUTED)
    add_field(paragraph, "NUMPAGES", color=MUTED)


def _write_properties(document: DocumentObject, bundle: ExportBundle) -> None:
    properties = document.core_properties
    properties.title = clean_text(f"{bundle.study}: {persona_title(bundle)}")[:255]
    properties.subject = clean_text(bundle.study)
    properties.identifier = identifier(clean_text(bundle.draft_id))
    properties.category = CATEGORY
    properties.content_status = "Draft for validation"
    properties.author = "Journeybot"
    properties.last_modified_by = "Journeybot"
    properties.comments = (
        "Journey map and personas drafted from interview evidence; every quote verified."
    )
    properties.keywords = "journeybot, journey map, personas, validation"
    moment = bundle.generated_at
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)  # the property format is always UTC ("Z")
    properties.created = moment
    properties.modified = moment
    properties.revision = 1
