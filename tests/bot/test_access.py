"""Evidence follows channel membership: nobody gets a quote from a channel they are not in."""

from __future__ import annotations

from typing import Any

import pytest

from tests.bot.harness import BotHarness, ingest, interview, quoted, wait_answer

A, B = "CALPHA", "CBETA"
ANA, BEN, OUTSIDER = "UANA", "UBEN", "UOUTSIDER"
SECRET = "The secret onboarding checklist saved me hours every week."
A_FILE = interview("Ana", SECRET, "Support answered within a day.")
B_FILE = interview("Bo", "Billing was confusing and the onboarding emails late.", "I paid twice.")


@pytest.fixture
def workspace(real_workspace: Any) -> Any:
    """These rules are checked against the real Workspace, not a stand-in."""
    return real_workspace


def _setup(bot: BotHarness) -> None:
    bot.fake.set_members(A, [ANA])
    bot.fake.set_members(B, [BEN, OUTSIDER])
    ingest(bot, A, ANA, {"alpha.txt": A_FILE})
    ingest(bot, B, BEN, {"beta.txt": B_FILE})


def test_question_in_another_channel_never_gets_its_quotes(bot: BotHarness) -> None:
    _setup(bot)
    ts = bot.mention(B, BEN, "what about the secret onboarding checklist?")
    answer = wait_answer(bot.fake, B, ts)
    assert SECRET not in str(answer.args)
    assert all("checklist" not in q for q in quoted(answer.args["blocks"]))
    assert bot.workspace.asked[-1][1] == [B]

    ts = bot.mention(A, ANA, "what about the secret onboarding checklist?")
    assert SECRET in quoted(wait_answer(bot.fake, A, ts).args["blocks"])


def test_dm_from_someone_outside_the_channel_gets_nothing_from_it(bot: BotHarness) -> None:
    _setup(bot)
    bot.fake.set_members("DOUT", [OUTSIDER])
    ts = bot.dm("DOUT", OUTSIDER, "what about the secret onboarding checklist?")
    answer = wait_answer(bot.fake, "DOUT", ts)
    assert SECRET not in str(answer.args)
    assert bot.workspace.asked[-1][1] == [B]

    ts = bot.dm("DANA", ANA, "what about the secret onboarding checklist?")
    assert SECRET in quoted(wait_answer(bot.fake, "DANA", ts).args["blocks"])


def test_membership_is_cached_between_questions(bot: BotHarness) -> None:
    _setup(bot)
    for text in ("billing?", "onboarding?"):
        ts = bot.dm("DBEN", BEN, text)
        wait_answer(bot.fake, "DBEN", ts)
    asked_about = [c.args["channel"] for c in bot.fake.calls_to("conversations.members")]
    assert sorted(asked_about) == [A, B]


def test_linking_a_channel_to_a_study_needs_membership_of_its_channels(bot: BotHarness) -> None:
    _setup(bot)
    bot.command(f"link {A}", channel=B, user=OUTSIDER)
    refusal = bot.fake.wait_for("chat.postEphemeral", lambda c: c.args["user"] == OUTSIDER)[0]
    assert f"no study called '{A}' that you can see" in refusal.args["text"]
    assert bot.workspace.channel_links()[B] == B

    bot.fake.set_members(B, [ANA])
    bot.command(f"link {A}", channel=B, user=ANA)
    bot.fake.wait_for("chat.postMessage", lambda c: "linked this channel" in c.args["text"])
    assert bot.workspace.channel_links()[B] == A
