"""The configuration file, ``newsgraph.toml``.

Looked for in the working folder and its parents (the project), then in the user's config
folder (``platformdirs.user_config_dir("newsgraph")``); the first found is used::

    store = "bolt://neo4j:secret@localhost:7687"   # or a folder for the embedded store
    database = "news"
    catalog = ["my-entities.yaml"]                  # relative to this file

    [defaults]                                      # option defaults for every command
    format = "json"
    limit = 50

    [defaults.affects]                              # ... or for one command
    half-life = 30

A value given on the command line wins over the environment (``NEWSGRAPH_STORE``, ...),
which wins over this file, which wins over the built-in default.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsgraph.errors import NewsgraphError

__all__ = ["CONFIG_NAME", "Config", "ConfigError", "find_config", "load_config"]

CONFIG_NAME = "newsgraph.toml"
_KEYS = {"store", "database", "catalog", "defaults"}


class ConfigError(NewsgraphError):
    """The configuration file cannot be read or holds an unknown key."""


@dataclass
class Config:
    path: Path | None = None
    store: str | None = None
    database: str | None = None
    catalog: list[Path] = field(default_factory=list)
    #: option defaults for all commands (``"*"``) and per command, keyed by option name
    defaults: dict[str, dict[str, Any]] = field(default_factory=dict)


def _user_config_dir() -> Path:
    from platformdirs import user_config_dir

    return Path(user_config_dir("newsgraph"))


def find_config(start: Path | None = None) -> Path | None:
    """``NEWSGRAPH_CONFIG`` if set; else the first ``newsgraph.toml`` in ``start`` (the working
    folder) or a parent of it; else the one in the user config folder; else ``None``."""
    explicit = os.environ.get("NEWSGRAPH_CONFIG")
    if explicit:
        return Path(explicit)
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
    candidate = _user_config_dir() / CONFIG_NAME
    return candidate if candidate.is_file() else None


def load_config(path: Path | None = None) -> Config:
    """Read ``path`` (default: :func:`find_config`); an absent file is an empty config."""
    path = path or find_config()
    if path is None:
        return Config()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the configuration: {exc}") from None
    unknown = sorted(set(data) - _KEYS)
    if unknown:
        raise ConfigError(f"{path}: unknown key {unknown[0]!r}; known: {', '.join(sorted(_KEYS))}")
    catalog = data.get("catalog", [])
    if isinstance(catalog, str):
        catalog = [catalog]
    if not isinstance(catalog, list) or not all(isinstance(c, str) for c in catalog):
        raise ConfigError(f"{path}: 'catalog' must be a file name or a list of them")
    for key in ("store", "database"):
        if key in data and not isinstance(data[key], str):
            raise ConfigError(f"{path}: {key!r} must be a string")
    defaults: dict[str, dict[str, Any]] = {"*": {}}
    for key, value in (data.get("defaults") or {}).items():
        if isinstance(value, dict):
            defaults[key] = dict(value)
        else:
            defaults["*"][key] = value
    store = data.get("store")
    if store and "://" not in store and not Path(store).expanduser().is_absolute():
        store = str(path.parent / store)  # a folder named in the file is relative to the file
    return Config(
        path=path,
        store=store,
        database=data.get("database"),
        catalog=[(path.parent / c).expanduser() for c in catalog],
        defaults=defaults,
    )
