"""The offline, deterministic drafting engine: quotes only, no network."""

from journeybot.synthesis.extractive.drafter import ExtractiveDrafter

__all__ = ["ExtractiveDrafter"]
