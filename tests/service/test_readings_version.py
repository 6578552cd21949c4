"""The readings version is a hash of the scoring code, found without importing it."""

from __future__ import annotations

import hashlib
import importlib
import inspect
import subprocess
import sys

from journeybot.service.readings import READING_MODULES, readings_version


def test_version_hashes_the_scoring_code_as_inspect_reads_it() -> None:
    digest = hashlib.sha256()
    for name in READING_MODULES:
        module = importlib.import_module(f"journeybot.synthesis.{name}")
        digest.update(inspect.getsource(module).encode("utf-8"))
    assert readings_version() == digest.hexdigest()[:12]


def test_checking_the_version_imports_no_scoring_code() -> None:
    code = (
        "import sys; from journeybot.service.readings import readings_version; "
        "readings_version(); "
        "print(sorted(m for m in sys.modules if m.startswith('journeybot.synthesis.') "
        "or m.split('.')[0] == 'scipy'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]", result.stdout
