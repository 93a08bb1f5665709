"""Distributed mode: several crawler processes share one frontier in Redis, one writer stores.

Switched on by the REDIS_URL setting alone (:class:`DistributedAddon`):

- scrapy-redis holds each spider's request queue and duplicate filter in
  Redis, so any number of `scrapy crawl <site>` processes, on any machines,
  share the work;
- the crawlers clean pages and extract facts as usual, then send each report
  (and each failed page and "seen" mark) to a Redis stream instead of
  writing SQLite; `crawler-writer` (crawler.writer) is the one process that
  owns the SQLite store, and acknowledges a message only after committing it;
- the crawlers of one spider form one *run*: the first to start opens it, each
  leaves its stats in Redis when it closes, and the last to close puts a
  `run_end` message on the stream, from which the writer records one `runs`
  row with the merged stats, the counts and the checks.

Redis keys (prefix REDIS_PREFIX, default `meetings`): `<p>:stream` (the
stream), `<p>:known` (url -> date of every stored report, kept by the writer,
read by crawlers for incremental crawling), `<p>:run:<spider>` (the open run's
token), `<p>:run:<spider>:crawlers` and `:idle` (its crawlers),
`<p>:runstats:<token>` (their stats), `<p>:<spider>:requests` and
`:dupefilter` (scrapy-redis).
"""

from __future__ import annotations

import json
import logging
import os
import socket
import time
import uuid
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit, urlunsplit

import redis
from scrapy import signals
from scrapy.exceptions import DontCloseSpider, NotConfigured

from .runs import RunContext

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler
    from scrapy.settings import Settings

logger = logging.getLogger(__name__)

DEFAULT_PREFIX = "meetings"
GROUP = "writer"

# Join the spider's open run (or open one); return its token.
_JOIN = """
local token = redis.call('GET', KEYS[1])
if not token then
  token = ARGV[1]
  redis.call('SET', KEYS[1], token)
  redis.call('SET', KEYS[3], redis.call('TIME')[1])
end
redis.call('SADD', KEYS[2], ARGV[2])
return token
"""

# Leave the run; the last crawler to leave ends it (atomically) and clears the
# run's frontier, so the next run starts afresh.
_LEAVE = """
redis.call('SREM', KEYS[2], ARGV[1])
redis.call('SREM', KEYS[3], ARGV[1])
if redis.call('SCARD', KEYS[2]) == 0 then
  redis.call('DEL', KEYS[1], KEYS[3], KEYS[4], KEYS[5], KEYS[7])
  redis.call('XADD', KEYS[6], '*', 'type', 'run_end', 'spider', ARGV[2], 'token', ARGV[3],
             'reason', ARGV[4])
  return 1
end
return 0
"""


# End a run whose crawlers were lost (killed with -9, machine gone): forget
# them and tell the writer, as the last crawler would have.
_END = """
local token = redis.call('GET', KEYS[1])
if not token then return false end
redis.call('DEL', KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[7])
redis.call('XADD', KEYS[6], '*', 'type', 'run_end', 'spider', ARGV[1], 'token', token,
           'reason', ARGV[2])
return token
"""


def end_run(client: redis.Redis, keys: Keys, spider: str, reason: str = "crawlers_lost"
            ) -> str | None:
    """End the spider's open run for crawlers that can no longer leave it; return its token."""
    return client.eval(_END, 7, keys.run(spider), keys.crawlers(spider), keys.idle(spider),
                       keys.requests(spider), keys.dupefilter(spider), keys.stream,
                       keys.started(spider), spider, reason)


