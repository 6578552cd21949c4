"""Every use case a ``Workspace`` part declares for mypy is provided by ``Workspace`` itself.

The parts (``identity_cases``, ``map_cases``, ...) declare what they rely on with stubs
that raise ``NotImplementedError``; the order of the bases decides which definition wins,
so a method moved from ``Workspace`` into one part can be shadowed by another part's stub.
"""

from __future__ import annotations

import inspect

from journeybot.service.workspace import Workspace


def _is_stub(member: object) -> bool:
    function = member.fget if isinstance(member, property) else member
    if not callable(function):
        return False
    try:
        source = inspect.getsource(function)  # type: ignore[arg-type]
    except (OSError, TypeError):
        return False
    body = [line.strip() for line in source.splitlines() if line.strip()]
    return body[-1] == "raise NotImplementedError" and len(body) <= 8


def test_no_workspace_method_resolves_to_a_declared_stub() -> None:
    stubs = [name for name in dir(Workspace) if _is_stub(inspect.getattr_static(Workspace, name))]
    assert stubs == []


def test_the_check_sees_a_stub_when_there_is_one() -> None:
    class Part:
        def needed(self) -> int:
            raise NotImplementedError

    assert _is_stub(inspect.getattr_static(Part, "needed"))
