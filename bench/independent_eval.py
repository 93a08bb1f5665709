"""The article extractors on pages nobody here tuned on: the test pages of GNE's sdist.

    python -m bench.independent_eval [--sdist DIR] [--pages]

The HTML pages are the `tests/` and `visiable_test/` folders of the `gne==0.4.3`
source distribution (GeneralNewsExtractor). They are not redistributed here:
without `--sdist DIR` (the unpacked `gne-0.4.3/` folder) the sdist is fetched with
`pip download --no-deps --no-binary :all: gne==0.4.3` into a temporary folder and
unpacked there. The truth, written by hand, is in `bench/independent/truth/`, one
`<path with / as __>.json` per page (`file`, `title`, `date`, `body`); see
`bench/independent/README.md`.

Scoring is `bench.extract_eval`'s: the same extractor runners (ours, GNE,
trafilatura) and the same metrics (title exact, publication day, body P/R/F1 over
characters, ms/page).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from bench.extract_eval import ROOT, evaluate, per_page, summary, truth_pages

TRUTH_DIR = ROOT / "bench" / "independent" / "truth"
SDIST = "gne==0.4.3"


def fetch_sdist(into: Path) -> Path:
    """Download and unpack the gne sdist into `into`; the unpacked root folder."""
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:", SDIST,
         "-d", str(into), "--quiet"],
        check=True,
    )
    archive = next(into.glob("gne-*.tar.gz"))
    with tarfile.open(archive) as tar:
        tar.extractall(into, filter="data")
    return next(p for p in into.iterdir() if p.is_dir() and p.name.startswith("gne-"))


def load_pairs(sdist: Path) -> list[tuple[str, str, dict]]:
    """(name, html, truth) for every truth file whose page exists in the sdist."""
    pairs = []
    for truth_path in sorted(TRUTH_DIR.glob("*.json")):
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        html_path = sdist / truth["file"]
        if not html_path.exists():
            print(f"(missing page {truth['file']}: skipped)", file=sys.stderr)
            continue
        html = html_path.read_text(encoding="utf-8", errors="replace")
        pairs.append((truth["file"], html, truth))
    return pairs


def main(argv: list[str] | None = None) -> int:
    """Print the table (and optionally one line per page)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sdist", type=Path, help="the unpacked gne-0.4.3 folder (else downloaded)")
    parser.add_argument("--pages", action="store_true", help="also print one line per page")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        sdist = args.sdist or fetch_sdist(Path(tmp))
        pages = truth_pages(load_pairs(sdist))
        table = evaluate("independent: gne 0.4.3 sdist test pages", pages)
    print(summary(table))
    if args.pages:
        print()
        print(per_page(table))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
