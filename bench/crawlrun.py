"""One timed crawl of every site, in one process, as ``crawlall`` runs them.

Run by ``python -m bench`` in a fresh subprocess per measurement::

    python -m bench.crawlrun --mode pipeline --fixtures DIR --db FILE [--max-list-pages N]
    python -m bench.crawlrun --mode ceiling  --fixtures DIR [--max-list-pages N]

``pipeline`` runs the project's own spiders (full pipeline: reading,
cleaning, facts, SQLite, run recorder); ``ceiling`` runs the no-op
:class:`bench.ceiling.CeilingSpider` over the same pages. Both use the
project settings with ``OFFLINE=1`` and the given fixture folder, so the
concurrency settings are the same. The last line of stdout is a JSON object:
wall and CPU seconds of the crawl (reactor start to stop, imports excluded;
CPU counts every thread, the mirror server's too), pages
downloaded, items stored, peak RSS and a few stats per site.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler, CrawlerProcess
from scrapy.utils.project import get_project_settings

from crawler.sites import SITES

RESULT_PREFIX = "BENCH_RESULT "
KEPT_STATS = (
    "downloader/response_count", "elapsed_time_seconds", "list/pages", "articles/pages",
    "articles/known_skipped", "reports/new", "reports/updated", "reports/unchanged",
    "reports/failed", "errors/requests", "finish_reason", "memusage/max",
)


def peak_rss_mb() -> float:
    """This process's peak resident set size, in MiB (Linux reports KiB)."""
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024


def listen_overflows() -> int | None:
    """The kernel's count of connections dropped because a listen queue was full (Linux).

    System-wide, so it counts other programs too; a rise during a crawl means
    the mirror server could not accept fast enough (its listen backlog was
    socketserver's default of 5 until it was raised to 128), and each dropped
    connection waits for a SYN retry (1 s): the crawl then measures the
    server's stalls, not Scrapy or the pipeline.
    """
    try:
        lines = open("/proc/net/netstat", encoding="ascii").read().splitlines()
    except OSError:
        return None
    for names, values in zip(lines[::2], lines[1::2], strict=False):
        if names.startswith("TcpExt:"):
            table = dict(zip(names.split()[1:], values.split()[1:], strict=False))
            return int(table.get("ListenOverflows", 0))
    return None


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Command-line options."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mode", choices=("pipeline", "ceiling"), required=True)
    ap.add_argument("--fixtures", required=True, help="the fixture folder to serve (OFFLINE_FIXTURES_DIR)")
    ap.add_argument("--db", help="REPORTS_DB (pipeline mode)")
    ap.add_argument("--site", action="append", choices=sorted(SITES), help="only these sites")
    ap.add_argument("--max-list-pages", type=int, default=100000)
    ap.add_argument("-s", "--set", action="append", default=[], metavar="NAME=VALUE",
                    help="a Scrapy setting, as with scrapy crawl -s")
    ap.add_argument("--profile", help="write a cProfile of the crawl to this file")
    return ap.parse_args(argv)


def run(args: argparse.Namespace) -> dict[str, Any]:
    """Run the crawl described by `args`; return its measurements."""
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "crawler.settings")
    settings = get_project_settings()
    settings.set("OFFLINE", True, priority="cmdline")
    settings.set("OFFLINE_FIXTURES_DIR", args.fixtures, priority="cmdline")
    settings.set("LOG_LEVEL", "WARNING", priority="cmdline")
    if args.db:
        settings.set("REPORTS_DB", args.db, priority="cmdline")
    for pair in args.set:
        name, _, value = pair.partition("=")
        settings.set(name, value, priority="cmdline")

    process = CrawlerProcess(settings)
    stats: dict[str, dict[str, Any]] = {}
    crawlers: list[tuple[str, Crawler]] = []
    for site in args.site or list(SITES):
        if args.mode == "pipeline":
            crawler = process.create_crawler(site)
            kwargs: dict[str, Any] = {"max_list_pages": args.max_list_pages}
        else:
            from .ceiling import CeilingSpider

            crawler = process.create_crawler(CeilingSpider)
            kwargs = {"site": site, "max_list_pages": args.max_list_pages}

        crawlers.append((site, crawler))
        process.crawl(crawler, **kwargs)

    def keep(crawler: Crawler, site: str) -> None:
        def on_closed(**_: Any) -> None:
            got = crawler.stats.get_stats()
            stats[site] = {k: got.get(k) for k in KEPT_STATS if k in got}

        crawler.signals.connect(on_closed, signal=signals.spider_closed, weak=False)

    for site, crawler in crawlers:
        keep(crawler, site)

    profiler = None
    if args.profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    overflows = listen_overflows()
    cpu = resource.getrusage(resource.RUSAGE_SELF)
    started = time.perf_counter()
    process.start()
    seconds = time.perf_counter() - started
    cpu_end = resource.getrusage(resource.RUSAGE_SELF)
    cpu_seconds = (cpu_end.ru_utime - cpu.ru_utime) + (cpu_end.ru_stime - cpu.ru_stime)
    if overflows is not None:
        overflows = (listen_overflows() or 0) - overflows
    if profiler:
        profiler.disable()
        profiler.dump_stats(args.profile)

    def total(key: str) -> int:
        return sum(int(s.get(key) or 0) for s in stats.values())

    return {
        "mode": args.mode,
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,
        "pages": total("downloader/response_count"),
        "articles": total("articles/pages"),
        "list_pages": total("list/pages"),
        "new": total("reports/new"),
        "failed": total("reports/failed"),
        "errors": total("errors/requests"),
        "peak_rss_mb": peak_rss_mb(),
        "listen_overflows": overflows,
        "sites": stats,
    }


def main(argv: list[str] | None = None) -> None:
    """Run one crawl and print its measurements as the last line of stdout."""
    result = run(parse_args(argv))
    print(RESULT_PREFIX + json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
