"""Time per page of our reading, cleaning and fact extraction, against trafilatura and gne.

All three get the same decoded HTML of the same pages, in the same process,
one page at a time, after a short warm-up. Ours is what the crawl does per
article: ``Selector(text=html)``, ``layout.read_article``, then
``report_from`` (``build_report`` cleaning plus ``meeting_facts``). The
others are ``trafilatura.extract(html, url=url, with_metadata=True)``
(title, date, author and main text, as ours gives) and gne's
``GeneralNewsExtractor().extract(html)``. A missing library is reported as
not installed, never as a failure.

``found`` counts the pages where the extractor's text holds the start of
the first paragraph our cleaning kept: a rough check that the tools were
timed doing the same job, not a quality benchmark.
"""

from __future__ import annotations

import logging
import random
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from parsel import Selector

from crawler.article import build_report
from crawler.clean import squash
from crawler.facts import meeting_facts
from crawler.layouts import LAYOUTS
from crawler.pipelines import report_from
from crawler.sites import SITES

from .synth import SHAPES, SiteBuild, _decode

WARMUP = 5


@dataclass
class Page:
    """One article page as the crawl receives it."""

    url: str
    site: str
    html: str


@dataclass
class Timing:
    """How one extractor did on the sample."""

    name: str
    pages: int = 0
    seconds: float = 0.0
    found: int = 0
    error: str | None = None

    @property
    def ms_per_page(self) -> float | None:
        """Mean milliseconds per page, or None when it did not run."""
        return self.seconds / self.pages * 1000 if self.pages else None


def sample_pages(builds: dict[str, SiteBuild], fixtures_dir: Path, count: int) -> list[Page]:
    """About `count` synthetic article pages: the same number per site, drawn at random.

    The draw is seeded, so every run times the same pages. (An evenly strided
    pick would alias with the templates: the lists are sorted by date, and
    the copies of one date follow each other in template order.)
    """
    per_site = max(1, count // max(1, len(builds)))
    pages: list[Page] = []
    for site, build in builds.items():
        root = Path(fixtures_dir) / site / "mirror" / SHAPES[site].host
        pairs = list(zip(build.articles, build.urls(), strict=True))
        for article, url in random.Random(f"bench-{site}").sample(pairs, min(per_site, len(pairs))):
            html, _ = _decode((root / article.path).read_bytes())
            pages.append(Page(url, site, html))
    return pages


def ours(page: Page) -> dict[str, Any]:
    """What the crawl does with an article page: read it, clean it, extract its facts."""
    raw = LAYOUTS[SITES[page.site].layout].read_article(Selector(text=page.html), page.url)
    raw.site = page.site
    return report_from(raw)


def _key(report: dict[str, Any]) -> str:
    first = (report.get("body") or "").split("\n", 1)[0]
    return squash(first)[:12]


def _extractors() -> list[tuple[str, Callable[[Page], str | None] | None, str | None]]:
    """(name, function giving the page's main text, why it is unavailable)."""
    out: list[tuple[str, Callable[[Page], str | None] | None, str | None]] = []
    try:
        import trafilatura

        def run_trafilatura(page: Page) -> str | None:
            return trafilatura.extract(page.html, url=page.url, with_metadata=True)

        out.append((f"trafilatura {trafilatura.__version__}", run_trafilatura, None))
    except ImportError as exc:
        out.append(("trafilatura", None, f"not installed ({exc.name})"))
    try:
        from importlib.metadata import version

        from gne import GeneralNewsExtractor

        extractor = GeneralNewsExtractor()

        def run_gne(page: Page) -> str | None:
            return extractor.extract(page.html).get("content")

        out.append((f"gne {version('gne')}", run_gne, None))
    except ImportError as exc:
        out.append(("gne", None, f"not installed ({exc.name})"))
    return out


def _time(name: str, fn: Callable[[Page], Any], pages: list[Page],
          keys: list[str] | None = None) -> tuple[Timing, list[Any]]:
    timing = Timing(name)
    for page in pages[:WARMUP]:
        fn(page)
    results = []
    for i, page in enumerate(pages):
        started = time.perf_counter()
        try:
            result = fn(page)
        except Exception as exc:  # one page a tool cannot read must not stop the benchmark
            result = None
            timing.error = f"{type(exc).__name__}: {exc}"
        timing.seconds += time.perf_counter() - started
        timing.pages += 1
        results.append(result)
        if keys is not None and isinstance(result, str) and keys[i] and keys[i] in squash(result):
            timing.found += 1
    return timing, results


def compare(pages: list[Page]) -> tuple[list[Timing], dict[str, float]]:
    """Time ours and the other extractors on `pages`; also our stages, in ms per page."""
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    logging.getLogger("htmldate").setLevel(logging.CRITICAL)
    timing, reports = _time("ours: read + clean + facts", ours, pages)
    keys = [_key(r) if r else "" for r in reports]
    timing.found = sum(1 for k in keys if k)
    timings = [timing]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for name, fn, why in _extractors():
            if fn is None:
                timings.append(Timing(name, error=why))
                continue
            timings.append(_time(name, fn, pages, keys)[0])
    return timings, stages(pages)


def stages(pages: list[Page]) -> dict[str, float]:
    """Our time per page split into reading (parse + selectors), cleaning and facts, in ms."""
    raws, built = [], []
    started = time.perf_counter()
    for page in pages:
        raw = LAYOUTS[SITES[page.site].layout].read_article(Selector(text=page.html), page.url)
        raw.site = page.site
        raws.append(raw)
    read = time.perf_counter() - started
    started = time.perf_counter()
    for raw in raws:
        built.append(build_report(raw))
    clean = time.perf_counter() - started
    started = time.perf_counter()
    for raw, report in zip(raws, built, strict=True):
        meeting_facts(report["title_hans"], report["body_hans"], report["published_at"],
                      source=report["source"], site_region=SITES[raw.site].region)
    facts = time.perf_counter() - started
    n = max(1, len(pages))
    return {"read": read / n * 1000, "clean": clean / n * 1000, "facts": facts / n * 1000}
