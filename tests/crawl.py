"""Run real crawls in a subprocess, as a user would, and read what they stored."""

from __future__ import annotations

import json
import socket
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def scrapy(*args: str, db: Path, timeout: int = 120) -> subprocess.CompletedProcess:
    """`scrapy <args> -s REPORTS_DB=<db>` from the project root; fails the test on a non-zero exit."""
    cmd = [sys.executable, "-m", "scrapy", *args, "-s", f"REPORTS_DB={db}", "-s", "LOG_LEVEL=INFO"]
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, done.stderr[-3000:]
    return done


def rows(db: Path, sql: str = "select * from reports", params: tuple = ()) -> list[dict]:
    """Rows of a query, as dicts, with JSON columns decoded."""
    con = sqlite3.connect(db)
    con.row_factory = sqlite3.Row
    out = []
    for row in con.execute(sql, params):
        record = dict(row)
        for name in ("reporters", "attendees", "checks", "stats"):
            if isinstance(record.get(name), str):
                record[name] = json.loads(record[name])
        out.append(record)
    con.close()
    return out


def crawlall(*args: str, timeout: int = 300) -> subprocess.CompletedProcess:
    """`crawlall <args>` from the project root (the exit code is left to the caller)."""
    return subprocess.run([sys.executable, "-m", "crawler.crawlall", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=timeout)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
