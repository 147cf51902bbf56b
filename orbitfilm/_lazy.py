"""Public names imported on first use (PEP 562), so importing a front module stays cheap."""

from __future__ import annotations

from importlib import import_module


def lazy_names(module_name: str, homes: dict[str, str], namespace: dict):
    """Return ``__getattr__`` and ``__dir__`` for a module whose names live in ``homes``."""
    exported = sorted(namespace.get("__all__", homes))

    def __getattr__(name: str):
        if name not in homes:
            raise AttributeError(f"module {module_name!r} has no attribute {name!r}")
        value = getattr(import_module(homes[name]), name)
        namespace[name] = value
        return value

    def __dir__():
        return exported

    return __getattr__, __dir__
