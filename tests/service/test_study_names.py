"""Study titles over fixed ids: found by either, unique, and renamed without moving data."""

from __future__ import annotations

from pathlib import Path

import pytest

from journeybot.core.errors import UsageError
from journeybot.service import study_names
from journeybot.service.catalog import Catalog


def test_titles_find_studies_and_stay_unique(tmp_path: Path) -> None:
    catalog = Catalog(tmp_path / "catalog.sqlite3")
    catalog.link_channel("C1", "C1")
    catalog.ensure_study("onboarding")
    study_names.title_if_free(catalog, "C1", "research-billing")
    assert study_names.shown_names(catalog) == {
        "C1": "research-billing",
        "onboarding": "onboarding",
    }
    assert study_names.find_study(catalog, " Research-Billing ") == "C1"
    assert study_names.find_study(catalog, "c1") == "C1"
    assert study_names.find_study(catalog, "nothing") is None

    with pytest.raises(UsageError, match="already called 'onboarding'"):
        study_names.rename(catalog, "C1", "onboarding")
    study_names.title_if_free(catalog, "onboarding", "research-billing")  # taken: ignored
    assert catalog.titles() == {"C1": "research-billing"}

    assert study_names.rename(catalog, "C1", "billing  2026") == "billing 2026"
    assert catalog.channel_links() == {"C1": "C1"}
    assert study_names.find_study(catalog, "billing 2026") == "C1"
    reopened = Catalog(tmp_path / "catalog.sqlite3")
    assert reopened.titles() == {"C1": "billing 2026"}
