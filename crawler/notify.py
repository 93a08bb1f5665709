"""Notifications: one summary message per run, through apprise.

Sent after a run that stored new reports or failed a check (or after every
run with NOTIFY_ALWAYS). The destinations are apprise URLs from the
NOTIFY_URLS setting or the REPORTS_NOTIFY_URLS environment variable (space or
comma separated; none by default). They are never logged or stored.
"""

from __future__ import annotations

import logging
import os
import re
from typing import TYPE_CHECKING, Any

import apprise

from .checks import failed_checks
from .extensions import run_finished

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)
MAX_LISTED = 20
ENV_VAR = "REPORTS_NOTIFY_URLS"


def notify_urls(setting: Any) -> list[str]:
    """The configured destinations: the setting, else the environment variable."""
    value = setting or os.environ.get(ENV_VAR, "")
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value if str(v).strip()]
    return [v for v in re.split(r"[\s,]+", str(value)) if v]


def compose(run: dict[str, Any], new_reports: list[dict[str, Any]]) -> tuple[str, str]:
    """The message's title and body: failed checks first, then the new reports."""
    failed = failed_checks(run["checks"])
    parts = [f"{run['new_reports']} new"] + (["checks failed: " + ", ".join(failed)] if failed
                                             else [])
    title = f"{run['spider']}: " + "; ".join(parts)
    lines = [f"Run {run['id']} of {run['spider']}: {run['new_reports']} new, "
             f"{run['updated_reports']} updated, {run['pages']} pages, {run['errors']} errors."]
    for name in failed:
        lines.append(f"FAILED {name}: {run['checks'][name]['detail']}")
    if new_reports:
        lines.append("")
        lines.append("New reports:")
    for report in new_reports[:MAX_LISTED]:
        facts = " ".join(x for x in (report.get("meeting_date"), report.get("region")) if x)
        mark = "[meeting] " if report.get("is_meeting") else ""
        lines.append(f"- {mark}{report.get('title') or '(no title)'} {facts}".rstrip())
        lines.append(f"  {report['url']}")
    if len(new_reports) > MAX_LISTED:
        lines.append(f"… and {len(new_reports) - MAX_LISTED} more")
    return title, "\n".join(lines)


class Notifier:
    """Sends one apprise message after a run with news or failed checks."""

    def __init__(self, urls: list[str], always: bool) -> None:
        # apprise names the destinations in its own log lines (at DEBUG too):
        # quiet it before it sees them.
        logging.getLogger("apprise").setLevel(logging.CRITICAL)
        self.apprise = apprise.Apprise()
        for url in urls:
            self.apprise.add(url)
        self.count = len(self.apprise)
        self.always = always

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Notifier:
        """Enabled only when destinations are configured."""
        urls = notify_urls(crawler.settings.get("NOTIFY_URLS"))
        ext = cls(urls, crawler.settings.getbool("NOTIFY_ALWAYS"))
        if not urls:
            return ext  # nothing configured: a quiet no-op
        if ext.count == 0:
            logger.error("None of the %d notification URLs is valid; notifications are off",
                         len(urls))
            return ext
        crawler.signals.connect(ext.run_finished, signal=run_finished)
        return ext

    def should_send(self, run: dict[str, Any]) -> bool:
        """News or failures, or always when asked."""
        return self.always or run["new_reports"] > 0 or bool(failed_checks(run["checks"]))

    def run_finished(self, run: dict[str, Any], new_reports: list[dict[str, Any]]) -> None:
        """Send the run's summary, if there is something to say."""
        if not self.should_send(run):
            logger.info("Nothing new and no failed check: no notification")
            return
        title, body = compose(run, new_reports)
        ok = self.apprise.notify(title=title, body=body)
        if ok:
            logger.info("Notification sent to %d destinations", self.count)
        else:
            logger.warning("Notification failed for at least one of %d destinations", self.count)
