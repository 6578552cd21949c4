"""Turning away requests that are not Slack's before Bolt sees them.

Bolt parses a request body before it checks the signature, so a malformed body (signed
or not) used to end in a traceback and a 500: anyone could fill the logs. Here an
unsigned, wrongly signed or stale request gets 401 and a signed body that does not
parse gets 400, each with one log line and no traceback.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import parse_qs

from slack_sdk.signature import SignatureVerifier

log = logging.getLogger(__name__)

#: Slack's own limit: a request signed more than five minutes ago may be a replay.
MAX_AGE_SECONDS = 300


@dataclass(frozen=True)
class Refusal:
    status: int
    reason: str


def refusal(
    verifier: SignatureVerifier, body: str, headers: Mapping[str, str], *, now: float | None = None
) -> Refusal | None:
    """Why this request is not Slack's (``None`` when it is); header names lower-case."""
    stamp = headers.get("x-slack-request-timestamp", "")
    signature = headers.get("x-slack-signature", "")
    if not stamp or not signature:
        return Refusal(401, "it carries no Slack signature")
    if not stamp.isdigit():
        return Refusal(401, "its timestamp is not a number")
    current = time.time() if now is None else now
    if abs(current - int(stamp)) > MAX_AGE_SECONDS:
        return Refusal(401, "its timestamp is more than five minutes off")
    if not verifier.is_valid(body, stamp, signature):
        return Refusal(401, "its signature does not match the signing secret")
    if not _parses(body, headers.get("content-type", "")):
        return Refusal(400, "its body is not the JSON or form data Slack sends")
    return None


def log_refusal(refused: Refusal, path: str) -> None:
    log.warning("refused a request to %s (HTTP %s): %s", path, refused.status, refused.reason)


def _parses(body: str, content_type: str) -> bool:
    """Mirrors what Bolt will parse: a JSON object, or a form with an optional JSON
    ``payload`` object."""
    if content_type.startswith("application/json"):
        return _json_object(body)
    form = parse_qs(body)
    if "payload" in form:
        return _json_object(form["payload"][0])
    return bool(form)


def _json_object(text: str) -> bool:
    try:
        return isinstance(json.loads(text), dict)
    except ValueError:
        return False
