"""The ``thidua`` command line: score a campaign, validate files, explain a unit, print a JSON Schema."""

from __future__ import annotations

import argparse
import json
import sys
from typing import List, Optional

from . import Error, json_schema, load_campaign


def _score(args: argparse.Namespace) -> int:
    campaign = load_campaign(args.campaign)
    report = campaign.score(args.results)
    if args.output:
        out = args.output.lower()
        if out.endswith(".xlsx"):
            report.to_excel(args.output)
        elif out.endswith(".csv"):
            report.to_pandas().to_csv(args.output)
        else:
            with open(args.output, "w", encoding="utf-8") as handle:
                handle.write(report.to_json())
    if args.format == "json":
        sys.stdout.write(report.to_json())
    elif not args.output or args.format == "table":
        sys.stdout.write(report.table(lang=args.lang))
    explain = list(args.explain or [])
    if args.explain_leader:
        explain.append(min(report.units, key=lambda u: u["overall_rank"])["id"])
    for unit in explain:
        sys.stdout.write("\n" + str(report.explain(unit, lang=args.lang or "vi")))
    return 0


def _validate(args: argparse.Namespace) -> int:
    campaign = load_campaign(args.campaign)
    if args.results:
        campaign.score(args.results)
    print(f"{args.campaign}: valid" + (f"; {args.results}: valid" if args.results else ""))
    return 0


def _schema(args: argparse.Namespace) -> int:
    print(json.dumps(json_schema(args.document), indent=2, ensure_ascii=False))
    return 0


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="thidua", description="Score Vietnamese emulation campaigns exactly.")
    sub = parser.add_subparsers(dest="command", required=True)

    score = sub.add_parser("score", help="score results against a campaign and print or write the report")
    score.add_argument("campaign", help="campaign JSON file")
    score.add_argument("results", help="results file (.json or .csv)")
    score.add_argument("-o", "--output", help="write the report: .json (report document), .xlsx or .csv")
    score.add_argument("--format", choices=["table", "json"], help="what to print (default: the table)")
    score.add_argument("--lang", choices=["vi", "en"], help="language of the table and explanations")
    score.add_argument("--explain", action="append", metavar="UNIT", help="also explain this unit (repeatable)")
    score.add_argument("--explain-leader", action="store_true", help="also explain the unit ranked first overall")
    score.set_defaults(run=_score)

    validate = sub.add_parser("validate", help="check a campaign (and results) and report the first error")
    validate.add_argument("campaign")
    validate.add_argument("results", nargs="?")
    validate.set_defaults(run=_validate)

    schema = sub.add_parser("schema", help="print the JSON Schema of the campaign or the results document")
    schema.add_argument("document", choices=["campaign", "results"])
    schema.set_defaults(run=_schema)

    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except Error as exc:
        print(f"thidua: error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"thidua: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
