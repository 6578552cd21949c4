"""Reading a study's stage list from a YAML or JSON file (``--stages FILE``)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from journeybot.core.errors import UsageError
from journeybot.core.models import DEFAULT_STAGES, Stage

_SLUG = re.compile(r"[^a-z0-9]+")


def default_stages() -> list[Stage]:
    return [stage.model_copy() for stage in DEFAULT_STAGES]


def slugify(name: str) -> str:
    return _SLUG.sub("-", name.lower()).strip("-") or "stage"


def parse_stages(text: str, origin: str = "stages") -> list[Stage]:
    """Stages from YAML or JSON text: a list of ``{id, name, description}``.

    ``id`` may be left out (derived from the name); a plain list of names also works.
    """
    import yaml  # here, not at the top: listing a study's stages reads no file

    try:
        data: Any = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        try:
            data = json.loads(text)
        except json.JSONDecodeError:
            raise UsageError(f"{origin} is neither valid YAML nor JSON: {exc}") from exc
    if isinstance(data, dict) and "stages" in data:
        data = data["stages"]
    if not isinstance(data, list) or not data:
        raise UsageError(
            f"{origin} must hold a non-empty list of stages, each with a name "
            "(and optionally id and description)."
        )
    stages: list[Stage] = []
    for index, item in enumerate(data, start=1):
        stages.append(_stage(item, index, origin))
    ids = [s.id for s in stages]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise UsageError(f"{origin} repeats stage id(s): {', '.join(duplicates)}.")
    return stages


def _stage(item: Any, index: int, origin: str) -> Stage:
    if isinstance(item, str):
        item = {"name": item}
    if not isinstance(item, dict) or not str(item.get("name") or item.get("id") or "").strip():
        raise UsageError(f"{origin}: stage {index} needs a name.")
    name = str(item.get("name") or item.get("id")).strip()
    fields = {
        "id": str(item.get("id") or slugify(name)).strip(),
        "name": name,
        "description": str(item.get("description") or "").strip(),
    }
    try:
        return Stage(**fields)
    except ValidationError as exc:  # pragma: no cover - all fields are strings here
        raise UsageError(f"{origin}: stage {index} is not valid: {exc}") from exc


def load_stages(path: Path) -> list[Stage]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise UsageError(f"Cannot read the stages file {path}: {exc.strerror}.") from exc
    return parse_stages(text, origin=str(path))


def write_stages(path: Path, stages: list[Stage]) -> None:
    """A stage list as YAML a researcher can edit and read back with ``load_stages``."""
    import yaml

    items = [{"id": s.id, "name": s.name, "description": s.description} for s in stages]
    try:
        path.write_text(yaml.safe_dump(items, sort_keys=False, allow_unicode=True), "utf-8")
    except OSError as exc:
        raise UsageError(f"Cannot write the stages file {path}: {exc.strerror}.") from exc
