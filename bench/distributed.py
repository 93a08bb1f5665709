"""Distributed mode throughput: one crawler process against two, and the writer.

    python -m bench.distributed [--articles 2000] [--site scgov]

Builds a synthetic mirror of one site (bench.synth), starts a real
redis-server on 127.0.0.1, and measures in the same run:
- pages/s of one crawler process, then of two crawler processes sharing the
  frontier, each against the same offline mirror (with a writer running);
- the writer's items/s, applying a stream of reports to a fresh SQLite file.
Needs `redis-server` on PATH.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from crawler.distributed import Keys, connect
from crawler.store import Store
from crawler.writer import Writer

from .synth import build_site

ROOT = Path(__file__).resolve().parent.parent


def start_redis(folder: Path, port: int) -> subprocess.Popen:
    """A throwaway redis-server."""
    binary = shutil.which("redis-server")
    if not binary:
        sys.exit("bench.distributed needs redis-server on PATH (apt-get install redis-server)")
    proc = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                             "--appendonly", "no", "--dir", str(folder)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    client = connect(f"redis://127.0.0.1:{port}/0")
    for _ in range(100):
        try:
            client.ping()
            return proc
        except Exception:
            time.sleep(0.05)
    raise RuntimeError("redis-server did not start")


def crawl(site: str, fixtures: Path, redis_url: str, db: Path, crawlers: int) -> tuple[float, int]:
    """Run `crawlers` processes and a writer; return the crawl's seconds and pages."""
    writer = subprocess.Popen([sys.executable, "-m", "crawler.writer", "--db", str(db),
                               "--redis-url", redis_url, "--until-idle", "2",
                               "--loglevel", "WARNING"], cwd=ROOT)
    started = time.perf_counter()
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "scrapy", "crawl", site, "-a", "max_list_pages=100000",
             "-s", "OFFLINE=1", "-s", f"OFFLINE_FIXTURES_DIR={fixtures}",
             "-s", f"REDIS_URL={redis_url}", "-s", "REDIS_RUN_GRACE=1", "-s", "LOG_LEVEL=WARNING"],
            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        for _ in range(crawlers)
    ]
    for proc in procs:
        proc.wait()
    seconds = time.perf_counter() - started
    writer.wait()
    con = sqlite3.connect(db)
    pages = con.execute("select pages from runs order by id desc limit 1").fetchone()[0]
    con.close()
    return seconds, pages


def writer_rate(site: str, fixtures: Path, redis_url: str, folder: Path) -> tuple[int, float]:
    """Fill the stream with one crawl (no writer running), then time the writer applying it."""
    client = connect(redis_url)
    client.flushall()
    subprocess.run(
        [sys.executable, "-m", "scrapy", "crawl", site, "-a", "max_list_pages=100000",
         "-s", "OFFLINE=1", "-s", f"OFFLINE_FIXTURES_DIR={fixtures}",
         "-s", f"REDIS_URL={redis_url}", "-s", "REDIS_RUN_GRACE=0", "-s", "LOG_LEVEL=WARNING"],
        cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    keys = Keys()
    messages = client.xlen(keys.stream)
    store = Store(folder / "writer.db")
    writer = Writer(store, client, keys)
    started = time.perf_counter()
    while writer.step(block_ms=50, count=500):
        pass
    seconds = time.perf_counter() - started
    store.close()
    return messages, seconds


def main(argv: list[str] | None = None) -> None:
    """Print the table."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--site", default="scgov")
    ap.add_argument("--port", type=int, default=6391)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-distributed-") as tmp:
        folder = Path(tmp)
        build_site(args.site, args.articles, folder / "fixtures")
        redis_proc = start_redis(folder, args.port)
        redis_url = f"redis://127.0.0.1:{args.port}/0"
        try:
            rows = []
            for crawlers in (1, 2):
                connect(redis_url).flushall()
                seconds, pages = crawl(args.site, folder / "fixtures", redis_url,
                                       folder / f"c{crawlers}.db", crawlers)
                rows.append((crawlers, pages, seconds))
            messages, writer_seconds = writer_rate(args.site, folder / "fixtures", redis_url,
                                                   folder)
        finally:
            redis_proc.terminate()
            redis_proc.wait()
    print(f"distributed mode, {args.articles} synthetic {args.site} articles")
    print(f"{'crawlers':>9} {'pages':>7} {'seconds':>8} {'pages/s':>8}")
    for crawlers, pages, seconds in rows:
        print(f"{crawlers:>9} {pages:>7} {seconds:>8.1f} {pages / seconds:>8.1f}")
    one, two = (pages / seconds for _, pages, seconds in rows)
    print(f"two crawlers / one crawler: {two / one:.2f}x")
    print(f"writer: {messages} messages in {writer_seconds:.2f} s = "
          f"{messages / writer_seconds:.0f} items/s")


if __name__ == "__main__":
    main()
