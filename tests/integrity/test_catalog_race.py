"""Processes that open a brand-new catalog at the same moment all get it, none "locked".

Two first commands on a fresh home (the bot and a CLI ingest, two ingests) both switch
the new SQLite file to WAL; SQLite can refuse the second switch at once. Real processes,
each waiting for the same wall-clock instant before opening, several rounds; before the
fix about 1 open in 60 failed with "database is locked".
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from journeybot.service.catalog import Catalog

PROCESSES = 4
ROUNDS = 10
#: Each process imports the catalog first, then sleeps until the round's start instant.
_OPEN_AT = """
import sys, time
from pathlib import Path
from journeybot.service.catalog import Catalog
start = float(sys.argv[2])
for round_number in range(int(sys.argv[3])):
    time.sleep(max(0.0, start + round_number * 0.5 - time.time()))
    Catalog(Path(sys.argv[1]) / f"home{round_number}" / "catalog.sqlite3").close()
"""


def test_processes_opening_a_new_catalog_together_all_succeed(tmp_path: Path) -> None:
    start = time.time() + 4.0  # time for every interpreter to start and import
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", _OPEN_AT, str(tmp_path), str(start), str(ROUNDS)],
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(PROCESSES)
    ]
    failures = [p.communicate(timeout=120)[1] for p in processes]
    assert [p.returncode for p in processes] == [0] * PROCESSES, failures
    for round_number in range(ROUNDS):
        catalog = Catalog(tmp_path / f"home{round_number}" / "catalog.sqlite3")
        assert catalog.study_ids() == []
        catalog.close()
