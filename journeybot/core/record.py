"""The base of the domain types: a pydantic model whose validator is built on first use.

Building a model's validator is most of what importing ``core.models`` costs (about 30
classes), and the listing commands touch three of them. With ``defer_build`` a class
costs almost nothing until it is first validated, so ``journeybot sources`` pays only for
the types it reads (``benchmarks/cli_speed.py``). Behaviour is unchanged: the validator
is the same, only built later.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Record(BaseModel):
    """A domain type: validated like any pydantic model, built when first used."""

    model_config = ConfigDict(defer_build=True)
