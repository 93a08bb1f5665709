"""Log lines for dropped items: the URL and the reason, not the whole item."""

from __future__ import annotations

from typing import Any

from scrapy.logformatter import LogFormatter, LogFormatterResult


class ReportLogFormatter(LogFormatter):
    """Scrapy's formatter, with a one-line message for a rejected page."""

    def dropped(self, item: Any, exception: BaseException, response: Any, spider: Any = None
                ) -> LogFormatterResult:
        """`Dropped: Rejected <url>: <reason>` at WARNING, without the item's repr."""
        result = super().dropped(item, exception, response, spider)
        result["msg"] = "Dropped: %(exception)s"
        result["args"] = {"exception": exception}
        return result
