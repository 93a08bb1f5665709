"""Evaluate meeting_facts on the fixture cases.

Run from the project root: ``python -m bench.facts_eval``. For every case in
``fixtures/<site>/cases/*.json`` that is not rejected, it converts the item to
simplified script, runs ``meeting_facts`` with the site's own region, and prints
is_meeting precision and recall, per-field accuracy and every mismatch.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from crawler.clean import to_simplified
from crawler.facts import meeting_facts
from crawler.sites import SITES

ROOT = Path(__file__).resolve().parent.parent

FIELDS = ("is_meeting", "meeting_date", "meeting_chair", "meeting_kind", "meeting_number",
          "attendees", "region", "region_code")


def _hans(text: str | None) -> str | None:
    return to_simplified(text) if text else text


def load_cases(root: Path) -> list[tuple[str, Path, dict]]:
    """(site, path, case) for every case file that is not rejected."""
    out = []
    for path in sorted(root.glob("fixtures/*/cases/*.json")):
        case = json.loads(path.read_text(encoding="utf-8"))
        if case.get("rejected") or not case.get("item") or case.get("facts") is None:
            continue
        out.append((path.parent.parent.name, path, case))
    return out


def run_case(site: str, case: dict) -> dict:
    """meeting_facts for one fixture case."""
    item = case["item"]
    return meeting_facts(_hans(item.get("title")), _hans(item.get("body")) or "", item.get("published_at"),
                         _hans(item.get("source")), SITES[site].region if site in SITES else None)


def _same(field: str, want: object, got: object) -> bool:
    if field == "attendees":
        return sorted(want or []) == sorted(got or [])
    return want == got


def evaluate(root: Path, verbose: bool = True) -> dict:
    """Score every case; return the counts and print the report."""
    cases = load_cases(root)
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    tp = fp = fn = 0
    mismatches = []
    for site, path, case in cases:
        want, got = case["facts"], run_case(site, case)
        w, g = bool(want.get("is_meeting")), bool(got["is_meeting"])
        tp, fp, fn = tp + (w and g), fp + (g and not w), fn + (w and not g)
        for field in FIELDS:
            if field not in want:
                continue
            total[field] += 1
            if _same(field, want[field], got.get(field)):
                right[field] += 1
            else:
                mismatches.append((path.relative_to(root), field, want[field], got.get(field),
                                   got.get("meeting_evidence")))
    precision = tp / (tp + fp) if tp + fp else None
    recall = tp / (tp + fn) if tp + fn else None
    if verbose:
        _print_report(len(cases), precision, recall, right, total, mismatches)
    return {"cases": len(cases), "precision": precision, "recall": recall,
            "accuracy": {f: right[f] / total[f] for f in total}, "mismatches": mismatches}


def _fmt(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.3f}"


def _print_report(n, precision, recall, right, total, mismatches) -> None:
    print(f"cases: {n}")
    print(f"is_meeting precision: {_fmt(precision)}  recall: {_fmt(recall)}")
    for field in FIELDS:
        if total[field]:
            print(f"  {field:<15} {right[field]:>3}/{total[field]:<3} {_fmt(right[field] / total[field])}")
    if mismatches:
        print(f"mismatches: {len(mismatches)}")
    for path, field, want, got, evidence in mismatches:
        print(f"- {path} {field}: want {json.dumps(want, ensure_ascii=False)} "
              f"got {json.dumps(got, ensure_ascii=False)}  (evidence: {evidence})")


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="project root holding fixtures/")
    evaluate(parser.parse_args().root)


if __name__ == "__main__":
    main()
