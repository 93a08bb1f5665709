"""Write many reports through ``Store.save_report``; measure time, peak RSS and database size.

Run by ``python -m bench`` in a fresh subprocess, so that the peak RSS is
this work's own::

    python -m bench.storage --reports 100000 --db /tmp/x/reports.db

The reports are the real fixture pages' reports (read, cleaned and with
their facts, as the pipeline makes them), each written under many new URLs
with its body varied, so every row is distinct. One run row is started, as
a crawl does; each report is its own transaction, as in the pipeline. The
last line of stdout is a JSON object.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

from parsel import Selector

from crawler.article import content_hash
from crawler.layouts import LAYOUTS
from crawler.pipelines import report_from
from crawler.sites import SITES
from crawler.store import Store

from .crawlrun import RESULT_PREFIX, peak_rss_mb
from .synth import SHAPES, load_templates


def base_reports() -> list[dict[str, Any]]:
    """The report of every usable fixture article page, as the pipeline builds it."""
    reports = []
    for site, shape in SHAPES.items():
        scheme = SITES[site].start_urls[0].split(":", 1)[0]
        for template in load_templates(site):
            url = f"{scheme}://{shape.host}/{template.path}"
            raw = LAYOUTS[SITES[site].layout].read_article(Selector(text=template.text), url)
            raw.site = site
            reports.append(report_from(raw))
    return reports


def synthetic(base: dict[str, Any], n: int) -> dict[str, Any]:
    """Report `base` as the n-th synthetic article: its own URL, body and hash."""
    report = dict(base)
    report["url"] = f"{base['url'].rsplit('.', 1)[0]}-bench{n}.html"
    paragraphs = base["body"].split("\n")
    turn = n % len(paragraphs)
    report["body"] = "\n".join(paragraphs[turn:] + paragraphs[:turn]) + f"\n（{n}）"
    hans = base["body_hans"].split("\n")
    report["body_hans"] = "\n".join(hans[turn:] + hans[:turn]) + f"\n（{n}）"
    report["content_hash"] = content_hash(report)
    return report


def db_bytes(path: Path) -> int:
    """Size of the database with its WAL and shared-memory files."""
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*") if p.is_file())


def run(count: int, db: Path) -> dict[str, Any]:
    """Write `count` reports into a new database at `db`; return the measurements."""
    bases = base_reports()
    store = Store(db)
    run_id = store.start_run("bench_storage")
    rss_before = peak_rss_mb()
    statuses: dict[str, int] = {}
    started = time.perf_counter()
    for n in range(count):
        status = store.save_report(synthetic(bases[n % len(bases)], n), run_id)
        statuses[status] = statuses.get(status, 0) + 1
    seconds = time.perf_counter() - started
    rows = store.db.execute("select count(*) from reports").fetchone()[0]
    open_bytes = db_bytes(db)
    store.close()
    return {
        "reports": count,
        "rows": rows,
        "statuses": statuses,
        "seconds": seconds,
        "per_second": count / seconds if seconds else None,
        "peak_rss_mb": peak_rss_mb(),
        "rss_before_writes_mb": rss_before,
        "db_bytes": db_bytes(db),
        "db_bytes_open": open_bytes,
        "base_reports": len(bases),
    }


def main(argv: list[str] | None = None) -> None:
    """Run the storage benchmark and print its measurements as the last line of stdout."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--reports", type=int, default=100000)
    ap.add_argument("--db", type=Path, required=True, help="a new SQLite file")
    args = ap.parse_args(argv)
    if args.db.exists():
        ap.error(f"{args.db} exists; give a new file")
    print(RESULT_PREFIX + json.dumps(run(args.reports, args.db)), flush=True)


if __name__ == "__main__":
    main()
