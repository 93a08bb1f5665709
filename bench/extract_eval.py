"""How well `crawler.extract.extract_article` reads article pages, next to GNE and trafilatura.

    python -m bench.extract_eval [--pages] [--set bench|fixtures|all] [--dir DIR]

Sets (each page has its own truth, written by hand):

- `bench`: `bench/pages/*.html`, government and local news pages written in
  the markup of real CMS families (TRS, 大汉 JCMS, 帝国CMS, PHPCMS, WordPress,
  人民网, 新华网, 博达 VSB, 信息公开, WeChat) and of the major news portals and
  platforms (人民网 … 东方网, 今日头条, 百家号, 微信公众号), truth in `<name>.json`;
  pages named `blind_*` were scored once, before any rule was changed for them:
  `blind_a_*`/`blind_b_*` (16 pages: title 1.000, date 1.000, body F1 0.998 against
  GNE 0.907 and trafilatura 0.898) and `blind_c_*`/`blind_d_*` (20 pages: title 1.000, date
  0.900, body P 0.944, R 0.945, F1 0.945 against GNE 1.000 / 1.000 / F1 0.764 and
  trafilatura 0.800 / 0.950 / F1 0.907) and `blind_e_*`/`blind_f_*` (20 pages: title
  0.950, date 1.000, body P 1.000, R 0.999, F1 0.999 against GNE 0.950 / 0.900 /
  F1 0.847 and trafilatura 0.550 / 0.900 / F1 0.928) and `blind_g_*`/`blind_h_*` (20
  pages: title 1.000, date 1.000, body P 0.993, R 0.967, F1 0.976 against GNE 0.950 /
  1.000 / F1 0.806 and trafilatura 0.850 / 1.000 / F1 0.905);
- `fixtures`: every stored page of `fixtures/*/` (truth: the case's `item`);
- `--dir DIR`: any folder of `<name>.html` + `<name>.json` pairs in the same
  shape (`title`, `publish_time`, `body`, optional `url`), for an
  independent check on pages nobody tuned on.

Metrics per page, for each extractor run in this process on the same HTML
string: title exact match (whitespace squeezed), date (the publication day
agrees), body precision / recall / F1 over characters (multisets of
non-space characters), and the time per page. Tables give the means over
pages. GNE (`gne`) and trafilatura are optional: a missing one is reported
and skipped.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from crawler.dates import parse_published
from crawler.extract import extract_article

ROOT = Path(__file__).resolve().parent.parent
PAGES_DIR = ROOT / "bench" / "pages"


@dataclass
class Page:
    """One page and its truth."""

    name: str
    url: str
    html: str
    title: str | None
    date: str | None
    body: str


@dataclass
class Scores:
    """One extractor's scores on one page."""

    title: float
    date: float
    precision: float
    recall: float
    f1: float
    seconds: float


@dataclass
class Table:
    """Scores of every extractor on every page of a set."""

    name: str
    rows: dict[str, dict[str, Scores]] = field(default_factory=dict)  # extractor -> page -> scores


# --- the extractors, as plain functions: html, url -> (title, date, body) ----------------


def ours(html: str, url: str) -> tuple[str | None, str | None, str]:
    """This project's extractor."""
    out = extract_article(html, url)
    return out["title"], out["publish_time"], out["body"]


def _gne() -> Callable[[str, str], tuple[str | None, str | None, str]] | None:
    try:
        from gne import GeneralNewsExtractor
    except ImportError:
        return None
    extractor = GeneralNewsExtractor()

    def run(html: str, url: str) -> tuple[str | None, str | None, str]:
        try:
            out = extractor.extract(html)
        except Exception:  # a page GNE cannot read scores zero
            return None, None, ""
        return out.get("title"), out.get("publish_time"), out.get("content") or ""

    return run


def _trafilatura() -> Callable[[str, str], tuple[str | None, str | None, str]] | None:
    try:
        import trafilatura
    except ImportError:
        return None

    def run(html: str, url: str) -> tuple[str | None, str | None, str]:
        try:
            doc = trafilatura.bare_extraction(html, url=url or None, with_metadata=True)
        except Exception:
            return None, None, ""
        if doc is None:
            return None, None, ""
        data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
        return data.get("title"), data.get("date"), data.get("text") or ""

    return run


def extractors() -> dict[str, Callable[[str, str], tuple[str | None, str | None, str]]]:
    """Ours, then GNE and trafilatura where installed."""
    found: dict[str, Callable[[str, str], tuple[str | None, str | None, str]]] = {"ours": ours}
    for name, factory in (("gne", _gne), ("trafilatura", _trafilatura)):
        run = factory()
        if run is None:
            print(f"({name} is not installed: skipped)", file=sys.stderr)
        else:
            found[name] = run
    return found


# --- metrics -------------------------------------------------------------------------------


def _squeeze(text: str | None) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def day_of(value: str | None) -> str | None:
    """The publication day (YYYY-MM-DD) a date string gives, whatever its form."""
    if not value:
        return None
    parsed = parse_published(str(value))
    return parsed[:10] if parsed else None


