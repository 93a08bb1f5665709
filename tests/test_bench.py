"""Smoke checks of the benchmarks (bench/): they run and say what they measured.

Never timed: the figures are not checked, only that each benchmark ran on
what it says. The synthetic mirror is checked for real: the layouts read its
lists and articles as they read the real sites.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from parsel import Selector

from bench.synth import SHAPES, build_mirror
from crawler.article import build_report
from crawler.layouts import LAYOUTS
from crawler.sites import SITES

ROOT = Path(__file__).resolve().parent.parent


def test_synthetic_mirror_walks_like_the_real_sites(tmp_path: Path) -> None:
    builds = build_mirror(tmp_path, 4 * 45)
    for site, build in builds.items():
        shape, layout = SHAPES[site], LAYOUTS[SITES[site].layout]
        root = tmp_path / site / "mirror" / shape.host
        # Walk the lists as the spider does: links on each page, then the next pages.
        seen, queue, visited = [], [SITES[site].start_urls[0]], set()
        while queue:
            url = queue.pop(0)
            if url in visited:
                continue
            visited.add(url)
            rel = url.split(shape.host + "/", 1)[1]
            path = root / rel
            if path.is_dir() or not rel or rel.endswith("/"):
                path = next(p for p in (path / "index.html", path / "index.shtml") if p.is_file())
            sel = Selector(text=path.read_bytes().decode("utf-8"))
            seen += layout.list_links(sel, url)
            queue += layout.next_pages(sel, url)
        assert len(visited) == build.list_pages
        assert sorted(seen) == sorted(build.urls())
        hashes = set()
        for article, url in zip(build.articles, build.urls(), strict=True):
            data = (root / article.path).read_bytes()
            text = data.decode("gb18030" if b"gb2312" in data[:2048] else "utf-8")
            raw = layout.read_article(Selector(text=text), url)
            report = build_report(raw)
            assert report["published_at"][:10] == article.published.isoformat(), url
            hashes.add(report["content_hash"])
        assert len(hashes) == len(build.articles), f"{site}: content hashes repeat"


def test_bench_runs_end_to_end(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bench", "--articles", "40", "--reports", "200", "--sample", "8",
         "--repeat", "1", "--workdir", str(tmp_path / "work")],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    lines = done.stdout.strip().splitlines()
    assert lines[-1].startswith("pipeline-to-ceiling ratio: ")
    table = "\n".join(lines)
    assert "40 of 40" in table  # every synthetic article was stored by the real spiders
    for measure in ("no-op Scrapy spider", "unchanged re-run", "ours: read + clean + facts",
                    "trafilatura", "gne", "store 200 reports: peak RSS"):
        assert measure in table
    assert not (tmp_path / "work").exists()
