"""Builders for ingestion tests: fixture bytes, Word files and minimal PDFs made on the spot."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from pathlib import Path

import docx
import pytest

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "transcripts"

Rows = Sequence[Sequence[str]]


def fixture_bytes(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def docx_bytes(paragraphs: Sequence[str] = (), tables: Sequence[Rows] = ()) -> bytes:
    """A real .docx: the paragraphs, then each table (rows of cell texts)."""
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    for rows in tables:
        table = document.add_table(rows=len(rows), cols=len(rows[0]))
        for row, cells in zip(table.rows, rows, strict=True):
            for cell, text in zip(row.cells, cells, strict=True):
                cell.text = text
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _pdf_string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return f"({escaped})"


def pdf_bytes(pages: Sequence[Sequence[str]]) -> bytes:
    """A minimal valid PDF: one Helvetica text line per string; an empty page has no text."""
    page_ids = [4 + 2 * i for i in range(len(pages))]
    objects: dict[int, bytes] = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: (
            f"<< /Type /Pages /Kids [{' '.join(f'{p} 0 R' for p in page_ids)}] "
            f"/Count {len(pages)} >>"
        ).encode(),
        3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    }
    for page_id, lines in zip(page_ids, pages, strict=True):
        if lines:
            shown = " T* ".join(f"{_pdf_string(line)} Tj" for line in lines)
            stream = f"BT /F1 11 Tf 14 TL 50 780 Td {shown} ET".encode("latin-1")
        else:
            stream = b"0 0 m 100 100 l S"
        objects[page_id] = (
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            f"/Resources << /Font << /F1 3 0 R >> >> /Contents {page_id + 1} 0 R >>"
        ).encode()
        objects[page_id + 1] = (
            f"<< /Length {len(stream)} >>\nstream\n".encode() + stream + b"\nendstream"
        )
    out = bytearray(b"%PDF-1.4\n")
    offsets: dict[int, int] = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += f"{number} 0 obj\n".encode() + objects[number] + b"\nendobj\n"
    xref_at = len(out)
    count = max(objects) + 1
    out += f"xref\n0 {count}\n0000000000 65535 f \n".encode()
    for number in range(1, count):
        out += f"{offsets[number]:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {count} /Root 1 0 R >>\nstartxref\n{xref_at}\n%%EOF\n".encode()
    return bytes(out)


@pytest.fixture
def make_docx() -> Callable[..., bytes]:
    return docx_bytes


@pytest.fixture
def make_pdf() -> Callable[[Sequence[Sequence[str]]], bytes]:
    return pdf_bytes


@pytest.fixture
def fixture() -> Callable[[str], bytes]:
    return fixture_bytes
