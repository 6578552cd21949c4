"""A study roster from CSV or YAML: id, name, aliases, and any other columns as attributes.

Rosters come from recruiting spreadsheets, so columns are found by common header names
("Participant ID", "Full name", "Also known as"); everything else on the row (segment,
plan, region...) is kept as an attribute that personas can report.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping, Sequence
from pathlib import PurePath
from typing import Any

from journeybot.core.errors import InputFileError, MissingColumnsError
from journeybot.core.models import RosterEntry
from journeybot.ingestion.decoding import decode_text

_ID = ("id", "participant id", "participant", "pid", "code", "participant code", "p id")
_NAME = ("name", "full name", "participant name", "first name", "display name")
_ALIASES = ("aliases", "alias", "also known as", "aka", "other names", "labels")
_ALIAS_SPLIT = re.compile(r"\s*[;|]\s*")
_NEEDED = (
    "needs an id column (such as 'id' or 'participant id') and a name column (such as "
    "'name' or 'full name')"
)


def read_roster(data: bytes, file_name: str) -> list[RosterEntry]:
    """Roster rows; raises ``InputFileError`` with one sentence when it cannot be used."""
    extension = PurePath(file_name).suffix.lower()
    text = decode_text(data, file_name)
    if extension in (".yaml", ".yml", ".json"):
        rows = _yaml_rows(text, file_name)
    elif extension == ".csv":
        rows = list(csv.DictReader(io.StringIO(text)))
    else:
        raise InputFileError(file_name, "a roster must be a .csv, .yaml or .json file")
    return _entries(rows, file_name)


def _yaml_rows(text: str, file_name: str) -> list[dict[str, Any]]:
    import yaml  # here: ``journeybot studies`` imports this module to list, never to read

    try:
        loaded = yaml.safe_load(text)
    except yaml.YAMLError as err:
        raise InputFileError(file_name, f"is not valid YAML ({err})") from err
    if isinstance(loaded, Mapping):
        loaded = loaded.get("participants", loaded.get("roster"))
    if not isinstance(loaded, list) or not all(isinstance(r, Mapping) for r in loaded):
        raise InputFileError(file_name, "should be a list of participants, one mapping each")
    return [dict(row) for row in loaded]


def _entries(rows: Sequence[Mapping[str, Any]], file_name: str) -> list[RosterEntry]:
    headers = list(rows[0].keys()) if rows else []
    id_col, name_col = _find(headers, _ID), _find(headers, _NAME)
    if id_col is None or name_col is None:
        shown = ", ".join(f"'{h}'" for h in headers if h) or "none"
        raise MissingColumnsError(
            file_name, f"{_NEEDED} (its columns: {shown}); nothing was imported"
        )
    alias_col = _find(headers, _ALIASES)
    entries: list[RosterEntry] = []
    for number, row in enumerate(rows, start=2):
        pid, name = _cell(row.get(id_col)), _cell(row.get(name_col))
        if not pid or not name:
            raise InputFileError(
                file_name, f"row {number} has no id or no name; nothing was imported"
            )
        aliases = (
            [a for a in _ALIAS_SPLIT.split(_cell(row.get(alias_col))) if a] if alias_col else []
        )
        attributes = {
            str(key): _cell(value)
            for key, value in row.items()
            if key not in (id_col, name_col, alias_col) and key and _cell(value)
        }
        entries.append(RosterEntry(id=pid, name=name, aliases=aliases, attributes=attributes))
    _check_unique(entries, file_name)
    return entries


def _check_unique(entries: Sequence[RosterEntry], file_name: str) -> None:
    seen: set[str] = set()
    for entry in entries:
        if entry.id.casefold() in seen:
            raise InputFileError(
                file_name, f"lists the id '{entry.id}' twice; nothing was imported"
            )
        seen.add(entry.id.casefold())


def _find(headers: Sequence[Any], names: Sequence[str]) -> str | None:
    plain = {re.sub(r"[\s_\-]+", " ", str(h).strip().casefold()): h for h in headers if h}
    for name in names:
        if name in plain:
            return str(plain[name])
    return None


def _cell(value: Any) -> str:
    if isinstance(value, list | tuple):
        return "; ".join(_cell(item) for item in value)
    return " ".join(str(value).split()) if value is not None else ""