class Keys:
    """The Redis key names of one deployment (REDIS_PREFIX)."""

    def __init__(self, prefix: str = DEFAULT_PREFIX) -> None:
        self.prefix = prefix
        self.stream = f"{prefix}:stream"
        self.known = f"{prefix}:known"

    def run(self, spider: str) -> str:
        return f"{self.prefix}:run:{spider}"

    def crawlers(self, spider: str) -> str:
        return f"{self.prefix}:run:{spider}:crawlers"

    def idle(self, spider: str) -> str:
        return f"{self.prefix}:run:{spider}:idle"

    def started(self, spider: str) -> str:
        return f"{self.prefix}:run:{spider}:started"

    def runstats(self, token: str) -> str:
        return f"{self.prefix}:runstats:{token}"

    def requests(self, spider: str) -> str:
        return f"{self.prefix}:{spider}:requests"

    def dupefilter(self, spider: str) -> str:
        return f"{self.prefix}:{spider}:dupefilter"


def safe_url(url: str) -> str:
    """A Redis URL without its password, for the log."""
    parts = urlsplit(url)
    if parts.password:
        host = parts.hostname or ""
        netloc = f"{parts.username or ''}:***@{host}" + (f":{parts.port}" if parts.port else "")
        return urlunsplit(parts._replace(netloc=netloc))
    return url


def connect(url: str) -> redis.Redis:
    """A client for REDIS_URL (answers decoded to str)."""
    return redis.Redis.from_url(url, decode_responses=True)


class RedisSink:
    """What crawlers write in distributed mode: messages on the stream for the writer."""

    def __init__(self, client: redis.Redis, keys: Keys, spider: str) -> None:
        self.client = client
        self.keys = keys
        self.spider = spider
        self.token: str | None = None

    def _send(self, kind: str, **fields: Any) -> None:
        payload = {k: json.dumps(v, ensure_ascii=False, default=str) for k, v in fields.items()}
        self.client.xadd(self.keys.stream, {"type": kind, "spider": self.spider,
                                            "token": self.token or "", **payload})

    def save_report(self, report: dict[str, Any], run_id: Any) -> str:
        """Queue a cleaned report for the writer."""
        self._send("report", report=report)
        return "queued"

    def record_failure(self, url: str, site: str | None, kind: str, reason: str,
                       run_id: Any) -> None:
        """Queue a failed page for the writer."""
        self._send("failure", url=url, site=site, kind=kind, reason=reason)

    def mark_seen(self, urls: list[str], run_id: Any) -> None:
        """Queue the 'seen in a list' marks of known reports."""
        if urls:
            self._send("seen", urls=urls)

    def known(self, urls: list[str]) -> dict[str, dict[str, Any]]:
        """The stored reports and failed pages among `urls`, from the writer's Redis index."""
        if not urls:
            return {}
        values = self.client.hmget(self.keys.known, urls)
        return {url: {"published_at": value or None, "first_seen_at": None}
                for url, value in zip(urls, values, strict=True) if value is not None}

    def close(self) -> None:
        """Nothing to close: the client is shared."""


class RedisRunContext(RunContext):
    """A crawler's run in distributed mode: joins the spider's shared run in Redis."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.redis_url = crawler.settings.get("REDIS_URL")
        self.keys = Keys(crawler.settings.get("REDIS_PREFIX") or DEFAULT_PREFIX)
        self.client = connect(self.redis_url)
        self.crawler_id = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self._sink: RedisSink | None = None

    @property
    def store(self) -> RedisSink:  # type: ignore[override]
        """The stream the writer reads."""
        if self._sink is None:
            name = self.crawler.spider.name if self.crawler.spider else "?"
            self._sink = RedisSink(self.client, self.keys, name)
        return self._sink

    @property
    def target(self) -> str:
        """Where the run's reports go, for the log."""
        return f"{safe_url(self.redis_url)} (stream {self.keys.stream})"

    def start(self, spider_name: str) -> str:  # type: ignore[override]
        """Join (or open) the spider's run; return its token."""
        if self.run_id is None:
            try:
                token = self.client.eval(
                    _JOIN, 3, self.keys.run(spider_name), self.keys.crawlers(spider_name),
                    self.keys.started(spider_name), uuid.uuid4().hex, self.crawler_id,
                )
            except redis.RedisError as exc:
                from .store import StoreError

                raise StoreError(f"cannot reach Redis at {safe_url(self.redis_url)}: {exc}"
                                 ) from exc
            self.run_id = token
            self.store.token = token
            self.crawler.stats.set_value("run/token", token)
            self.crawler.stats.set_value("run/crawler", self.crawler_id)
        return self.run_id

    def finish(self, spider_name: str, reason: str, stats: dict[str, Any]) -> None:
        """Leave this crawler's stats for the writer; the last crawler ends the run."""
        keys = self.keys
        self.client.hset(keys.runstats(self.run_id), self.crawler_id,
                         json.dumps(stats, ensure_ascii=False, default=str))
        last = self.client.eval(
            _LEAVE, 7, keys.run(spider_name), keys.crawlers(spider_name), keys.idle(spider_name),
            keys.requests(spider_name), keys.dupefilter(spider_name), keys.stream,
            keys.started(spider_name), self.crawler_id, spider_name, self.run_id, reason,
        )
        logger.info("Crawler %s leaves run %s of %s%s", self.crawler_id, self.run_id, spider_name,
                    " (last: the writer records the run)" if last else "")
        return None

    def close(self) -> None:
        """Nothing to close locally."""


