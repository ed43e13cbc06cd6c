"""Registry of pipeline components, spaCy style: small functions with one job each,
registered by name and assembled from the configuration (pipeline/config.toml).

A component takes the `Document` and fills in its part of it (sections, metadata,
figures, awards). Components run in the configured order; each may rely on those before it.
"""
from __future__ import annotations

import importlib
from collections.abc import Callable

from .model import Document

Component = Callable[[Document], None]

_REGISTRY: dict[str, Component] = {}

# Modules whose import registers components.
_PROVIDERS = ("pipeline.sections", "extractors")


def component(name: str) -> Callable[[Component], Component]:
    """Register a function as the component `name`."""

    def register(func: Component) -> Component:
        if name in _REGISTRY and _REGISTRY[name] is not func:
            raise ValueError(f"component {name!r} is registered twice")
        _REGISTRY[name] = func
        return func

    return register


def load(modules: tuple[str, ...] = ()) -> None:
    """Import the modules that register components: the built-in ones and a config's plugins."""
    for module in _PROVIDERS + tuple(modules):
        importlib.import_module(module)


def get(name: str) -> Component:
    for module in _PROVIDERS:
        importlib.import_module(module)
    try:
        return _REGISTRY[name]
    except KeyError:
        known = ", ".join(sorted(_REGISTRY))
        raise KeyError(f"no component named {name!r} (known: {known})") from None


def names() -> list[str]:
    for module in _PROVIDERS:
        importlib.import_module(module)
    return sorted(_REGISTRY)
