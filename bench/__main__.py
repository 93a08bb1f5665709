"""``python -m bench``: the benchmarks of the crawl, measured in one run, printed as one table.

1. Builds a synthetic fixture mirror (``bench/synth.py``) of N articles from
   the real article pages of the four sites, with their real list markup and
   pagination, in a temporary folder.
2. Crawls it with a no-op Scrapy spider (``bench/ceiling.py``: same pages,
   same link rules, no work) for the ceiling, then with the project's own
   spiders and full pipeline into a new database, then once more unchanged
   (incremental: known articles are skipped). Each crawl is a fresh
   subprocess running the four sites in one process, as ``crawlall`` does,
   with the project's settings and ``OFFLINE=1`` (``bench/crawlrun.py``).
3. Times reading + cleaning + facts per page against trafilatura and gne on
   a sample of the same pages, in this process (``bench/extract.py``).
4. Writes many reports through ``Store.save_report`` in a fresh subprocess
   and measures its peak RSS and the database size (``bench/storage.py``).

``--quick`` does the same at a small size (under two minutes on two cores);
the last line printed is always the pipeline-to-ceiling ratio.

Each crawl row also gives the kernel's listen-queue overflows during the
crawl: anything but 0 means the mirror server dropped connections (each
waits a 1 s SYN retry) and the figures measure the server, not the crawl.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .crawlrun import RESULT_PREFIX
from .synth import SHAPES, SiteBuild, build_mirror

ROOT = Path(__file__).resolve().parent.parent

TARGET_RATIO = 0.5
TARGET_RERUN = 0.05
TARGET_RSS_MB = 300.0
TARGET_STORED = 0.99


@dataclass
class Row:
    """One line of the table."""

    measure: str
    value: str
    target: str = ""
    result: str = ""


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Command-line options."""
    ap = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true",
                    help="small sizes (400 articles, 10,000 reports, 100 sample pages)")
    ap.add_argument("--articles", type=int, help="synthetic articles to crawl (default 10,000)")
    ap.add_argument("--reports", type=int, help="reports to store (default 100,000)")
    ap.add_argument("--sample", type=int, help="pages for the extractor comparison (default 1,000)")
    ap.add_argument("--repeat", type=int, default=2,
                    help="crawl with each spider this many times, alternating; keep the best "
                         "(default 2)")
    ap.add_argument("--workdir", type=Path, help="where to build (default: a temporary folder)")
    ap.add_argument("--keep", action="store_true", help="keep the mirror and databases")
    ap.add_argument("-s", "--set", action="append", default=[], metavar="NAME=VALUE",
                    help="a Scrapy setting for every crawl (e.g. CONCURRENT_REQUESTS=32)")
    args = ap.parse_args(argv)
    args.articles = args.articles or (400 if args.quick else 10000)
    args.reports = args.reports or (10000 if args.quick else 100000)
    args.sample = args.sample or (100 if args.quick else 1000)
    return args


