"""Procedures built on the review engine that decide somewhere else than on the application's page.

The engine runs every «submit → examine → decide» procedure; most are decided on the application's page (the
council's recommendation, then the order). A procedure owned by another app — the data bank decides on the practice's
own page — registers its call purpose once, from that app's `AppConfig.ready()`, with `register_procedure`. The
engine asks `procedure_for(call)` and never imports the app that registered it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ImproperlyConfigured

from .enums import CallPurpose

if TYPE_CHECKING:
    from .models import Application


@dataclass(frozen=True)
class Decision:
    """Where the decision after the expertise is taken, when not on the application's page, and who else takes it."""

    title: str
    text: str
    url: str
    roles: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Procedure:
    purpose: str
    # the application's Decision once its experts are done, or None to fall back to the application's page
    decided_at: Callable[[Application], Decision | None]


class ProcedureRegistry:
    """One procedure per call purpose, registered once; a registry of its own serves the tests."""

    def __init__(self) -> None:
        self._by_purpose: dict[str, Procedure] = {}

    def register(self, purpose: str, *, decided_at: Callable[[Application], Decision | None]) -> Procedure:
        purpose = str(purpose)  # a CallPurpose member or its value
        if purpose not in CallPurpose.values:
            raise ImproperlyConfigured(f"Unknown call purpose {purpose!r}: expected one of {CallPurpose.values}.")
        if not callable(decided_at):
            raise ImproperlyConfigured(f"decided_at of the {purpose!r} procedure must be callable.")
        if purpose in self._by_purpose:
            raise ImproperlyConfigured(
                f"A procedure for {purpose!r} is already registered ({self._by_purpose[purpose].decided_at!r})."
            )
        procedure = Procedure(purpose=purpose, decided_at=decided_at)
        self._by_purpose[purpose] = procedure
        return procedure

    def for_purpose(self, purpose: str) -> Procedure | None:
        return self._by_purpose.get(str(purpose))


_registry = ProcedureRegistry()


def register_procedure(purpose: str, *, decided_at: Callable[[Application], Decision | None]) -> Procedure:
    """Declare that calls of `purpose` are decided where `decided_at(application)` says. Refuses an unknown purpose,
    a second registration of the same purpose and anything but a callable."""
    return _registry.register(purpose, decided_at=decided_at)


def procedure_for(call) -> Procedure | None:
    """The registered procedure of the call's purpose; None when the application's page is where it is decided."""
    return _registry.for_purpose(call.purpose)
