"""What the apps put on a staff member's workbench (工作台). The kernel does not import the apps above it:
each app registers a function in its ready() that returns its block for a user, or None when it has nothing
for them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any


@dataclass(frozen=True)
class Line:
    text: str  # e.g. "已超期：2 件"
    url: str
    warning: str = ""  # shown as a red tag beside the line


@dataclass(frozen=True)
class Block:
    title: str
    lines: list[Line] = field(default_factory=list)


Provider = Callable[[Any, date], Block | None]
PROVIDERS: list[Provider] = []


def register(provider: Provider) -> None:
    if provider not in PROVIDERS:
        PROVIDERS.append(provider)


def blocks_for(user: Any, today: date) -> list[Block]:
    return [block for provider in PROVIDERS if (block := provider(user, today)) is not None]
