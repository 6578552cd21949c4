"""How a Journeybot Word file says whose draft it is, in ways that survive re-saving.

The marker is written twice: in the core properties (``identifier`` carries the draft id,
``subject`` the study; Word and LibreOffice both keep these) and as a visible line above
the validation table, which survives even a "remove personal information" save.
The table itself is recognised by its header row, or failing that by its claim ids.
"""

from __future__ import annotations

import re

IDENTIFIER_PREFIX = "journeybot-draft/v1/"
CATEGORY = "Journeybot draft for validation"

KEY_LEAD = "Review key (leave as is): "
_KEY_PATTERN = re.compile(r"^Review key \(leave as is\): study «(.+)» · draft «([^«»]*)»$")

HEADER_CLAIM_ID = "Claim ID"
HEADER_WHERE = "Where"
HEADER_CLAIM = "Claim"
HEADER_STATUS = "Status"
HEADER_COMMENT = "Comment"
VALIDATION_HEADERS = (HEADER_CLAIM_ID, HEADER_WHERE, HEADER_CLAIM, HEADER_STATUS, HEADER_COMMENT)

#: The shape of ``core.models.claim_id``: scope (<=12), kind (<=4), 8 hex digits.
CLAIM_ID_PATTERN = re.compile(r"^\S{1,12}-[A-Za-z_]{1,4}-[0-9a-f]{8}$")


def identifier(draft_id: str) -> str:
    return IDENTIFIER_PREFIX + draft_id


def draft_from_identifier(value: str | None) -> str | None:
    """The draft id if ``value`` is our identifier, else None."""
    if value and value.startswith(IDENTIFIER_PREFIX):
        return value[len(IDENTIFIER_PREFIX) :]
    return None


def review_key(study: str, draft_id: str) -> str:
    return f"{KEY_LEAD}study «{study}» · draft «{draft_id}»"


def parse_review_key(text: str) -> tuple[str, str] | None:
    """(study, draft id) from the visible key line, or None if ``text`` is not one."""
    match = _KEY_PATTERN.match(" ".join(text.split()))
    if match is None:
        return None
    return match.group(1), match.group(2)


#: The action-plan table's header row, written and read back by these names.
ACTION_HEADERS = (
    "Opportunity ID",
    "Opportunity",
    "Impact",
    "Suggested metric",
    "Feasibility",
    "Owner",
    "Metric",
    "Due date",
)
TEAM_COLUMNS = ("Feasibility", "Owner", "Metric", "Due date")
