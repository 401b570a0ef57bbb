"""The site registry: one module per site, registered declaratively.

Adding a site: write ``newsarchive/sites/<id>.py`` with one ``@register`` class.
Every module of this package except ``base`` is a site and is imported on first
use; duplicate ids or domains are rejected at import time.
"""

from __future__ import annotations

import importlib
import pkgutil

from newsarchive.sites.base import Site

__all__ = ["Site", "register", "all_sites", "get_site", "site_for_url"]

_REGISTRY: dict[str, type[Site]] = {}


def register(cls: type[Site]) -> type[Site]:
    """Class decorator adding a site profile to the registry."""
    for attr in ("id", "name", "domains", "start_urls", "article_url"):
        if not getattr(cls, attr, None):
            raise ValueError(f"site {cls.__name__} does not declare {attr}")
    if cls.id in _REGISTRY:
        raise ValueError(f"duplicate site id {cls.id!r}")
    for other in _REGISTRY.values():
        # A domain equal to or below another site's domain would make site_for_url ambiguous.
        shared = sorted(
            d for d in cls.domains for o in other.domains if _within(d, o) or _within(o, d)
        )
        if shared:
            owner = other.id
            raise ValueError(f"site {cls.id!r} claims {shared} already owned by {owner!r}")
    _REGISTRY[cls.id] = cls
    return cls


def _within(domain: str, parent: str) -> bool:
    return domain == parent or domain.endswith("." + parent)


_loaded = False


def _load() -> None:
    # A flag, not "registry empty": importing one site module directly must not
    # stop the others from being registered.
    global _loaded
    if not _loaded:
        _loaded = True
        for info in pkgutil.iter_modules(__path__):
            if info.name != "base":
                importlib.import_module(f"{__name__}.{info.name}")


def all_sites() -> list[type[Site]]:
    """Every registered site, sorted by id."""
    _load()
    return [_REGISTRY[k] for k in sorted(_REGISTRY)]


def get_site(site_id: str) -> type[Site]:
    """The site with this id; KeyError when none is registered."""
    _load()
    return _REGISTRY[site_id]


def site_for_url(url: str) -> type[Site] | None:
    """The site owning the URL's host, or None."""
    _load()
    return next((s for s in _REGISTRY.values() if s.owns(url)), None)
