"""Exports of a draft (Word, Markdown, JSON) and reading a reviewed Word file back.

Imports only ``journeybot.core``: the service layer hands in an ``ExportBundle``.
"""

from journeybot.exporters.bundle import ExportBundle, ReviewFile
from journeybot.exporters.docx_text import dump_docx_text
from journeybot.exporters.docx_writer import write_docx
from journeybot.exporters.files import write_text_file
from journeybot.exporters.review_reader import read_review
from journeybot.exporters.text_formats import render_json, render_markdown

__all__ = [
    "ExportBundle",
    "ReviewFile",
    "dump_docx_text",
    "read_review",
    "render_json",
    "render_markdown",
    "write_docx",
    "write_text_file",
]
