"""A real Datasette, read-only, on a database built by real offline crawls."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from .crawl import ROOT, crawlall, free_port, scrapy
from .sitebuilder import MiniSite


def build_database(folder: Path) -> Path:
    """Crawl the four sites offline, the seed dumps twice (one edited), and one broken site."""
    db = folder / "reports.db"
    done = crawlall("--offline", "--db", str(db), "--loglevel", "WARNING")
    assert done.returncode == 0, done.stderr[-2000:]
    dumps = folder / "dumps"
    dumps.mkdir()
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        shutil.copy(seed, dumps)
    scrapy("crawl", "textdump", "-a", f"path={dumps}", db=db)
    edited = dumps / "004_f7408dba7bd2fac6.txt"
    edited.write_text(edited.read_text(encoding="utf-8").replace("1月25日", "1月24日"),
                      encoding="utf-8")
    scrapy("crawl", "textdump", "-a", f"path={dumps}", db=db)
    broken = MiniSite(folder / "broken")
    broken.publish(1)
    broken.replace_list("<html><body>改版中</body></html>")
    scrapy("crawl", "zjknews", "-s", "OFFLINE=1", "-s", f"OFFLINE_FIXTURES_DIR={broken.root}",
           db=db)
    return db



class Datasette:
    """`datasette serve -i DB -m metadata.yml` in a subprocess, as the README says."""

    def __init__(self, db: Path) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        datasette = Path(sys.executable).parent / "datasette"
        self.proc = subprocess.Popen(
            [str(datasette), "serve", "-i", str(db), "-m", str(ROOT / "metadata.yml"),
             "-p", str(self.port)],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        )
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                urllib.request.urlopen(self.base + "/-/versions.json", timeout=1).read()
                return
            except OSError:
                time.sleep(0.2)
        self.close()
        raise RuntimeError("datasette did not start")

    def close(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=10)
