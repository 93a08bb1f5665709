"""`crawlall`: crawl every configured site in one process, then print a summary.

Takes a lock beside the database so that two runs never overlap, and exits
non-zero when a site's checks fail (1), the database cannot be written (2) or
another run holds the lock (3).

    crawlall                 # the real sites
    crawlall --offline       # the bundled fixture mirror on 127.0.0.1
    crawlall --db other.db --site zjknews --site scgov
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from scrapy.crawler import CrawlerProcess
from scrapy.utils.project import get_project_settings

from .checks import failed_checks
from .sites import SITES
from .store import Store, StoreError


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Command-line options."""
    ap = argparse.ArgumentParser(prog="crawlall", description=__doc__.split("\n")[0])
    ap.add_argument("--offline", action="store_true", help="crawl the bundled fixture mirror")
    ap.add_argument("--db", help="SQLite file (default: the REPORTS_DB setting, data/reports.db)")
    ap.add_argument("--site", action="append", choices=sorted(SITES), help="only these sites")
    ap.add_argument("--loglevel", default="INFO", help="Scrapy log level (default INFO)")
    ap.add_argument("-s", "--set", action="append", default=[], metavar="NAME=VALUE",
                    help="a Scrapy setting, as with scrapy crawl -s")
    return ap.parse_args(argv)


def summary(db_path: str, first_run: int) -> tuple[str, bool]:
    """A one-screen summary of the runs since `first_run`; and whether all passed their checks."""
    con = sqlite3.connect(db_path)
    rows = con.execute(
        "select spider, finish_reason, new_reports, updated_reports, pages, errors, checks "
        "from runs where id >= ? order by id",
        [first_run],
    ).fetchall()
    total = con.execute("select count(*), sum(is_meeting) from reports").fetchone()
    con.close()
    lines = [f"{'site':<14}{'result':<12}{'new':>6}{'updated':>9}{'pages':>7}{'errors':>8}  checks"]
    ok = True
    for spider, reason, new, updated, pages, errors, checks in rows:
        failed = failed_checks(json.loads(checks or "{}")) if reason else ["not finished"]
        ok = ok and not failed
        lines.append(
            f"{spider:<14}{reason or 'killed':<12}{new or 0:>6}{updated or 0:>9}"
            f"{pages or 0:>7}{errors or 0:>8}  {'FAILED: ' + ', '.join(failed) if failed else 'ok'}"
        )
    lines.append(f"{total[0]} reports stored, {total[1] or 0} of them meeting reports, in {db_path}")
    return "\n".join(lines), ok


@contextmanager
def run_lock(db_path: str) -> Iterator[bool]:
    """Hold an exclusive lock beside the database; yield False when another run holds it."""
    lock_path = Path(f"{db_path}.lock")
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            handle.write(str(os.getpid()))
            handle.flush()
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def datasette_command() -> str:
    """How to call the datasette installed beside this Python, as short as it can be said."""
    beside = Path(sys.executable).parent / "datasette"
    if not beside.exists():
        return "datasette"
    try:
        return str(beside.relative_to(Path.cwd()))
    except ValueError:
        return str(beside)


def metadata_option() -> str:
    """` -m metadata.yml` when the project's Datasette metadata is at hand."""
    metadata = Path(__file__).resolve().parent.parent / "metadata.yml"
    if not metadata.exists():
        return ""
    try:
        return f" -m {metadata.relative_to(Path.cwd())}"
    except ValueError:
        return f" -m {metadata}"


def main(argv: list[str] | None = None) -> int:
    """Run the crawl; return the exit code (non-zero when a site did not finish)."""
    args = parse_args(argv)
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "crawler.settings")
    settings = get_project_settings()
    if args.offline:
        settings.set("OFFLINE", True, priority="cmdline")
    if args.db:
        settings.set("REPORTS_DB", args.db, priority="cmdline")
    settings.set("LOG_LEVEL", args.loglevel, priority="cmdline")
    for pair in args.set:
        name, _, value = pair.partition("=")
        settings.set(name, value, priority="cmdline")
    db_path = settings.get("REPORTS_DB")
    try:
        store = Store(db_path)
    except StoreError as exc:
        print(f"crawlall: {exc}", file=sys.stderr)
        return 2
    first_run = store.db.execute("select coalesce(max(id), 0) + 1 from runs").fetchone()[0]
    store.close()

    with run_lock(db_path) as locked:
        if not locked:
            print(f"crawlall: another run holds {db_path}.lock; not starting", file=sys.stderr)
            return 3
        process = CrawlerProcess(settings)
        for name in args.site or list(SITES):
            process.crawl(name)
        process.start()

    text, ok = summary(db_path, first_run)
    print("\n" + text)
    print(
        "\nBrowse them in Datasette (read-only):\n"
        f"  {datasette_command()} serve -i {db_path}{metadata_option()}\n"
        "then open http://127.0.0.1:8001/"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
