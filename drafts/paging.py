"""One page of a long list: what every list screen shows and links between."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Generic, TypeVar

T = TypeVar("T")


def clamp(page: int, total: int, per_page: int) -> int:
    """The page to show: at least 1, at most the last page."""
    return min(max(1, page), max(1, math.ceil(total / per_page)))


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    total: int
    page: int
    per_page: int
    # True when counting stopped early: there are more than `total` items.
    more: bool = False
    pages: int = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "pages", max(1, math.ceil(self.total / self.per_page)))

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages or self.more
