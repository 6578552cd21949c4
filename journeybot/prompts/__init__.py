"""Prompt templates for the LLM engine, rendered with their versions.

Each template under ``templates/`` opens with a version comment such as
``{# version: map-extract@1 #}``. The version travels with every rendered prompt and is
recorded in each draft's coverage, so a reviewer can tell which wording produced it.
Change a template's words, bump its version.
"""

from journeybot.prompts.renderer import PromptRenderer, RenderedPrompt, default_renderer, render

__all__ = ["PromptRenderer", "RenderedPrompt", "default_renderer", "render"]
