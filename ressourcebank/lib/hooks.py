"""A hook: how a lower app hears from, or asks, the apps above it without importing them.

The higher app registers a function in its AppConfig.ready(); the lower app calls every registered
function where its own action or page needs them. Registering the same function twice is harmless.
"""

from collections.abc import Callable, Iterator
from typing import Any


class Hook[F: Callable[..., Any]]:
    def __init__(self, doc: str) -> None:
        self.__doc__ = doc
        self._functions: list[F] = []

    def register(self, function: F) -> F:
        if function not in self._functions:
            self._functions.append(function)
        return function

    def __iter__(self) -> Iterator[F]:
        return iter(list(self._functions))
