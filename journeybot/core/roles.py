"""Speaker roles, apart from the domain models so a command line can name them cheaply.

``journeybot speakers set --role`` needs the choices when its help is built; importing
every pydantic model for that cost a tenth of a second on each command.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    PARTICIPANT = "participant"
    INTERVIEWER = "interviewer"
    OTHER = "other"
