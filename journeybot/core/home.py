"""Where the data folder is, known without building the full ``Settings``.

The listing commands (``studies``, ``sources``, ``stages``, ``speakers``) need only the
catalog's path, and building ``Settings`` costs a fifth of a second of imports
(pydantic-settings). ``Settings`` takes its default and file names from here, so both
answer the same; ``home_from_env`` follows pydantic-settings' rule for ``JOURNEYBOT_HOME``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

HOME_VARIABLE = "JOURNEYBOT_HOME"
CATALOG_FILE = "catalog.sqlite3"


def default_home() -> Path:
    """The per-user data folder, used when neither --home nor JOURNEYBOT_HOME is given."""
    import platformdirs

    return Path(platformdirs.user_data_dir("journeybot", appauthor=False))


def home_from_env(environ: Mapping[str, str] | None = None) -> Path:
    """``JOURNEYBOT_HOME`` (matched ignoring case, as ``Settings`` matches it), else the
    per-user default; ``~`` is expanded."""
    env = os.environ if environ is None else environ
    value = env.get(HOME_VARIABLE)
    if value is None:
        folded = [v for k, v in env.items() if k.upper() == HOME_VARIABLE]
        value = folded[-1] if folded else None
    return (Path(value) if value is not None else default_home()).expanduser()


def resolve_home(explicit: Path | None, environ: Mapping[str, str] | None = None) -> Path:
    """The data folder a command uses: ``--home`` if given, else the environment's."""
    return explicit.expanduser() if explicit is not None else home_from_env(environ)
