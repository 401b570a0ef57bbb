"""Where a crawl may go: its site's hosts, over http(s), and nowhere else.

A hostile or careless page can link or redirect anywhere: another site, a
service on the crawling machine (``http://127.0.0.1:6379/``), the cloud
metadata service (``http://169.254.169.254/``, Alibaba Cloud's
``100.100.100.200``), a local file (``file:///etc/passwd``) or inline data
(``data:text/html,...``). ``ScopeMiddleware`` checks every request, redirects
included, before anything (robots.txt included) is fetched for it.

A host is in scope when the site's profile owns it (``domains``) or allows it
(``allow_hosts``); an explicit allowance is the only way to reach a loopback,
link-local or metadata address. (Names that resolve to such addresses are not
checked here: that would need DNS resolution before every request.)
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest

from newsarchive.sites.base import Site

SCHEMES = ("http", "https")
# Cloud instance metadata services, reachable from a crawling VM without credentials.
METADATA_HOSTS = frozenset(
    {
        "169.254.169.254",  # AWS, GCP, Azure, OpenStack, ...
        "100.100.100.200",  # Alibaba Cloud
        "fd00:ec2::254",  # AWS over IPv6
        "metadata.google.internal",
        "metadata",
    }
)


class OutOfScope(IgnoreRequest):
    """A request the site's scope refuses; its message says why."""


def special_address(host: str) -> str | None:
    """What makes a host dangerous to fetch from, or None for an ordinary host."""
    if host in METADATA_HOSTS:
        return "a cloud metadata address"
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return "the local host" if host == "localhost" or host.endswith(".localhost") else None
    if ip.is_loopback:
        return "a loopback address"
    if ip.is_link_local:
        return "a link-local address"
    if ip.is_unspecified or ip.is_multicast:
        return "not a host address"
    return None


def refusal(url: str, sites: Iterable[type[Site]]) -> str | None:
    """Why ``url`` must not be fetched for any of ``sites``, or None when one may fetch it."""
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
    except ValueError:  # an unparsable netloc (bad IPv6 literal, bad port)
        return f"unparsable URL {url[:200]!r}"
    if parts.scheme.lower() not in SCHEMES:
        return f"scheme {parts.scheme or '(none)'}: is never fetched"
    if not host:
        return "no host in the URL"
    sites = list(sites)
    if any(site.may_fetch(url) for site in sites):
        return None
    special = special_address(host)
    names = ", ".join(site.id for site in sites) or "this crawl"
    if special:
        return f"host {host} is {special}, not allowed by {names}"
    return f"host {host} is outside {names}"


class ScopeMiddleware:
    """Refuse (``OutOfScope``) every request, redirects included, outside the site's scope.

    The site is the request's own (``cb_kwargs["site"]``, as the news spider
    sets it), else any of the spider's sites (robots.txt requests). A spider
    without sites is not scoped. Place it before the robots.txt middleware
    (100), so that an out-of-scope host does not even get a robots.txt request.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ScopeMiddleware:
        return cls(crawler)

    def process_request(self, request: Request) -> None:
        site = request.cb_kwargs.get("site")
        if site is not None:
            sites: list[type[Site]] = [site]
        else:
            spider = self.crawler.spider
            sites = list(getattr(spider, "sites", None) or [])
            if not sites:
                return
        why = refusal(request.url, sites)
        if why is None:
            return
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value("newsarchive/scope_refused")
        raise OutOfScope(f"out of scope: {why}")