def say(message: str) -> None:
    """Progress, on stderr (the table goes to stdout)."""
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def child(module: str, *args: str, timeout: float = 3600) -> dict[str, Any]:
    """Run ``python -m <module> <args>`` from the project root; return its result line."""
    cmd = [sys.executable, "-m", module, *args]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p)}
    started = time.perf_counter()
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)
    wall = time.perf_counter() - started
    lines = [ln for ln in done.stdout.splitlines() if ln.startswith(RESULT_PREFIX)]
    if done.returncode != 0 or not lines:
        raise RuntimeError(f"{' '.join(cmd)} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    result = json.loads(lines[-1][len(RESULT_PREFIX):])
    result["process_seconds"] = wall
    return result


def crawl(mode: str, fixtures: Path, db: Path | None, args: argparse.Namespace) -> dict[str, Any]:
    """One crawl of every site in a subprocess (see bench/crawlrun.py)."""
    cmd = ["--mode", mode, "--fixtures", str(fixtures)]
    for site in SHAPES:  # the sites the synthetic mirror holds, not every configured one
        cmd += ["--site", site]
    if db:
        cmd += ["--db", str(db)]
    for pair in args.set:
        cmd += ["-s", pair]
    return child("bench.crawlrun", *cmd)


def stored_count(db: Path, builds: dict[str, SiteBuild]) -> int:
    """How many of the synthetic articles' URLs have a row in `reports`."""
    urls = {url for build in builds.values() for url in build.urls()}
    con = sqlite3.connect(db)
    try:
        stored = {row[0] for row in con.execute("select url from reports")}
    finally:
        con.close()
    return len(urls & stored)


def pps(run: dict[str, Any]) -> float:
    """Pages per second of a crawl (responses over the crawl's wall time)."""
    return run["pages"] / run["seconds"] if run["seconds"] else 0.0


def cpu_ms(run: dict[str, Any]) -> float:
    """CPU milliseconds per page of a crawl (all threads of the crawl process)."""
    return run.get("cpu_seconds", 0.0) / run["pages"] * 1000 if run["pages"] else 0.0


def crawl_value(best: dict[str, Any], runs: list[dict[str, Any]]) -> str:
    """A crawl's figure for the table: the best run, and every run's pages/s."""
    every = ", ".join(f"{pps(r):.0f}" for r in runs)
    overflows = [r["listen_overflows"] for r in runs if r.get("listen_overflows") is not None]
    return (f"{pps(best):.0f} pages/s ({best['pages']} pages in {best['seconds']:.1f} s; "
            f"{cpu_ms(best):.1f} CPU ms/page; best of {len(runs)}: {every}"
            + (f"; {sum(overflows)} listen-queue overflows" if overflows else "") + ")")


def verdict(ok: bool) -> str:
    """pass / FAIL."""
    return "pass" if ok else "FAIL"


def settings_line(args: argparse.Namespace) -> str:
    """The concurrency the crawls ran with (project settings plus -s overrides)."""
    from scrapy.utils.project import get_project_settings

    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "crawler.settings")
    settings = get_project_settings()
    for pair in args.set:
        name, _, value = pair.partition("=")
        settings.set(name, value, priority="cmdline")
    return (f"CONCURRENT_REQUESTS={settings.getint('CONCURRENT_REQUESTS')}, "
            f"per domain {settings.getint('CONCURRENT_REQUESTS_PER_DOMAIN')}, "
            f"CONCURRENT_ITEMS={settings.getint('CONCURRENT_ITEMS')}")


def render(rows: list[Row], header: list[str]) -> str:
    """The table as text."""
    widths = [max(len(getattr(r, f)) for r in rows + [Row("measure", "value", "target", "result")])
              for f in ("measure", "value", "target")]
    out = [*header, ""]
    line = f"{'measure':<{widths[0]}}  {'value':<{widths[1]}}  {'target':<{widths[2]}}  result"
    out += [line, "-" * len(line)]
    for r in rows:
        out.append(f"{r.measure:<{widths[0]}}  {r.value:<{widths[1]}}  {r.target:<{widths[2]}}  "
                   f"{r.result}".rstrip())
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    """Run every benchmark; print the table; return 0 (targets are reported, not enforced)."""
    args = parse_args(argv)
    work = args.workdir or Path(tempfile.mkdtemp(prefix="bench-"))
    work.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    args.load_before = os.getloadavg()[0]
    try:
        rows, header, ratio = run_all(args, work)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    header.append(f"total benchmark time {time.perf_counter() - started:.0f} s"
                  + (f"; kept in {work}" if args.keep else ""))
    print(render(rows, header))
    print(f"pipeline-to-ceiling ratio: {ratio:.2f} ({ratio:.1%} of the no-op spider's pages/s; "
          f"target ≥ {TARGET_RATIO:.0%}: {verdict(ratio >= TARGET_RATIO)})")
    return 0


