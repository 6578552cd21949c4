"""The app manifest asks for exactly the scopes and events the bot's code uses."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]
BOT = REPO / "journeybot" / "bot"

#: Scopes each Web API method needs for the conversation types the bot works in
#: (public and private channels, DMs), from Slack's method reference.
METHOD_SCOPES: dict[str, set[str]] = {
    "auth.test": set(),
    "chat.postMessage": {"chat:write"},
    "chat.postEphemeral": {"chat:write"},
    "chat.update": {"chat:write"},
    "chat.getPermalink": set(),
    "conversations.members": {"channels:read", "groups:read", "im:read"},
    "conversations.replies": {"channels:history", "groups:history", "im:history"},
    "conversations.info": {"channels:read", "groups:read", "im:read"},
    "users.info": {"users:read"},
    "conversations.history": {"channels:history", "groups:history", "im:history"},
    "files.info": {"files:read"},
    "files.upload_v2": {"files:write"},
    "files.getUploadURLExternal": {"files:write"},
    "reactions.add": {"reactions:write"},
    "views.publish": set(),
}
#: Event subscriptions and the scope each needs.
EVENT_SCOPES: dict[str, set[str]] = {
    "app_mention": {"app_mentions:read"},
    "app_home_opened": set(),
    "file_shared": {"files:read"},
    "message.channels": {"channels:history"},
    "message.groups": {"groups:history"},
    "message.im": {"im:history"},
}
#: A ``message`` listener serves channels, private channels (diary) and DMs (questions).
MESSAGE_SUBSCRIPTIONS = {"message.channels", "message.groups", "message.im"}


def _bot_sources() -> list[ast.Module]:
    return [ast.parse(path.read_text()) for path in sorted(BOT.rglob("*.py"))]


def _api_methods() -> set[str]:
    pattern = re.compile(r"^(auth|chat|conversations|files|reactions|users|views)_(\w+)$")
    found = set()
    for tree in _bot_sources():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                match = pattern.match(node.func.attr)
                if match:
                    found.add(f"{match.group(1)}.{match.group(2)}")
    return found


def _events() -> set[str]:
    events: set[str] = set()
    for tree in _bot_sources():
        for node in ast.walk(tree):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "event"
                and node.args
            ):
                continue
            spec = ast.literal_eval(node.args[0])
            name = spec["type"] if isinstance(spec, dict) else spec
            events |= MESSAGE_SUBSCRIPTIONS if name == "message" else {name}
    return events


def _manifest() -> dict:
    return yaml.safe_load((REPO / "manifest.yml").read_text())


def test_scopes_are_exactly_what_the_code_calls_for() -> None:
    methods = _api_methods()
    unknown = methods - METHOD_SCOPES.keys()
    assert not unknown, f"add these methods' scopes to METHOD_SCOPES: {unknown}"
    needed = {"commands", "files:read"}  # the slash command; private file downloads
    for method in methods:
        needed |= METHOD_SCOPES[method]
    for event in _events():
        needed |= EVENT_SCOPES[event]
    assert set(_manifest()["oauth_config"]["scopes"]["bot"]) == needed


def test_events_are_exactly_those_listened_for() -> None:
    subscribed = set(_manifest()["settings"]["event_subscriptions"]["bot_events"])
    assert subscribed == _events()


def test_command_home_and_interactivity_match_the_code() -> None:
    manifest = _manifest()
    commands = [c["command"] for c in manifest["features"]["slash_commands"]]
    source = (BOT / "listeners" / "commands.py").read_text()
    assert commands == re.findall(r'COMMAND = "(/\w+)"', source)
    assert manifest["features"]["app_home"]["home_tab_enabled"] is True
    assert manifest["features"]["app_home"]["messages_tab_enabled"] is True  # DM questions
    assert manifest["settings"]["interactivity"]["is_enabled"] is True  # Home's button
    assert isinstance(manifest["settings"]["socket_mode_enabled"], bool)
