"""Plain text out of a Word file, the way a reader sees it.

Used to read reviewers' cells back and to dump a whole document for snapshots and
debugging. Works on the XML rather than python-docx's ``.text`` so that text inside
content controls and tracked insertions counts, while tracked deletions do not.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import docx
from docx.document import Document as DocumentObject
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from lxml import etree

_SKIPPED = {qn("w:del"), qn("w:moveFrom"), qn("w:instrText"), qn("w:delText")}
_BREAKS = {qn("w:br"), qn("w:cr")}
_STYLE_PREFIXES = {
    "Title": "Title: ",
    "Subtitle": "Subtitle: ",
    "Heading 1": "# ",
    "Heading 2": "## ",
    "Heading 3": "### ",
    "List Bullet": "- ",
    "Caption": "Caption: ",
}


def element_text(element: etree._Element) -> str:
    """Visible text of a paragraph-level element: runs, tabs and line breaks."""
    parts: list[str] = []
    _collect(element, parts)
    return "".join(parts)


def _collect(element: etree._Element, parts: list[str]) -> None:
    for child in element:
        tag = child.tag
        if tag in _SKIPPED:
            continue
        if tag == qn("w:t"):
            parts.append(child.text or "")
        elif tag == qn("w:tab"):
            parts.append("\t")
        elif tag in _BREAKS:
            parts.append("\n")
        else:
            _collect(child, parts)


def cell_text(cell_element: etree._Element) -> str:
    """A table cell's text, one line per paragraph, surrounding whitespace trimmed."""
    lines = [element_text(p) for p in cell_element.iter(qn("w:p"))]
    return "\n".join(lines).strip()


def table_rows(table_element: etree._Element) -> list[list[str]]:
    """Each row's cell texts (a cell merged down reads as empty below its first row)."""
    rows: list[list[str]] = []
    for row in table_element.iterchildren(qn("w:tr")):
        rows.append([cell_text(cell) for cell in _row_cells(row)])
    return rows


def _row_cells(row: etree._Element) -> Iterator[etree._Element]:
    """Cells of a row, looking through content controls that wrap them."""
    for child in row:
        if child.tag == qn("w:tc"):
            yield child
        elif child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _row_cells(content)


def dump_docx_text(path: Path) -> str:
    """A readable text rendering of a .docx: properties, footer, body, tables, images."""
    document = docx.Document(str(path))
    lines = _property_lines(document)
    for section_number, section in enumerate(document.sections, start=1):
        footer = " / ".join(element_text(p._p) for p in section.footer.paragraphs)
        wide = int(section.page_width or 0) > int(section.page_height or 0)
        orientation = "landscape" if wide else "portrait"
        lines.append(f"[section {section_number}: {orientation}] footer: {footer}")
    lines.append("")
    for block in document.element.body.iterchildren():
        if block.tag == qn("w:p"):
            lines.extend(_paragraph_lines(document, block))
        elif block.tag == qn("w:tbl"):
            lines.extend(_table_lines(block))
    return "\n".join(lines).rstrip() + "\n"


def _property_lines(document: DocumentObject) -> list[str]:
    props = document.core_properties
    named = {
        "title": props.title,
        "subject": props.subject,
        "identifier": props.identifier,
        "category": props.category,
        "created": props.created.isoformat() if props.created else "",
    }
    return [f"[property] {name}: {value}" for name, value in named.items()]


def _paragraph_lines(document: DocumentObject, element: etree._Element) -> list[str]:
    lines: list[str] = []
    paragraph = Paragraph(element, document)
    for picture in element.iter(qn("wp:docPr")):
        lines.append(f"[image] {picture.get('descr', '')}")
    text = element_text(element)
    if text.strip():
        style = paragraph.style.name if paragraph.style is not None else "Normal"
        lines.append(_STYLE_PREFIXES.get(style, "") + text)
    if element.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None:
        lines.append("[section break]")
    return lines


def _table_lines(element: etree._Element) -> list[str]:
    lines = ["[table]"]
    for cells in table_rows(element):
        lines.append("| " + " | ".join(c.replace("\n", " / ") for c in cells) + " |")
    lines.append("[end table]")
    return lines
