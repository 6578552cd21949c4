"""Questions asked by @mention or in a DM, answered in a thread with cited quotes."""

from __future__ import annotations

import re
from dataclasses import dataclass

from slack_sdk import WebClient

from journeybot.bot.blocks.answer import answer_messages
from journeybot.bot.deps import BotDeps
from journeybot.bot.mrkdwn import strip_user_mentions, unescape
from journeybot.bot.replies import ReplyTarget, reporting_failures, send
from journeybot.core.errors import NoEvidenceError, UsageError

#: Earlier messages of a thread passed along as context for a follow-up question.
HISTORY_MESSAGES = 6

_QUESTION_OPENING = re.compile(
    r"^(?:and |but |so |ok(?:ay)?,? )?(?:what|why|how|who|whom|which|where|when|do|does|did|"
    r"is|are|was|were|can|could|would|should|will|has|have|any|anything|tell me|show me)\b",
    re.IGNORECASE,
)


def looks_like_question(text: str) -> bool:
    """A thread reply worth answering: a question, not "thanks!" or a side remark."""
    said = question_text(text)
    return said.endswith("?") or bool(_QUESTION_OPENING.match(said))


@dataclass(frozen=True)
class Question:
    channel: str
    user: str
    text: str
    ts: str
    thread_ts: str | None
    is_dm: bool

    @property
    def thread_root(self) -> str:
        return self.thread_ts or self.ts


def handle_question(deps: BotDeps, client: WebClient, question: Question, bot_user: str) -> None:
    target = ReplyTarget(question.channel, question.user, thread_ts=question.thread_root)
    with reporting_failures(client, target, "answering a question"):
        text = question_text(question.text)
        if not text:
            raise UsageError(
                "Ask me a question after the mention, for example: "
                "what frustrates people about onboarding?"
            )
        studies = deps.access.studies_for_question(
            question.channel, question.user, is_dm=question.is_dm
        )
        if not studies:
            raise NoEvidenceError(_no_study_message(question.is_dm))
        history = thread_history(client, question, bot_user) if question.thread_ts else []
        answer = deps.workspace.ask(text, studies, history=history)
        send(client, target, answer_messages(deps.names.people_in(answer)))
        if not question.is_dm:
            deps.threads.add(question.channel, question.thread_root)


def question_text(raw: str) -> str:
    return unescape(strip_user_mentions(raw)).strip()


def thread_history(client: WebClient, question: Question, bot_user: str) -> list[str]:
    """Earlier people's messages in the thread, oldest first: the follow-up's context."""
    response = client.conversations_replies(
        channel=question.channel, ts=question.thread_root, limit=100
    )
    earlier: list[str] = []
    for message in response.get("messages") or []:
        if _ts(message.get("ts")) >= _ts(question.ts) or message.get("bot_id"):
            continue
        if message.get("user") in (None, bot_user):
            continue
        text = question_text(str(message.get("text") or ""))
        if text:
            earlier.append(text)
    return earlier[-HISTORY_MESSAGES:]


def _ts(value: object) -> float:
    try:
        return float(str(value))
    except ValueError:
        return 0.0


def _no_study_message(is_dm: bool) -> str:
    if is_dm:
        return (
            "You are not in any channel with research evidence yet; ask in a study channel, "
            "or share transcripts with me here first."
        )
    return (
        "This channel has no study yet; share transcripts here first, or link it to one "
        "with /journey link STUDY."
    )
