"""A small renderer over jinja2: strict variables, package-data templates, versions.

``StrictUndefined`` makes a missing variable an error instead of an empty string, so a
prompt can never silently lose the evidence it was meant to carry. The environment is
built on first use (no I/O at import) and templates are read through the package
loader, so they work from a wheel as well as from a checkout.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import cache
from typing import Any

import jinja2

from journeybot.core.errors import ConfigError

TEMPLATE_SUFFIX = ".j2"
_VERSION_LINE = re.compile(r"\A\{#-?\s*version:\s*(?P<version>[\w.\-]+@[\w.\-]+)\s*-?#\}")


@dataclass(frozen=True)
class RenderedPrompt:
    """Prompt text plus which template (and which wording of it) produced it."""

    text: str
    name: str
    version: str


class PromptRenderer:
    """Renders the templates of one package folder; thread-safe, loads lazily.

    ``loader`` replaces the package loader (tests render templates held in memory).
    """

    def __init__(
        self,
        package: str = "journeybot.prompts",
        folder: str = "templates",
        *,
        loader: jinja2.BaseLoader | None = None,
    ) -> None:
        self._package = package
        self._folder = folder
        self._loader = loader
        self._lock = threading.Lock()
        self._env: jinja2.Environment | None = None
        self._versions: dict[str, str] = {}

    def render(self, name: str, /, **variables: Any) -> RenderedPrompt:
        """Render template ``name`` (with or without ``.j2``) with ``variables``."""
        file_name = _file_name(name)
        env = self._environment()
        try:
            template = env.get_template(file_name)
            text = template.render(**variables)
        except jinja2.TemplateNotFound as exc:
            raise ConfigError(
                f"There is no prompt template '{file_name}' in {self._package}; "
                "reinstall journeybot or check the template name."
            ) from exc
        except jinja2.UndefinedError as exc:
            raise ConfigError(
                f"The prompt template '{file_name}' was rendered without a value it needs "
                f"({exc.message}); pass every variable the template uses."
            ) from exc
        version = self.version(name)
        return RenderedPrompt(text=text.strip() + "\n", name=_stem(name), version=version)

    def fragment(self, name: str, macro: str, *args: Any) -> str:
        """Render one macro of a template alone (to price a passage before packing it)."""
        file_name = _file_name(name)
        try:
            module = self._environment().get_template(file_name).module
            rendered = getattr(module, macro)(*args)
        except jinja2.TemplateNotFound as exc:
            raise ConfigError(
                f"There is no prompt template '{file_name}' in {self._package}; "
                "reinstall journeybot or check the template name."
            ) from exc
        except (AttributeError, jinja2.UndefinedError) as exc:
            raise ConfigError(
                f"The prompt template '{file_name}' has no usable macro '{macro}' ({exc}); "
                "check the template."
            ) from exc
        return str(rendered)

    def version(self, name: str) -> str:
        """The version declared on the first line of template ``name``."""
        file_name = _file_name(name)
        with self._lock:
            cached = self._versions.get(file_name)
        if cached is not None:
            return cached
        env = self._environment()
        assert env.loader is not None
        try:
            source, _, _ = env.loader.get_source(env, file_name)
        except jinja2.TemplateNotFound as exc:
            raise ConfigError(
                f"There is no prompt template '{file_name}' in {self._package}; "
                "reinstall journeybot or check the template name."
            ) from exc
        match = _VERSION_LINE.match(source)
        if match is None:
            raise ConfigError(
                f"The prompt template '{file_name}' does not start with a version line "
                "such as '{# version: name@1 #}'; add one."
            )
        version = match.group("version")
        with self._lock:
            self._versions[file_name] = version
        return version

    def names(self) -> list[str]:
        """Every template this renderer can render, without the suffix."""
        env = self._environment()
        return sorted(_stem(n) for n in env.list_templates() if n.endswith(TEMPLATE_SUFFIX))

    def _environment(self) -> jinja2.Environment:
        with self._lock:
            if self._env is None:
                self._env = jinja2.Environment(
                    loader=self._loader or jinja2.PackageLoader(self._package, self._folder),
                    undefined=jinja2.StrictUndefined,
                    autoescape=False,
                    trim_blocks=True,
                    lstrip_blocks=True,
                    keep_trailing_newline=True,
                )
            return self._env


@cache
def default_renderer() -> PromptRenderer:
    """The package's renderer, made on first use and shared (it only caches templates)."""
    return PromptRenderer()


def render(name: str, /, **variables: Any) -> RenderedPrompt:
    return default_renderer().render(name, **variables)


def _file_name(name: str) -> str:
    return name if name.endswith(TEMPLATE_SUFFIX) else name + TEMPLATE_SUFFIX


def _stem(name: str) -> str:
    return name[: -len(TEMPLATE_SUFFIX)] if name.endswith(TEMPLATE_SUFFIX) else name
