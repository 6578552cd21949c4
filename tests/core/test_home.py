"""The data folder the listing commands find (``core.home``) is the one ``Settings`` finds."""

from __future__ import annotations

from pathlib import Path

import pytest

from journeybot.core.home import resolve_home
from journeybot.core.settings import Settings


@pytest.mark.parametrize(
    "environ",
    [
        {},
        {"JOURNEYBOT_HOME": "/srv/journeybot"},
        {"JOURNEYBOT_HOME": "~/research"},
        {"journeybot_home": "/srv/lower-case"},
        {"XDG_DATA_HOME": "/data"},
    ],
)
def test_home_from_the_environment_matches_settings(
    environ: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("JOURNEYBOT_HOME", "journeybot_home", "XDG_DATA_HOME"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    assert resolve_home(None) == Settings().home
    assert resolve_home(None, environ) == Settings().home


def test_home_option_wins_over_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JOURNEYBOT_HOME", "/srv/journeybot")
    chosen = Path("~/elsewhere")
    assert resolve_home(chosen) == Settings(home=chosen).home == Path.home() / "elsewhere"
