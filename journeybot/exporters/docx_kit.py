"""Small pieces of WordprocessingML python-docx has no call for.

Everything here writes plain, schema-valid OOXML that Word and LibreOffice both open
without a repair prompt: fields as begin/separate/end runs, bookmarks with unique ids,
hyperlinks through real relationships, and table widths on both the grid and the cells
(LibreOffice lays out by the grid, Word by the cells).
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Sequence

from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.section import Section
from docx.shared import Cm, Emu, Pt, RGBColor
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph
from docx.text.run import Run

FONT = "Arial"
INK = RGBColor(0x22, 0x22, 0x22)
HEADING = RGBColor(0x1B, 0x3A, 0x57)
ACCENT = RGBColor(0x1F, 0x5F, 0x8B)
MUTED = RGBColor(0x6B, 0x71, 0x7A)
WARN = RGBColor(0x9C, 0x5A, 0x00)
ALERT = RGBColor(0xB0, 0x1E, 0x1E)
HEADER_FILL = "DCE6EE"
LABEL_FILL = "F1F4F7"
EMPTY_FILL = "F7F7F7"

A4_SHORT = Cm(21.0)
A4_LONG = Cm(29.7)

_STYLE_SIZES = {
    "Normal": 10,
    "Title": 26,
    "Subtitle": 14,
    "Heading 1": 16,
    "Heading 2": 13,
    "Heading 3": 11,
    "Footer": 8,
    "Caption": 8.5,
    "List Bullet": 10,
}


def set_up_styles(document: DocumentObject) -> None:
    """One font everywhere (no theme fonts LibreOffice would swap), calm heading colours."""
    _explicit_fonts(document.styles.element.find(qn("w:docDefaults")))
    for name, size in _STYLE_SIZES.items():
        style = document.styles[name]
        _explicit_fonts(style.element)
        style.font.name = FONT
        style.font.size = Pt(size)
        style.font.color.rgb = HEADING if name.startswith(("Heading", "Title")) else INK
    for name, before in (("Heading 1", 0), ("Heading 2", 14), ("Heading 3", 10)):
        fmt = document.styles[name].paragraph_format
        fmt.space_before = Pt(before)
        fmt.space_after = Pt(6)
    document.styles["Subtitle"].font.color.rgb = ACCENT
    document.styles["Caption"].font.color.rgb = MUTED
    document.styles["Caption"].font.bold = False
    document.styles["Normal"].paragraph_format.space_after = Pt(6)
    document.styles["Normal"].paragraph_format.line_spacing = 1.1


def _explicit_fonts(element: object) -> None:
    """Replace theme-font references, which override explicit names, with FONT."""
    if element is None:
        return
    for fonts in element.iter(qn("w:rFonts")):  # type: ignore[attr-defined]
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(attr), None)
        for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(attr), FONT)


def set_page(section: Section, *, landscape: bool) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width = A4_LONG if landscape else A4_SHORT
    section.page_height = A4_SHORT if landscape else A4_LONG
    margin = Cm(1.6) if landscape else Cm(2.2)
    section.left_margin = section.right_margin = margin
    section.top_margin = Cm(1.8)
    section.bottom_margin = Cm(1.8)
    section.footer_distance = Cm(0.9)


def text_width(section: Section) -> int:
    """Usable width in EMU between the margins."""
    return (
        int(section.page_width or 0)
        - int(section.left_margin or 0)
        - int(section.right_margin or 0)
    )


def add_run(
    paragraph: Paragraph,
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    color: RGBColor | None = None,
    size: float | None = None,
) -> Run:
    """A formatted run; formatting is copied from a cached template (large maps add thousands)."""
    run = paragraph.add_run(text)
    template = _run_properties(bold, italic, str(color) if color else None, size)
    if template is not None:
        run._r.insert(0, copy.deepcopy(template))
    return run


@functools.lru_cache(maxsize=64)
def _run_properties(
    bold: bool, italic: bool, color: str | None, size: float | None
) -> BaseOxmlElement | None:
    """The ``w:rPr`` for one combination, built once with python-docx's own setters."""
    if not (bold or italic or color or size):
        return None
    run = Run(OxmlElement("w:r"), None)  # type: ignore[arg-type]
    run.bold = bold or None
    run.italic = italic or None
    if color is not None:
        run.font.color.rgb = RGBColor.from_string(color)
    if size is not None:
        run.font.size = Pt(size)
    return run._r.rPr


