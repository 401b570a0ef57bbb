"""Log lines about items without dumping raw page bytes into the log."""

from __future__ import annotations

from typing import Any

from scrapy import Spider
from scrapy.http import Response
from scrapy.logformatter import LogFormatter, LogFormatterResult
from twisted.python.failure import Failure


class QuietLogFormatter(LogFormatter):
    """A dropped item is logged by its reason alone (the reason names the URL)."""

    def dropped(
        self,
        item: Any,
        exception: BaseException,
        response: Response | Failure | None,
        spider: Spider,
    ) -> LogFormatterResult:
        result = super().dropped(item, exception, response, spider)
        result["msg"] = "Dropped: %(exception)s"
        result["args"] = {"exception": exception}
        return result

    def scraped(self, item: Any, response: Response | Failure | None, spider: Spider) -> Any:
        result = super().scraped(item, response, spider)
        url = item.get("canonical_url") if isinstance(item, dict) else getattr(item, "url", "")
        result["msg"] = "Scraped %(url)s"
        result["args"] = {"url": url}
        return result