class DistributedIdle:
    """Keeps a crawler open while the other crawlers of its run may still add requests.

    A run stays open for REDIS_RUN_GRACE seconds after its first crawler
    started, so that crawlers started together (by cron on several machines)
    join one run even when the first one could finish the work alone.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.grace = crawler.settings.getfloat("REDIS_RUN_GRACE")

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DistributedIdle:
        """Enabled in distributed mode only."""
        if not crawler.settings.get("REDIS_URL"):
            raise NotConfigured
        ext = cls(crawler)
        crawler.signals.connect(ext.spider_idle, signal=signals.spider_idle)
        crawler.signals.connect(ext.busy, signal=signals.request_reached_downloader)
        return ext

    @property
    def context(self) -> RedisRunContext:
        from .runs import run_context

        return run_context(self.crawler)  # type: ignore[return-value]

    def busy(self, request: Any, spider: Spider) -> None:
        """This crawler is working again."""
        ctx = self.context
        ctx.client.srem(ctx.keys.idle(spider.name), ctx.crawler_id)

    def spider_idle(self, spider: Spider) -> None:
        """Close only when the shared queue is empty and every crawler of the run is idle."""
        ctx = self.context
        keys = ctx.keys
        ctx.client.sadd(keys.idle(spider.name), ctx.crawler_id)
        pending = _queue_length(ctx.client, keys, spider.name)
        working = ctx.client.sdiff(keys.crawlers(spider.name), keys.idle(spider.name))
        started = float(ctx.client.get(keys.started(spider.name)) or 0)
        young = time.time() - started < self.grace
        if pending or working or young:
            raise DontCloseSpider


def _queue_length(client: redis.Redis, keys: Keys, spider: str) -> int:
    """Requests waiting in the spider's shared queue (scrapy-redis keeps a sorted set)."""
    key = keys.requests(spider)
    kind = client.type(key)
    if kind == "zset":
        return client.zcard(key)
    if kind == "list":
        return client.llen(key)
    return 0


class DistributedAddon:
    """Turns distributed mode on when the REDIS_URL setting is set."""

    def update_settings(self, settings: Settings) -> None:
        """Use scrapy-redis's scheduler and duplicate filter, with the project's key names."""
        if not settings.get("REDIS_URL"):
            return
        prefix = settings.get("REDIS_PREFIX") or DEFAULT_PREFIX
        for name, value in (
            ("SCHEDULER", "scrapy_redis.scheduler.Scheduler"),
            ("DUPEFILTER_CLASS", "scrapy_redis.dupefilter.RFPDupeFilter"),
            # The run's last crawler clears the queue and filter (see _LEAVE), not each one.
            ("SCHEDULER_PERSIST", True),
            ("SCHEDULER_QUEUE_KEY", f"{prefix}:%(spider)s:requests"),
            ("SCHEDULER_DUPEFILTER_KEY", f"{prefix}:%(spider)s:dupefilter"),
        ):
            settings.set(name, value, priority="spider")
