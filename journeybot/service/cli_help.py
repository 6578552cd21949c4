"""Help pages and usage lines that read like a command line's, not like Python types.

Typer prints parameter types (``<bool>``, ``<list[Path]>``, ``{question}``). Here every
command made by ``JourneybotTyper.command`` (so every command of ``journeybot``, however
it is declared) prints the classic form instead:

    Usage: journeybot ask [OPTIONS] QUESTION
    -s, --study STUDY  The study to work in.  [required]
    --json             Print one JSON document on stdout.

Arguments are named by their metavar (or their name in capitals), ``...`` when they
repeat, ``[NAME]`` when optional; options with a value show its metavar, flags show none;
defaults are shown as the value they take (``LIVE_DEFAULTS`` works out ones that depend
on the environment, such as the data folder, when the help is printed).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import typer
from typer.core import TyperCommand, TyperGroup

F = TypeVar("F", bound=Callable[..., Any])

#: Option name -> a function giving its default as the user will get it, computed only
#: when help is printed (e.g. the data folder, which depends on the environment).
LIVE_DEFAULTS: dict[str, Callable[[], str]] = {}
_NO_LIMIT = 1000


class JourneybotCommand(TyperCommand):
    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if _is_argument(param):
                name = argument_metavar(param)
                pieces.append(name if param.required else f"[{name}]")
        return pieces

    def format_options(self, ctx: Any, formatter: Any) -> None:
        write_params(self.get_params(ctx), ctx, formatter)


class JourneybotGroup(TyperGroup):
    def format_options(self, ctx: Any, formatter: Any) -> None:
        write_params(self.get_params(ctx), ctx, formatter)
        self.format_commands(ctx, formatter)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """Each command with its whole one-line summary (wrapped, never cut with "...")."""
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(limit=_NO_LIMIT)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


class JourneybotTyper(typer.Typer):
    """A Typer app whose commands use ``JourneybotCommand`` unless told otherwise."""

    def command(
        self, name: str | None = None, *, cls: type[TyperCommand] | None = None, **kwargs: Any
    ) -> Callable[[F], F]:
        decorator: Callable[[F], F] = super().command(name, cls=cls or JourneybotCommand, **kwargs)
        return decorator


def write_params(params: list[Any], ctx: Any, formatter: Any) -> None:
    arguments = [_argument_row(p) for p in params if _is_argument(p) and not p.hidden]
    options = [_option_row(p, ctx) for p in params if not _is_argument(p) and not p.hidden]
    if arguments:
        with formatter.section("Arguments"):
            formatter.write_dl(arguments)
    if options:
        with formatter.section("Options"):
            formatter.write_dl(options)


def argument_metavar(param: Any) -> str:
    name = str(param.metavar or param.name.upper())
    if param.nargs != 1 and not name.endswith("..."):
        name += "..."
    return name


def option_metavar(param: Any) -> str:
    return str(param.metavar or param.name.upper().replace("_", "-"))


def _is_argument(param: Any) -> bool:
    return bool(param.param_type_name == "argument")


def _is_flag(param: Any) -> bool:
    return bool(getattr(param, "is_flag", False) or getattr(param, "count", False))


def _argument_row(param: Any) -> tuple[str, str]:
    return argument_metavar(param), param.help or ""


def _option_row(param: Any, ctx: Any) -> tuple[str, str]:
    names = ", ".join(sorted(param.opts, key=lambda opt: (opt.startswith("--"), opt)))
    if param.secondary_opts:
        names += " / " + ", ".join(param.secondary_opts)
    if not _is_flag(param):
        names += f" {option_metavar(param)}"
    extras = []
    default = describe_default(param, ctx)
    if default:
        extras.append(f"default: {default}")
    if param.required:
        extras.append("required")
    text = param.help or ""
    if extras:
        text = f"{text}  [{'; '.join(extras)}]".strip()
    return names, text


def describe_default(param: Any, ctx: Any) -> str:
    """The default as a value the user would type or get; ``""`` when there is none."""
    live = LIVE_DEFAULTS.get(param.name)
    if live is not None:
        return live()
    shown = getattr(param, "show_default", True)
    if isinstance(shown, str):
        return shown
    if shown is False or ctx.resilient_parsing:
        return ""
    value = param.default
    if value is None or callable(value) or (_is_flag(param) and not param.secondary_opts):
        return ""
    if isinstance(value, list | tuple):
        return ", ".join(str(item) for item in value)
    if isinstance(value, bool):
        return (param.opts if value else param.secondary_opts)[0]
    return str(value)