def run_all(args: argparse.Namespace, work: Path) -> tuple[list[Row], list[str], float]:
    """Every measurement; the table's rows, its header lines and the pipeline-to-ceiling ratio."""
    from . import extract

    mirror = work / "mirror"
    say(f"building a synthetic mirror of {args.articles} articles in {mirror}")
    t0 = time.perf_counter()
    builds = build_mirror(mirror, args.articles)
    build_seconds = time.perf_counter() - t0
    list_pages = sum(b.list_pages for b in builds.values())
    templates = sum(b.templates for b in builds.values())

    ceilings, firsts = [], []
    for turn in range(1, args.repeat + 1):
        say(f"crawl {turn}/{args.repeat}: no-op spider (ceiling)")
        ceilings.append(crawl("ceiling", mirror, None, args))
        db = work / f"reports-{turn}.db"
        say(f"crawl {turn}/{args.repeat}: full pipeline, first run into a new database")
        firsts.append(crawl("pipeline", mirror, db, args))
    say("crawl: full pipeline, unchanged re-run (the last database)")
    rerun = crawl("pipeline", mirror, db, args)
    last_first = firsts[-1]
    stored = stored_count(db, builds)
    ceiling = max(ceilings, key=pps)
    first = max(firsts, key=pps)

    say(f"extractors on {args.sample} pages")
    pages = extract.sample_pages(builds, mirror, args.sample)
    timings, stages = extract.compare(pages)

    say(f"storage: {args.reports} reports through Store.save_report")
    store_dir = work / "store"
    store_dir.mkdir()
    storage = child("bench.storage", "--reports", str(args.reports),
                    "--db", str(store_dir / "reports.db"))

    ratio = pps(first) / pps(ceiling) if pps(ceiling) else 0.0
    cpu_ratio = cpu_ms(ceiling) / cpu_ms(first) if cpu_ms(first) else 0.0
    rerun_frac = rerun["seconds"] / last_first["seconds"] if last_first["seconds"] else 0.0
    rows = [
        Row("offline crawl, full pipeline", crawl_value(first, firsts)),
        Row("no-op Scrapy spider, same server (ceiling)", crawl_value(ceiling, ceilings)),
        Row("pipeline / ceiling",
            f"{ratio:.1%} (by CPU time per page: {cpu_ratio:.1%})",
            f"≥ {TARGET_RATIO:.0%}", verdict(ratio >= TARGET_RATIO)),
        Row("synthetic articles stored by the crawl",
            f"{stored} of {args.articles} ({last_first['failed']} failed pages, "
            f"{last_first['errors']} request errors; the last first run)",
            f"≥ {TARGET_STORED:.0%}", verdict(stored >= TARGET_STORED * args.articles)),
        Row("unchanged re-run / first run (crawl time)",
            f"{rerun_frac:.1%} ({rerun['seconds']:.2f} s / {last_first['seconds']:.1f} s; "
            f"{rerun['pages']} pages, {rerun['new']} new)",
            f"< {TARGET_RERUN:.0%}", verdict(rerun_frac < TARGET_RERUN)),
        Row("  same, whole processes (with Python start-up)",
            f"{rerun['process_seconds'] / last_first['process_seconds']:.1%} "
            f"({rerun['process_seconds']:.1f} s / {last_first['process_seconds']:.1f} s)"),
    ]
    ours = timings[0]
    for timing in timings:
        if timing.ms_per_page is None:
            rows.append(Row(timing.name, f"n/a: {timing.error}", "", "n/a"))
            continue
        value = f"{timing.ms_per_page:.2f} ms/page, {1000 / timing.ms_per_page:.0f} pages/s"
        if timing is ours:
            value += (f" (read {stages['read']:.2f} + clean {stages['clean']:.2f} + facts "
                      f"{stages['facts']:.2f} ms)")
        else:
            value += (f" ({timing.ms_per_page / ours.ms_per_page:.1f}× ours; our first paragraph "
                      f"in its text on {timing.found}/{timing.pages})")
        rows.append(Row(timing.name, value, "", "info"))
    rows += [
        Row(f"store {storage['reports']:,} reports: peak RSS",
            f"{storage['peak_rss_mb']:.0f} MB ({storage['rss_before_writes_mb']:.0f} MB before "
            "the first write)",
            f"< {TARGET_RSS_MB:.0f} MB", verdict(storage["peak_rss_mb"] < TARGET_RSS_MB)),
        Row(f"store {storage['reports']:,} reports: database size",
            f"{storage['db_bytes'] / 2**20:.0f} MB ({storage['db_bytes'] / storage['reports']:.0f} "
            f"B/report; {storage['rows']} rows)"),
        Row(f"store {storage['reports']:,} reports: write rate",
            f"{storage['per_second']:.0f} reports/s ({storage['seconds']:.0f} s)"),
        Row("crawl processes: peak RSS",
            f"pipeline {first['peak_rss_mb']:.0f} MB, ceiling {ceiling['peak_rss_mb']:.0f} MB"),
    ]
    import scrapy

    load = os.getloadavg()
    header = [
        f"python -m bench{' --quick' if args.quick else ''}: {args.articles} synthetic articles "
        f"({templates} fixture templates, {list_pages} list pages, 4 sites; built in "
        f"{build_seconds:.1f} s), {args.sample} sample pages, {args.reports:,} stored reports",
        f"{settings_line(args)}; {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"Scrapy {scrapy.__version__}; load average {args.load_before:.1f} before, "
        f"{load[0]:.1f} after (other work on the machine makes wall-clock figures noisy)",
    ]
    return rows, header, ratio


if __name__ == "__main__":
    sys.exit(main())
