"""The curated catalog: known entities, their aliases in both languages, and the sector tree.

The catalog ships as YAML files in ``newsgraph/graph/data/catalog/``; users add their own
files (``--catalog FILE`` or ``NEWSGRAPH_CATALOG``, ``os.pathsep``-separated) without
editing the package. A file is a list of entries::

    - id: company:openai          # the label comes from the prefix
      name: OpenAI
      aliases: [开放人工智能]       # case-insensitive, any script
      tickers: []                  # matched case-sensitively, also as $TICKER
      sectors: [sector:ai-labs]    # IN_SECTOR for entities, SUBSECTOR_OF for sectors

Everything is validated when loaded; an invalid file raises :class:`CatalogError` naming
the file, the entry and the field.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from functools import cache
from importlib import resources
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from newsgraph.errors import CatalogError
from newsgraph.graph.model import ENTITY_LABELS, Label, normalise_name

__all__ = ["Catalog", "CatalogEntry", "default_catalog", "load_catalog"]

_PREFIXES = {label.value.lower(): label for label in ENTITY_LABELS}


class CatalogEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)  # queries unpickle entries, never validate

    id: str = Field(pattern=r"^[a-z]+:[^\s:]+$")
    name: str = Field(min_length=1)
    aliases: list[str] = Field(default_factory=list)
    tickers: list[str] = Field(default_factory=list)
    sectors: list[str] = Field(default_factory=list)
    description: str = ""

    @field_validator("id")
    @classmethod
    def _known_prefix(cls, value: str) -> str:
        prefix = value.split(":", 1)[0]
        if prefix not in _PREFIXES:
            raise ValueError(f"id prefix {prefix!r} is not one of {sorted(_PREFIXES)}")
        return value

    @field_validator("aliases", "tickers")
    @classmethod
    def _no_blank(cls, values: list[str]) -> list[str]:
        if any(not v.strip() for v in values):
            raise ValueError("blank alias")
        return values

    @property
    def label(self) -> Label:
        return _PREFIXES[self.id.split(":", 1)[0]]

    @property
    def surface_forms(self) -> list[str]:
        """Name and aliases, deduplicated, in order (tickers are matched apart)."""
        seen: dict[str, str] = {}
        for form in [self.name, *self.aliases]:
            seen.setdefault(normalise_name(form), form)
        return list(seen.values())


class Catalog:
    """Validated catalog entries with lookups by id and by normalised surface form."""

    def __init__(self, entries: Iterable[CatalogEntry]) -> None:
        self.entries: dict[str, CatalogEntry] = {}
        for entry in entries:
            if entry.id in self.entries:
                # A later file (the user's) overrides the packaged entry with the same id.
                pass
            self.entries[entry.id] = entry
        self._by_form: dict[str, list[str]] = {}
        self._by_ticker: dict[str, list[str]] = {}
        for entry in self.entries.values():
            for form in entry.surface_forms:
                ids = self._by_form.setdefault(normalise_name(form), [])
                if entry.id not in ids:
                    ids.append(entry.id)
            for ticker in entry.tickers:
                self._by_ticker.setdefault(ticker, []).append(entry.id)
        self._check_references()

    def _check_references(self) -> None:
        for entry in self.entries.values():
            for ref in entry.sectors:
                target = self.entries.get(ref)
                if target is None or target.label is not Label.SECTOR:
                    raise CatalogError(f"catalog entry {entry.id}: field 'sectors': {ref!r} is not a known sector")
        for sector in self.sectors():
            seen, stack = set(), list(sector.sectors)
            while stack:
                parent = stack.pop()
                if parent == sector.id:
                    raise CatalogError(f"catalog entry {sector.id}: field 'sectors': the sector tree has a cycle")
                if parent not in seen:
                    seen.add(parent)
                    stack.extend(self.entries[parent].sectors)

    def __len__(self) -> int:
        return len(self.entries)

    def __contains__(self, entity_id: str) -> bool:
        return entity_id in self.entries

    def get(self, entity_id: str) -> CatalogEntry | None:
        return self.entries.get(entity_id)

    def lookup(self, surface: str) -> list[CatalogEntry]:
        """Entries whose name or alias folds to the same form as ``surface``."""
        return [self.entries[i] for i in self._by_form.get(normalise_name(surface), [])]

    def lookup_ticker(self, ticker: str) -> list[CatalogEntry]:
        return [self.entries[i] for i in self._by_ticker.get(ticker.lstrip("$"), [])]

    def sectors(self) -> list[CatalogEntry]:
        return [e for e in self.entries.values() if e.label is Label.SECTOR]

    def subsectors(self, sector_id: str) -> list[str]:
        """The sector and every sector below it, in breadth-first order."""
        children: dict[str, list[str]] = {}
        for sector in self.sectors():
            for parent in sector.sectors:
                children.setdefault(parent, []).append(sector.id)
        out, queue = [], [sector_id]
        while queue:
            current = queue.pop(0)
            if current not in out:
                out.append(current)
                queue.extend(sorted(children.get(current, [])))
        return out


def _read_file(path: Path | str, text: str) -> list[CatalogEntry]:
    import yaml  # here: queries read the catalog from the CLI's cache and never parse YAML

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml is ~6x faster when present
    try:
        raw = yaml.load(text, Loader=loader)  # a safe loader, C or pure Python
    except yaml.YAMLError as exc:
        raise CatalogError(f"{path}: not valid YAML: {exc}") from None
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise CatalogError(f"{path}: a catalog file is a YAML list of entries")
    entries = []
    for index, record in enumerate(raw, start=1):
        try:
            entries.append(CatalogEntry.model_validate(record))
        except ValidationError as exc:
            err = exc.errors()[0]
            field = ".".join(str(p) for p in err["loc"]) or "entry"
            ident = record.get("id", "?") if isinstance(record, dict) else "?"
            raise CatalogError(f"{path}: entry {index} ({ident}): field {field!r}: {err['msg']}") from None
    return entries


def _packaged_entries() -> list[CatalogEntry]:
    folder = resources.files("newsgraph.graph") / "data" / "catalog"
    entries: list[CatalogEntry] = []
    for resource in sorted(folder.iterdir(), key=lambda r: r.name):
        if resource.name.endswith((".yaml", ".yml")):
            entries.extend(_read_file(f"catalog/{resource.name}", resource.read_text(encoding="utf-8")))
    return entries


def load_catalog(extra: Iterable[Path | str] = ()) -> Catalog:
    """The packaged catalog plus the user's files (later entries override same ids)."""
    entries = _packaged_entries()
    for path in extra:
        path = Path(path)
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise CatalogError(f"{path}: cannot read catalog file: {exc.strerror}") from None
        entries.extend(_read_file(path, text))
    return Catalog(entries)


@cache
def default_catalog() -> Catalog:
    """The packaged catalog plus files named in ``NEWSGRAPH_CATALOG``; loaded once."""
    extra = [p for p in os.environ.get("NEWSGRAPH_CATALOG", "").split(os.pathsep) if p]
    return load_catalog(extra)
