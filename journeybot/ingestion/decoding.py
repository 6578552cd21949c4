"""Bytes to text for the text-based formats, with the encodings researchers' tools write.

Transcripts come from Word's "save as text" (UTF-16 or Windows-1252), captioning tools
(UTF-8, sometimes with a BOM) and spreadsheets (any of these). Guessing wrong corrupts
quotes, so the order is fixed and anything that fits none of them is refused with a
message that says how to save the file instead.
"""

from __future__ import annotations

import codecs
import re

from journeybot.core.errors import CorruptFileError, EmptyFileError, EncodingError

_SAMPLE_BYTES = 4096
_UTF16_NUL_SHARE = 0.3
_UTF16_OTHER_NUL_SHARE = 0.05
_CONTROL_SHARE_MAX = 0.01
_CP1252_NON_ASCII_MAX = 0.3
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_CONTROL_BYTES_RE = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_SUPPORTED_HINT = (
    "upload a .txt, .md, .vtt, .srt, .sbv, .csv, .xlsx, .docx or .pdf transcript instead"
)


def decode_text(data: bytes, file_name: str) -> str:
    """Text with BOM removed and newlines as ``\\n``; refuses binary and unknown encodings."""
    if not data.strip():
        raise EmptyFileError(file_name)
    text = _decode(data, file_name)
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise EmptyFileError(file_name)
    if _control_share(text) > _CONTROL_SHARE_MAX:
        raise _binary(file_name)
    return text


def _decode(data: bytes, file_name: str) -> str:
    for bom, codec in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return _strict(data, codec, file_name)
    utf16 = _bomless_utf16(data)
    if utf16:
        return _strict(data, utf16, file_name)
    if b"\x00" in data or _control_byte_share(data[:_SAMPLE_BYTES]) > _CONTROL_SHARE_MAX:
        raise _binary(file_name)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    return _windows_1252(data, file_name)


def _strict(data: bytes, codec: str, file_name: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as err:
        raise _undecodable(file_name) from err


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM shows as NUL in every other byte of mostly-ASCII text."""
    sample = data[:_SAMPLE_BYTES]
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    even_nuls = sum(1 for i in range(0, pairs * 2, 2) if sample[i] == 0) / pairs
    odd_nuls = sum(1 for i in range(1, pairs * 2, 2) if sample[i] == 0) / pairs
    if odd_nuls >= _UTF16_NUL_SHARE and even_nuls <= _UTF16_OTHER_NUL_SHARE:
        return "utf-16-le"
    if even_nuls >= _UTF16_NUL_SHARE and odd_nuls <= _UTF16_OTHER_NUL_SHARE:
        return "utf-16-be"
    return None


def _windows_1252(data: bytes, file_name: str) -> str:
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as err:
        raise _undecodable(file_name) from err
    non_ascii = sum(1 for ch in text if ord(ch) > 127)
    if non_ascii > _CP1252_NON_ASCII_MAX * max(1, len(text.strip())):
        raise _undecodable(file_name)
    return text


def _control_byte_share(sample: bytes) -> float:
    return len(_CONTROL_BYTES_RE.findall(sample)) / max(1, len(sample))


def _control_share(text: str) -> float:
    return len(_CONTROL_RE.findall(text)) / max(1, len(text))


def _binary(file_name: str) -> CorruptFileError:
    return CorruptFileError(
        file_name, f"does not look like text (it contains binary data); {_SUPPORTED_HINT}"
    )


def _undecodable(file_name: str) -> EncodingError:
    return EncodingError(
        file_name,
        "the text is in an encoding that could not be read; "
        "save the file as UTF-8 text and upload it again",
    )
