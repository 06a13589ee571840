"""Command line: ``python3 -m homecare_report report RESULTS.h5 [MORE.h5 ...] -o report.html``."""
from __future__ import annotations

import argparse
import sys

from . import budget, headline, loading, patches, report, stats
from .wording import fmt_param


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="python3 -m homecare_report",
        description="Read homecare HDF5 results and write a report for councillors.")
    sub = ap.add_subparsers(dest="command", required=True)
    rp = sub.add_parser("report", help="write one self-contained HTML report",
                        description="Write one self-contained HTML report comparing every variant "
                                    "of every results file given.")
    rp.add_argument("results", nargs="+", help="HDF5 results files written by `homecare run`")
    rp.add_argument("-o", "--output", default="report.html", help="HTML file to write")
    rp.add_argument("--baseline", help="variant (or scenario) to compare policies against; default: "
                                       "the one whose name contains 'baseline', else the first")
    rp.add_argument("--title", help="report title")
    rp.add_argument("--png-dir", help="also write each chart as a PNG file into this folder")
    def table_command(name: str, helptext: str, description: str, files: str):
        """A subcommand that prints (or writes) Markdown tables from results files."""
        cmd = sub.add_parser(name, help=helptext, description=description)
        cmd.add_argument("results", nargs="+", help=files)
        cmd.add_argument("--baseline")
        cmd.add_argument("-o", "--output", help="Markdown file to write (default: print)")
        return cmd

    hl = table_command("headline", "extra cost and turnover change per financial year, paired",
                       "Print (or write) the headline tables: each policy's extra cost to the "
                       "council and change in turnover per financial year against the baseline, "
                       "with 90%% paired intervals.", "the baseline's results file and the policies'")
    hl.add_argument("--from", dest="first_year", help="first financial year shown, e.g. 2018/19")
    table_command("budget", "spend by category against the budget per financial year",
                  "Print (or write) each variant's spend by category against the budget per "
                  "financial year (mean and 90%% range across replicates) and each policy's "
                  "change from the baseline.", "results files of schema 4 with yearly spend")
    table_command("patches", "results per patch, and against the same wards in the baseline",
                  "Print (or write) each patch variant's results per patch (median and 90%% "
                  "range across replicates) and the change from the same wards in the baseline.",
                  "results files of schema 5 with figures by ward")
    ls = sub.add_parser("list", help="list the variants, replicates and metrics in results files")
    ls.add_argument("results", nargs="+")
    ls.add_argument("--baseline")
    return ap


def _list(results: loading.ResultSet) -> None:
    for f in results.files:
        if f.borough is not None:
            print(f"{f.path.name}: {f.borough.describe()}, {len(f.borough.wards)} wards")
    for v in results.variants:
        mark = " (baseline)" if v is results.baseline else ""
        print(f"{v.key}{mark}: {v.replicates} replicates, {len(v.months)} months "
              f"{v.months[0] if v.months else ''}..{v.months[-1] if v.months else ''}, "
              f"file {v.source.path.name}, policy from {v.source.policy_start}"
              + (", sensitivity design point" if v.source.sensitivity else ""))
        if v.params:
            print("  settings: " + ", ".join(f"{k}={fmt_param(val)}" for k, val in v.params.items()))
        print("  monthly: " + ", ".join(sorted(v.monthly)))
        print("  summary: " + ", ".join(sorted(v.summary)))
        if v in results.policies:
            d = stats.difference(v, results.baseline, "turnover_rate")
            if d is not None:
                print(f"  turnover vs baseline: median {d.estimate.median:+.4f} "
                      f"(90% {d.estimate.low:+.4f} to {d.estimate.high:+.4f}), "
                      f"{d.pairing.short()}: {d.pairing.why}")
    for note in results.notes:
        print(f"note: {note}")


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 ok, 2 bad input, 1 other failure)."""
    args = _parser().parse_args(argv)
    try:
        results = loading.load(args.results, args.baseline)
    except (FileNotFoundError, ValueError, OSError) as exc:
        print(f"homecare_report: {exc}", file=sys.stderr)
        return 2
    if args.command == "list":
        _list(results)
        return 0
    if args.command in ("headline", "budget", "patches"):
        try:
            text = (headline.markdown(results, args.first_year) if args.command == "headline"
                    else budget.markdown(results) if args.command == "budget"
                    else patches.markdown(results))
        except ValueError as exc:  # NotPaired included
            print(f"homecare_report: {exc}", file=sys.stderr)
            return 2
        if args.output:
            with open(args.output, "w", encoding="utf-8") as f:
                f.write(text)
            print(f"wrote {args.output}")
        else:
            print(text, end="")
        return 0
    path = report.write(results, args.output, args.title, args.png_dir)
    print(f"wrote {path}")
    return 0
