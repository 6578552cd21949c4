"""Study names people know, over ids that never change.

A study is keyed by an id (the name it was created with on the command line, or the
channel id when a Slack channel created it). Its title is what people call it: the
channel's name, or what someone renamed it to. Renaming changes only the title, so the
study keeps its sources, segments, drafts and reviewers' verdicts (claim ids are derived
from the study id) and every channel and DM that could see it still can.
"""

from __future__ import annotations

from journeybot.core.errors import UsageError
from journeybot.service.catalog import Catalog


def clean_name(name: str) -> str:
    cleaned = " ".join(name.split())
    if not cleaned:
        raise UsageError("Name the study, for example --study onboarding-2026.")
    if len(cleaned) > 80:
        raise UsageError(f"Study names are at most 80 characters ('{cleaned[:30]}...' is longer).")
    return cleaned


def shown_names(catalog: Catalog) -> dict[str, str]:
    """study id -> the name to show: its title, else the id itself."""
    titles = catalog.titles()
    return {study: titles.get(study, study) for study in catalog.study_ids()}


def find_study(catalog: Catalog, name: str) -> str | None:
    """The id of the study called ``name``: by id, then by title, ignoring case."""
    wanted = " ".join(name.split())
    names = shown_names(catalog)
    if wanted in names:
        return wanted
    folded = wanted.casefold()
    by_title = [study for study, shown in names.items() if shown.casefold() == folded]
    by_id = [study for study in names if study.casefold() == folded]
    for found in (by_title, by_id):
        if len(found) == 1:
            return found[0]
    return None


def rename(catalog: Catalog, study: str, name: str) -> str:
    """Give ``study`` the title ``name``; refused when another study goes by it."""
    title = clean_name(name)
    holder = find_study(catalog, title)
    if holder is not None and holder != study:
        raise UsageError(
            f"Another study is already called '{title}'; pick a different name "
            "(or link to that study instead)."
        )
    catalog.set_title(study, None if title == study else title)
    return title


def title_if_free(catalog: Catalog, study: str, name: str | None) -> None:
    """Name a new study after its channel, unless another study goes by that name."""
    if not name or not name.strip():
        return
    title = clean_name(name)
    if find_study(catalog, title) in (None, study):
        catalog.set_title(study, None if title == study else title)
