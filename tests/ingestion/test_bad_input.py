"""Bad uploads fail with one sentence that names the file and says what is wrong."""

from __future__ import annotations

import io
import os
import time
import zipfile
from collections.abc import Callable

import pytest

from journeybot.core.errors import (
    CorruptFileError,
    EmptyFileError,
    EncodingError,
    FileTooLargeError,
    InputFileError,
    UnsupportedFormatError,
)
from journeybot.ingestion import SUPPORTED_EXTENSIONS, read_transcript


def _one_sentence(err: InputFileError, file_name: str) -> str:
    message = str(err)
    assert message.startswith(f"{file_name}: ")
    assert "\n" not in message and message.count(". ") == 0
    assert err.file_name == file_name
    return message


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n  "])
@pytest.mark.parametrize("name", ["empty.txt", "empty.vtt", "empty.csv", "empty.docx"])
def test_empty_or_blank_files(data: bytes, name: str) -> None:
    with pytest.raises(EmptyFileError) as caught:
        read_transcript(data, name)
    assert "empty" in _one_sentence(caught.value, name)


def test_utf16_whitespace_only_is_empty() -> None:
    with pytest.raises(EmptyFileError):
        read_transcript("  \n \n".encode("utf-16"), "blank.txt")


def test_binary_garbage_does_not_look_like_text() -> None:
    garbage = bytes(range(256)) * 8 + os.urandom(1024)
    with pytest.raises(CorruptFileError) as caught:
        read_transcript(garbage, "notes.txt")
    assert "does not look like text" in _one_sentence(caught.value, "notes.txt")


def test_control_characters_without_nul_are_binary() -> None:
    data = bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15, 16, 17]) * 50 + b"Participant: hi"
    with pytest.raises(CorruptFileError):
        read_transcript(data, "odd.md")


def test_undecodable_bytes_ask_for_utf8() -> None:
    data = "Participant: Ça a coûté cher.\n".encode() + bytes([0x81, 0x8D, 0x8F, 0x90, 0x9D])
    with pytest.raises(EncodingError) as caught:
        read_transcript(data, "P1.txt")
    assert "save the file as UTF-8" in _one_sentence(caught.value, "P1.txt")


def test_legacy_multibyte_text_is_not_misread_as_windows_1252() -> None:
    data = ("参加者: とても使いやすかったです。" * 20).encode("shift_jis")
    with pytest.raises(EncodingError):
        read_transcript(data, "jp.txt")


def test_docx_that_is_not_a_zip() -> None:
    with pytest.raises(CorruptFileError) as caught:
        read_transcript(b"Participant: this is plain text renamed to .docx", "renamed.docx")
    assert "is not a valid Word .docx file" in _one_sentence(caught.value, "renamed.docx")


def test_zip_without_a_word_document_is_not_a_docx() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(CorruptFileError) as caught:
        read_transcript(buffer.getvalue(), "archive.docx")
    assert "is not a valid Word .docx file" in str(caught.value)


def _zip_bomb(member_bytes: int) -> bytes:
    buffer = io.BytesIO()
    zero_chunk = bytes(1 << 20)
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w") as member:
            for _ in range(member_bytes // len(zero_chunk)):
                member.write(zero_chunk)
    return buffer.getvalue()


def test_zip_bomb_docx_is_refused_before_it_is_inflated() -> None:
    bomb = _zip_bomb(210 * (1 << 20))
    assert len(bomb) < 1_000_000
    started = time.perf_counter()
    with pytest.raises(CorruptFileError) as caught:
        read_transcript(bomb, "bomb.docx")
    assert time.perf_counter() - started < 1.0
    message = _one_sentence(caught.value, "bomb.docx")
    assert "unpacks to more than 200 MB" in message


def test_zip_bomb_cap_is_configurable() -> None:
    with pytest.raises(CorruptFileError) as caught:
        read_transcript(_zip_bomb(3 << 20), "small-bomb.docx", max_docx_uncompressed=1_000_000)
    assert "more than 1 MB" in str(caught.value)


def test_a_workbook_that_would_inflate_past_the_cap_is_refused_too() -> None:
    with pytest.raises(CorruptFileError) as caught:
        read_transcript(_zip_bomb(3 << 20), "bomb.xlsx", max_docx_uncompressed=1_000_000)
    assert "the workbook unpacks to more than 1 MB" in str(caught.value)


def test_file_over_the_size_cap_is_refused_first() -> None:
    data = b"\x00" * 2_000
    with pytest.raises(FileTooLargeError) as caught:
        read_transcript(data, "huge.exe", max_bytes=1_000)
    message = _one_sentence(caught.value, "huge.exe")
    assert "limit" in message and "JOURNEYBOT_MAX_FILE_MB" in message
    assert caught.value.size == 2_000 and caught.value.limit == 1_000


def test_unknown_extension_lists_the_supported_ones() -> None:
    with pytest.raises(UnsupportedFormatError) as caught:
        read_transcript(b"Participant: hi", "notes.pages")
    message = _one_sentence(caught.value, "notes.pages")
    assert "'.pages'" in message
    for extension in SUPPORTED_EXTENSIONS:
        assert extension in message


def test_file_without_extension_is_unsupported() -> None:
    with pytest.raises(UnsupportedFormatError) as caught:
        read_transcript(b"Participant: hi", "README")
    assert "no extension" in str(caught.value)


def test_extension_match_ignores_case(fixture: Callable[[str], bytes]) -> None:
    transcript = read_transcript(fixture("qa_P3.txt"), "QA_P3.TXT")
    assert transcript.participants == ["P3"]


def test_garbage_pdf_is_a_corrupt_file() -> None:
    with pytest.raises(CorruptFileError) as caught:
        read_transcript(b"%PDF-1.4\nthis is not really a pdf", "broken.pdf")
    assert "is not a readable PDF file" in _one_sentence(caught.value, "broken.pdf")
