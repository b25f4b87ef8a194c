"""The exception tree. Library code raises these; only the CLI turns them into exit codes."""

from __future__ import annotations

__all__ = [
    "AmbiguousNameError",
    "CatalogError",
    "InputError",
    "NewsgraphError",
    "QueryError",
    "StoreBusyError",
    "StoreError",
    "UnknownNameError",
    "WriteRefusedError",
]


class NewsgraphError(Exception):
    """Base of every error newsgraph raises on purpose."""


class InputError(NewsgraphError):
    """A source file or record cannot be read. Names the file and the place in it."""

    def __init__(self, source: str, reason: str, location: str = "") -> None:
        self.source, self.reason, self.location = source, reason, location
        where = f"{source}:{location}" if location else source
        super().__init__(f"{where}: {reason}")


class CatalogError(NewsgraphError):
    """The catalog file is invalid."""


class StoreError(NewsgraphError):
    """The store cannot be opened or a query failed."""


class StoreBusyError(StoreError):
    """Another process holds the embedded store for writing."""


class QueryError(StoreError):
    """A Cypher query was rejected (syntax, unknown label, ...)."""


class WriteRefusedError(QueryError):
    """A write was attempted through a read-only query."""


class UnknownNameError(NewsgraphError):
    """A name (entity, label, relationship type, format) is not known; lists the choices."""

    def __init__(self, kind: str, name: str, choices: list[str] | None = None) -> None:
        self.kind, self.name, self.choices = kind, name, list(choices or [])
        msg = f"unknown {kind} {name!r}"
        if self.choices:
            shown = ", ".join(self.choices[:12]) + (" ..." if len(self.choices) > 12 else "")
            msg += f"; known: {shown}"
        super().__init__(msg)


class AmbiguousNameError(NewsgraphError):
    """A name matches several entities; lists the candidates instead of guessing."""

    def __init__(self, name: str, candidates: list[str]) -> None:
        self.name, self.candidates = name, candidates
        super().__init__(f"{name!r} is ambiguous; candidates: {', '.join(candidates)}")