def char_prf(predicted: str, truth: str) -> tuple[float, float, float]:
    """Precision, recall and F1 of the predicted body over character multisets (spaces ignored)."""
    pred = Counter(ch for ch in predicted if not ch.isspace())
    gold = Counter(ch for ch in truth if not ch.isspace())
    overlap = sum((pred & gold).values())
    p = overlap / sum(pred.values()) if pred else 0.0
    r = overlap / sum(gold.values()) if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def score(page: Page, run: Callable[[str, str], tuple[str | None, str | None, str]]) -> Scores:
    """Run one extractor on one page and score it."""
    start = time.perf_counter()
    title, date, body = run(page.html, page.url)
    seconds = time.perf_counter() - start
    p, r, f = char_prf(body or "", page.body)
    return Scores(
        title=float(_squeeze(title) == _squeeze(page.title)),
        date=float(day_of(date) == day_of(page.date)),
        precision=p, recall=r, f1=f, seconds=seconds,
    )


# --- page sets ---------------------------------------------------------------------------


def pages_in(folder: Path) -> list[Page]:
    """`<name>.html` + `<name>.json` pairs of a folder."""
    pages = []
    for truth_path in sorted(folder.glob("*.json")):
        html_path = truth_path.with_suffix(".html")
        if not html_path.exists():
            continue
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        pages.append(
            Page(
                name=truth_path.stem, url=truth.get("url", ""),
                html=html_path.read_text(encoding="utf-8", errors="replace"),
                title=truth.get("title"), date=truth.get("publish_time"), body=truth.get("body", ""),
            )
        )
    return pages


def truth_pages(pairs: list[tuple[str, str, dict]]) -> list[Page]:
    """Pages from `(name, html, truth)` triples, the truth holding `title`, `date`
    (or `publish_time`), `body` and optionally `url` (as in `bench/independent/truth/`)."""
    return [
        Page(
            name=name, url=truth.get("url", ""), html=html, title=truth.get("title"),
            date=truth.get("date", truth.get("publish_time")), body=truth.get("body", ""),
        )
        for name, html, truth in pairs
    ]


def fixture_pages() -> list[Page]:
    """Every stored fixture page, with its case's item as truth."""
    sys.path.insert(0, str(ROOT))
    from tests.cases import STORED, response_for

    pages = []
    for case in STORED:
        response = response_for(case.url)
        pages.append(
            Page(
                name=case.id, url=case.url, html=response.text, title=case.item["title"],
                date=case.item["published_at"], body=case.item["body"],
            )
        )
    return pages


def evaluate(name: str, pages: list[Page]) -> Table:
    """Score every extractor on every page."""
    table = Table(name)
    for ext_name, run in extractors().items():
        table.rows[ext_name] = {page.name: score(page, run) for page in pages}
    return table


# --- output --------------------------------------------------------------------------------


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def summary(table: Table) -> str:
    """A markdown table of mean scores per extractor."""
    lines = [
        f"**{table.name}** ({len(next(iter(table.rows.values()), {}))} pages)",
        "",
        "| extractor | title exact | date | body P | body R | body F1 | ms/page |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for ext_name, rows in table.rows.items():
        scores = list(rows.values())
        lines.append(
            f"| {ext_name} | {_mean([s.title for s in scores]):.3f} | {_mean([s.date for s in scores]):.3f} "
            f"| {_mean([s.precision for s in scores]):.3f} | {_mean([s.recall for s in scores]):.3f} "
            f"| {_mean([s.f1 for s in scores]):.3f} | {1000 * _mean([s.seconds for s in scores]):.1f} |"
        )
    return "\n".join(lines)


def per_page(table: Table) -> str:
    """One line per page: title/date hits and body F1 of each extractor."""
    names = list(table.rows)
    pages = list(next(iter(table.rows.values()), {}))
    lines = ["| page | " + " | ".join(f"{n} T/D/F1" for n in names) + " |",
             "| --- |" + " --- |" * len(names)]
    for page in pages:
        cells = []
        for n in names:
            s = table.rows[n][page]
            cells.append(f"{int(s.title)}/{int(s.date)}/{s.f1:.2f}")
        lines.append(f"| {page} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=("bench", "fixtures", "all"), default="all")
    parser.add_argument("--dir", type=Path, help="an independent folder of .html + .json pages")
    parser.add_argument("--pages", action="store_true", help="also print one line per page")
    args = parser.parse_args(argv)
    sets: list[tuple[str, list[Page]]] = []
    if args.dir:
        sets.append((f"independent: {args.dir}", pages_in(args.dir)))
    else:
        if args.set in ("bench", "all"):
            sets.append(("bench/pages", pages_in(PAGES_DIR)))
        if args.set in ("fixtures", "all"):
            sets.append(("fixtures (stored cases)", fixture_pages()))
    for name, pages in sets:
        table = evaluate(name, pages)
        print(summary(table))
        print()
        if args.pages:
            print(per_page(table))
            print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
