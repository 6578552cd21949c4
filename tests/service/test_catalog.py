"""The catalog keeps what is not a vector, survives reopening, and upgrades in place."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from journeybot.core.models import ClaimReview, ReviewStatus, Source, Stage
from journeybot.service.catalog import Catalog
from journeybot.service.catalog_schema import MIGRATIONS


def _source(study: str, source_id: str, name: str) -> Source:
    return Source(id=source_id, study=study, file_name=name, format="txt", participants=["P1"])


def test_sources_survive_reopening_and_are_scoped_by_study(tmp_path: Path) -> None:
    path = tmp_path / "catalog.sqlite3"
    catalog = Catalog(path)
    assert catalog.add_source(_source("a", "s1", "one.txt"), "P1: hello")
    assert catalog.add_source(_source("b", "s1", "one.txt"), "P1: hello")
    catalog.close()

    reopened = Catalog(path)
    assert [s.file_name for s in reopened.sources("a")] == ["one.txt"]
    assert reopened.source_text("a", "s1") == "P1: hello"
    assert reopened.study_ids() == ["a", "b"]
    reopened.delete_source("a", "s1")
    assert reopened.sources("a") == []
    assert len(reopened.sources("b")) == 1


def test_adding_the_same_source_twice_reports_the_second_as_not_new(tmp_path: Path) -> None:
    catalog = Catalog(tmp_path / "c.sqlite3")
    assert catalog.add_source(_source("a", "s1", "one.txt"), "x")
    assert not catalog.add_source(_source("a", "s1", "copy.txt"), "x")
    assert [s.file_name for s in catalog.sources("a")] == ["one.txt"]


def test_claim_once_is_true_exactly_once_across_threads(tmp_path: Path) -> None:
    catalog = Catalog(tmp_path / "c.sqlite3")
    wins: list[bool] = []
    lock = threading.Lock()

    def claim() -> None:
        result = catalog.claim_once("Ev123")
        with lock:
            wins.append(result)

    threads = [threading.Thread(target=claim) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert wins.count(True) == 1
    assert len(wins) == 16


def test_stages_channels_and_reviews_round_trip(tmp_path: Path) -> None:
    catalog = Catalog(tmp_path / "c.sqlite3")
    assert catalog.stages("s") is None
    stages = [Stage(id="find", name="Find", description="Looking around")]
    catalog.set_stages("s", stages)
    assert catalog.stages("s") == stages

    catalog.link_channel("C1", "s")
    catalog.set_diary("C1", True)
    assert catalog.channel_study("C1") == "s"
    assert catalog.is_diary("C1")
    catalog.link_channel("C1", "other")
    assert catalog.channel_links() == {"C1": "other"}

    catalog.save_reviews("s", [ClaimReview(claim_id="x-1", status=ReviewStatus.REMOVE)])
    catalog.save_reviews(
        "s", [ClaimReview(claim_id="x-1", status=ReviewStatus.CONFIRMED, comment="ok")]
    )
    assert catalog.reviews("s")["x-1"].status is ReviewStatus.CONFIRMED
    assert catalog.reviews("s")["x-1"].comment == "ok"
    assert catalog.reviews("other") == {}


def test_an_older_catalog_is_migrated_in_place(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    Catalog(path).close()
    with sqlite3.connect(path) as conn:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
    assert version == len(MIGRATIONS)
    assert mode == "wal"
    # Opening again must not try to re-run applied migrations.
    Catalog(path).close()