def add_field(
    paragraph: Paragraph, instruction: str, *, color: RGBColor | None = None, placeholder: str = "1"
) -> None:
    """A complex field (PAGE, NUMPAGES); Word and LibreOffice compute it on open."""
    _field_char(paragraph.add_run(), "begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    paragraph.add_run()._r.append(instr)
    _field_char(paragraph.add_run(), "separate")
    result = paragraph.add_run(placeholder)
    if color is not None:
        result.font.color.rgb = color
    _field_char(paragraph.add_run(), "end")


def _field_char(run: Run, kind: str) -> None:
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    run._r.append(char)


def add_bookmark(paragraph: Paragraph, name: str, bookmark_id: int) -> None:
    """Wrap the paragraph's content in a bookmark internal links can jump to."""
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(bookmark_id))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(bookmark_id))
    p = paragraph._p
    properties = p.pPr
    if properties is None:
        p.insert(0, start)
    else:
        properties.addnext(start)
    p.append(end)


def add_link(
    paragraph: Paragraph,
    text: str,
    *,
    anchor: str | None = None,
    url: str | None = None,
    size: float | None = None,
) -> None:
    """A hyperlink to a bookmark in this document (``anchor``) or to a web address."""
    link = OxmlElement("w:hyperlink")
    if anchor is not None:
        link.set(qn("w:anchor"), anchor)
    if url is not None:
        rel_id = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
        link.set(qn("r:id"), rel_id)
    run = Run(OxmlElement("w:r"), paragraph)
    run.text = text
    run.font.color.rgb = ACCENT
    run.font.underline = url is not None
    if size is not None:
        run.font.size = Pt(size)
    link.append(run._r)
    paragraph._p.append(link)


def repeat_as_header(row: _Row) -> None:
    """Mark the row as a header that Word and LibreOffice repeat on every page."""
    properties = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    properties.append(flag)


def keep_row_together(row: _Row) -> None:
    properties = row._tr.get_or_add_trPr()
    properties.insert(0, OxmlElement("w:cantSplit"))


def shade(cell: _Cell, fill: str) -> None:
    properties = cell._tc.get_or_add_tcPr()
    for old in properties.findall(qn("w:shd")):
        properties.remove(old)
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    properties.append(shading)


def new_table(document: DocumentObject, rows: int, widths: list[int]) -> Table:
    """A fixed-layout grid table whose column widths (EMU) hold in Word and LibreOffice."""
    table = document.add_table(rows=rows, cols=len(widths))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False
    total = table._tbl.tblPr.find(qn("w:tblW"))  # python-docx always writes one
    if total is not None:
        total.set(qn("w:w"), str(sum(widths) // 635))  # EMU to twentieths of a point
        total.set(qn("w:type"), "dxa")
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row in table.rows:
        set_row_widths(row, widths)
    return table


def set_row_widths(row: _Row, widths: list[int]) -> None:
    for cell, width in zip(row.cells, widths, strict=True):
        cell.width = Emu(width)


def cell_paragraph(cell: _Cell, *, first: bool) -> Paragraph:
    """The cell's empty first paragraph, or a new one; compact spacing for tables."""
    paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.space_before = Pt(1)
    fmt.space_after = Pt(3)
    fmt.line_spacing = 1.0
    return paragraph


def header_cell(cell: _Cell, text: str, *, size: float) -> None:
    shade(cell, HEADER_FILL)
    paragraph = cell_paragraph(cell, first=True)
    add_run(paragraph, text, bold=True, color=HEADING, size=size)


def headed_table(
    document: DocumentObject, widths: list[int], headers: Sequence[str], *, size: float
) -> Table:
    """A table whose shaded header row repeats at the top of every page it runs onto."""
    table = new_table(document, rows=1, widths=widths)
    repeat_as_header(table.rows[0])
    for cell, title in zip(table.rows[0].cells, headers, strict=True):
        header_cell(cell, title, size=size)
    return table


def add_body_row(
    table: Table, widths: list[int], *, keep_together: bool = True
) -> tuple[_Cell, ...]:
    """A new row at the table's widths; kept on one page unless its cells may be long."""
    row = table.add_row()
    set_row_widths(row, widths)
    if keep_together:
        keep_row_together(row)
    return tuple(row.cells)
