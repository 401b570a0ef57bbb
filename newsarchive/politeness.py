"""Politeness by default: an honest User-Agent and a stricter robots.txt.

``PolitenessAddon`` (enabled in ``settings.ADDONS``) builds the User-Agent from
``NEWSARCHIVE_CONTACT_URL`` unless ``USER_AGENT`` is set explicitly, and swaps
Scrapy's robots.txt middleware for ``StrictRobotsTxtMiddleware``.

Scrapy reads a robots.txt that answers 5xx as "allow everything" (it parses
the error page). A server failing on robots.txt is a server in trouble, and
its rules are unknown: like the major search engines, we then fetch nothing
from that host for the rest of the crawl. The same holds for 429 (the server
asks us to back off) and for a robots.txt that cannot be fetched at all.
"""

from __future__ import annotations

import logging

from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request, Response
from scrapy.settings import Settings
from scrapy.settings.default_settings import USER_AGENT as SCRAPY_USER_AGENT

from newsarchive import __version__

logger = logging.getLogger(__name__)


def user_agent(contact_url: str | None) -> str:
    """``newsarchive/VERSION (+CONTACT)``: who crawls, and where to reach them."""
    contact = (contact_url or "").strip()
    return f"newsarchive/{__version__} (+{contact})" if contact else f"newsarchive/{__version__}"


class DisallowAll:
    """The rules of a host whose robots.txt could not be read: fetch nothing."""

    def allowed(self, url: str | bytes, user_agent: str | bytes) -> bool:
        return False

    def sitemaps(self) -> list[str]:
        return []


def robots_unreadable(status: int) -> bool:
    """True when a robots.txt answer with this status means "fetch nothing"."""
    return status >= 500 or status == 429


class StrictRobotsTxtMiddleware(RobotsTxtMiddleware):
    """Scrapy's robots.txt middleware, but 5xx, 429 or no answer at all block the host."""

    async def _parse_robots(self, response: Response, netloc: str, request: Request) -> None:
        if not robots_unreadable(response.status):
            await super()._parse_robots(response, netloc, request)
            return
        self._stats.inc_value("robotstxt/response_count")
        self._stats.inc_value(f"robotstxt/response_status_count/{response.status}")
        self._block(netloc, f"its robots.txt answered HTTP {response.status}")

    def _robots_error(self, exc: Exception, netloc: str) -> None:
        if isinstance(exc, IgnoreRequest):  # dropped on purpose by us: Scrapy's behaviour
            super()._robots_error(exc, netloc)
            return
        self._stats.inc_value(f"robotstxt/exception_count/{type(exc)}")
        self._block(netloc, f"its robots.txt could not be fetched ({exc})")

    def _block(self, netloc: str, why: str) -> None:
        logger.warning("not fetching anything from %s: %s", netloc, why)
        self._stats.inc_value("newsarchive/robots_blocked_hosts")
        waiting = self._parsers[netloc]
        self._parsers[netloc] = DisallowAll()  # type: ignore[assignment]
        waiting.callback(self._parsers[netloc])  # type: ignore[union-attr]


class PolitenessAddon:
    """Scrapy add-on applying newsarchive's politeness rules to any crawl."""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> PolitenessAddon:
        return cls()

    def update_settings(self, settings: Settings) -> None:
        # A USER_AGENT set by the project or on the command line wins; Scrapy's
        # own default ("Scrapy/x.y") never does.
        if settings.get("USER_AGENT") in (None, "", SCRAPY_USER_AGENT):
            settings.set("USER_AGENT", user_agent(settings.get("NEWSARCHIVE_CONTACT_URL")), "addon")
        if settings.getbool("ROBOTSTXT_OBEY"):
            settings.replace_in_component_priority_dict(
                "DOWNLOADER_MIDDLEWARES_BASE", RobotsTxtMiddleware, StrictRobotsTxtMiddleware
            )
