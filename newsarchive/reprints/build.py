"""From article rows to reprint clusters with their origin (pure: no database)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from newsarchive.reprints.cluster import Overlap, ShingleCache, cluster_texts
from newsarchive.reprints.minhash import Params
from newsarchive.reprints.normalize import story_text
from newsarchive.reprints.origin import Member, choose_origin, named_source, publication_order


@dataclass(frozen=True)
class Story(Member):
    """The fields of an article that reprint detection reads: origin choice's, and the text."""

    headline: str | None = None
    body: str | None = None


@dataclass
class Cluster:
    """One story and its reprints: the origin first, then by publication time."""

    origin_url: str
    named_source: str | None
    members: list[tuple[str, float]] = field(default_factory=list)
    """(canonical_url, containment of the member's text in the origin's, or the reverse)."""

    @property
    def urls(self) -> list[str]:
        return [url for url, _ in self.members]


def registry_site_name(site_id: str) -> str | None:
    """The display name of a registered site (内蒙古新闻网), None for an unknown id."""
    from newsarchive.sites import get_site

    try:
        return get_site(site_id).name
    except KeyError:
        return None


def story_texts(stories: Sequence[Story]) -> dict[str, str]:
    """Canonical URL -> normalised story text."""
    return {s.canonical_url: story_text(s.headline, s.body) for s in stories}


def find_reprints(
    stories: Sequence[Story],
    params: Params | None = None,
    *,
    site_name: Callable[[str], str | None] = registry_site_name,
) -> list[Cluster]:
    """Reprint clusters among ``stories``, ordered by the origin's publication time."""
    params = params or Params()
    texts = story_texts(stories)
    shingles = ShingleCache(texts, params.shingle)
    groups = cluster_texts(texts, params, shingles=shingles)
    members = {s.canonical_url: s for s in stories}
    return assemble(groups, members, shingles.overlap, site_name)


def assemble(
    groups: Iterable[Sequence[str]],
    members: Mapping[str, Member],
    overlap_of: Overlap,
    site_name: Callable[[str], str | None] = registry_site_name,
) -> list[Cluster]:
    """Clusters from groups of canonical URLs: origin, named source, similarity to the origin."""
    clusters = []
    for group in groups:
        found = [members[url] for url in group]
        origin = choose_origin(found, site_name)
        rest = sorted(
            (m for m in found if m is not origin),
            key=lambda m: (publication_order(m.published_at), m.canonical_url),
        )
        scored = [(origin.canonical_url, 1.0)]
        for m in rest:
            _, containment = overlap_of(origin.canonical_url, m.canonical_url)
            scored.append((m.canonical_url, round(containment, 4)))
        clusters.append(Cluster(origin.canonical_url, named_source(found), scored))
    clusters.sort(
        key=lambda c: (publication_order(members[c.origin_url].published_at), c.origin_url)
    )
    return clusters
