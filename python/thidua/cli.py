"""The ``thidua`` command line: score a campaign, validate files, explain a unit, compare two runs, write data-entry
forms, print a JSON Schema.

Exit codes: 0 done, 1 invalid input (the message names the file and the JSON pointer or CSV line, with no
traceback), 2 usage (a wrong option or argument; argparse prints the usage). ``thidua diff`` alone follows GNU
diff: 0 nothing changed, 1 something changed, 2 trouble (usage or invalid input).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import warnings
from typing import TYPE_CHECKING, Any, List, Optional, Tuple, Union

from ._core import Error, ParseError, SchemaError, __version__
from ._inputs import error
from ._output import whole_file, write_text
from .campaign import load_campaign, load_results
from .schema import json_schema
from .warnings import InputWarning

if TYPE_CHECKING:  # pragma: no cover
    from .report import Report

_OUTPUTS = (".xlsx", ".json", ".md", ".csv", ".html")

_EXAMPLES = """\
examples:
  thidua score campaign.json results.csv --votes votes.csv --events events.csv
                                                         print the ranked table per cluster
  thidua score campaign.json results.csv -o report.xlsx  write a spreadsheet (also .json, .md, .csv, .html)
  thidua validate campaign.json results.csv              check both files; the first error names its place
  thidua explain campaign.json results.csv bac-hong --lang en
  thidua template campaign.json -o forms.xlsx            the data-entry form: one sheet per unit to fill in
  thidua document proposal campaign.json results.csv --votes votes.csv -o to-trinh.docx --place "Hà Nội"
                                                         the proposal for awards (also minutes, summary; .pdf)
  thidua score campaign.json forms/ -o report.xlsx       score the filled forms of a folder
  thidua diff old-report.json new-report.json              what changed between two saved reports
  thidua what-if campaign.json results.json '{"unit": "dau-lieu", "criterion": "mo-hinh", "phase": "gd2", "value": 6}'
                                                         what a hypothetical change would change (no file touched)
  thidua margins campaign.json results.json --unit nam-hong
                                                         the points (or the single figure) each target lacks
  thidua schema campaign > campaign.schema.json

exit codes: 0 done, 1 invalid input (the file and the JSON pointer or CSV line at fault), 2 usage;
thidua diff: 0 nothing changed, 1 something changed, 2 usage or invalid input
"""

_DIFF_EXAMPLES = """\
examples:
  thidua diff old-report.json new-report.json            two reports saved by `thidua score --format json`
  thidua diff campaign.json results.json campaign.json revised.json --lang en
                                                         two runs: old campaign and results, new campaign and results
  thidua diff old.json new.json --format csv > changes.csv
  thidua diff campaign.json results.csv campaign.json revised.csv --votes votes.csv --events events.csv
                                                         two runs of tables: --votes and --events go to both runs

exit codes (as GNU diff): 0 nothing changed, 1 something changed, 2 usage or invalid input (the message names the
file at fault). Saved reports compare units and the inputs' fingerprints only; two runs also list the campaign
keys (JSON pointers) and the result rows that changed.
"""

_SCORE_EXAMPLES = """\
examples:
  thidua score campaign.json results.csv --votes votes.csv --events events.csv
  thidua score campaign.json forms.xlsx                  (a filled form, or sheets results, votes and events)
  thidua score campaign.json forms/                      (every filled form of the folder)
  thidua score campaign.json results.json --lang en --explain bac-hong
  thidua score campaign.json results.csv -o report.xlsx
  thidua score campaign.json results.csv -o report.md --explain bac-hong
  thidua score campaign.json results.csv --format json > report.json
  thidua score campaign.json --layer tu-cham=results.csv --layer tham-dinh=tham-dinh.csv --votes votes.csv
                                                         (assessment layers: the last one giving a figure sets it)
"""


class _Unwritable(Exception):
    """The output file could not be written (exit code 1, like invalid input)."""


def _output(path: str) -> str:
    """An -o file name: its extension says what to write (a usage error otherwise, before any scoring)."""
    if not path.lower().endswith(_OUTPUTS):
        raise argparse.ArgumentTypeError(f"{path!r} does not end with one of {', '.join(_OUTPUTS)}")
    return path


def _layer(text: str) -> Union[str, Tuple[str, str]]:
    """A --layer argument: ID=FILE names the layer of FILE; FILE alone is a results document naming its own."""
    layer, sep, path = text.partition("=")
    if not sep:
        return text
    if not layer or not path:
        raise argparse.ArgumentTypeError(f"{text!r}: give ID=FILE (e.g. tham-dinh=tham-dinh.csv)")
    return (layer, path)


def _results(args: argparse.Namespace) -> Any:
    """The command's results: the results file, or the assessment layers in order (the results file first)."""
    layers = list(getattr(args, "layer", None) or [])
    if not layers:
        return args.results
    return ([args.results] if args.results else []) + layers


def _scored(args: argparse.Namespace) -> "Report":
    """The report of the command's campaign, results, votes and events; its warnings about the input go to stderr
    in the chosen language (the exit code stays 0: the report is still made)."""
    campaign = load_campaign(args.campaign)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", InputWarning)  # printed below, in the chosen language, without a traceback
        report = campaign.score(_results(args), votes=args.votes, events=args.events, as_of=args.as_of,
                                history=args.history or ())
    for warning in report._cpp.warnings(args.lang or campaign.language):
        print(f"thidua: warning: {warning['message']}", file=sys.stderr)
    return report


def _score(args: argparse.Namespace) -> int:
    if not args.results and not args.layer:
        print("thidua score: error: the following arguments are required: results (or the layers, --layer ID=FILE)",
              file=sys.stderr)
        return 2
    report = _scored(args)
    explain = list(args.explain or [])
    if args.explain_leader:
        explain.append(min(report.units, key=lambda u: int(u["overall_rank"]))["id"])
    for unit in explain:
        report.unit(unit)  # an unknown unit stops here, before a file is written
    if args.output:
        _write(report, args.output, args.lang, explain)
        print(f"thidua: wrote {args.output}", file=sys.stderr)
    if args.format == "json":
        sys.stdout.write(report.to_json())
        return 0
    sys.stdout.write(report.table(lang=args.lang))
    for unit in explain:
        sys.stdout.write("\n" + str(report.explain(unit, lang=args.lang)))
    return 0


def _write(report: "Report", path: str, lang: Optional[str], explain: List[str]) -> None:
    suffix = path.lower()
    try:
        if suffix.endswith(".xlsx"):
            report.to_excel(path, lang=lang)
        elif suffix.endswith(".html"):
            report.to_html(path, lang=lang)
        elif suffix.endswith(".csv"):
            report.to_csv(path, lang=lang)
        else:
            write_text(path, report.to_markdown(lang=lang, explain=explain) if suffix.endswith(".md") else report.to_json())
    except OSError as exc:
        raise _Unwritable(f"cannot write {path}: {exc.strerror or exc}") from None


def _validate(args: argparse.Namespace) -> int:
    campaign = load_campaign(args.campaign)
    message = f"{args.campaign}: valid ({len(campaign.units)} units, {len(campaign.criteria)} criteria)"
    if args.results or args.layer:
        inputs = _scored(args).to_dict()["inputs"]
        named = ", ".join([args.results] * bool(args.results) + [_layer_name(item) for item in args.layer or []])
        message += (f"; {named}: valid ({inputs['results']} result rows, {inputs['votes']} votes, "
                    f"{inputs['events']} events)")
    print(message)
    return 0


def _layer_name(item: Union[str, Tuple[str, str]]) -> str:
    return item if isinstance(item, str) else f"{item[0]}={item[1]}"


def _explain(args: argparse.Namespace) -> int:
    report = _scored(args)
    sys.stdout.write(str(report.explain(args.unit, lang=args.lang)))
    return 0


def _template(args: argparse.Namespace) -> int:
    campaign = load_campaign(args.campaign)
    results = args.results
    if results is None and (args.votes or args.events):
        print("thidua template: error: --votes and --events pre-fill a form together with --results", file=sys.stderr)
        return 2
    if results is not None:
        results = load_results(results, votes=args.votes, events=args.events, language=campaign.language)
    try:
        campaign.to_form(args.output, results=results, units=args.unit)
    except OSError as exc:
        raise _Unwritable(f"cannot write {args.output}: {exc.strerror or exc}") from None
    print(f"thidua: wrote {args.output}", file=sys.stderr)
    return 0


def _form(path: str) -> str:
    if not path.lower().endswith(".xlsx"):
        raise argparse.ArgumentTypeError(f"{path!r} does not end with .xlsx")
    return path


def _document_file(path: str) -> str:
    if not path.lower().endswith((".docx", ".pdf")):
        raise argparse.ArgumentTypeError(f"{path!r} does not end with .docx or .pdf")
    return path


def _document(args: argparse.Namespace) -> int:
    import shutil
    import tempfile
    from pathlib import Path

    from .documents import DETAILS, convert

    if not args.results and not args.layer:
        print("thidua document: error: the following arguments are required: results (or the layers, --layer "
              "ID=FILE)", file=sys.stderr)
        return 2
    report = _scored(args)
    details = {name: getattr(args, name) for name in DETAILS if getattr(args, name) is not None}
    try:
        if not args.output.lower().endswith(".pdf"):
            report.to_docx(args.output, args.kind, lang=args.lang, template=args.template, **details)
        else:
            with tempfile.TemporaryDirectory(prefix="thidua-") as folder:
                word = Path(folder) / (Path(args.output).stem + ".docx")
                report.to_docx(word, args.kind, lang=args.lang, template=args.template, **details)
                convert([word], folder)
                with whole_file(args.output) as temporary:
                    shutil.copyfile(word.with_suffix(".pdf"), temporary)
    except OSError as exc:
        raise _Unwritable(f"cannot write {args.output}: {exc.strerror or exc}") from None
    print(f"thidua: wrote {args.output}", file=sys.stderr)
    return 0


def _document_parser(sub: Any, formatter: Any) -> None:
    document = sub.add_parser(
        "document", formatter_class=formatter,
        help="write a Word (or PDF) document of the review: proposal, minutes or summary",
        description="Write a document laid out per Decree 30/2020/NĐ-CP: proposal (tờ trình đề nghị khen thưởng), "
                    "minutes (biên bản bình xét, kiểm phiếu) or summary (bảng tổng hợp kết quả). What the report "
                    "cannot know (number, place, date, signer …) comes from the options; each left out is shown "
                    "as '…'. A .pdf file is converted by LibreOffice (soffice).",
        epilog="examples:\n"
               "  thidua document proposal campaign.json results.csv --votes votes.csv --events events.csv "
               "-o to-trinh.docx \\\n      --issuer 'Cụm thi đua số 1' --place 'Hà Nội' --date 2023-01-05 "
               "--signer 'Nguyễn Văn A' --signer-title 'Cụm trưởng'\n"
               "  thidua document minutes campaign.json results.csv --votes votes.csv -o bien-ban.pdf --present 8 "
               "--absent 0\n"
               "  thidua document summary campaign.json results.json -o tong-hop.docx --template my-summary.docx")
    document.add_argument("kind", choices=["proposal", "minutes", "summary"], help="the document to write")
    _add_inputs(document, "results file (.json, .csv or .xlsx), or a folder of filled forms")
    document.add_argument("-o", "--output", metavar="FILE", type=_document_file, required=True,
                          help="the .docx file to write, or a .pdf (through LibreOffice)")
    document.add_argument("--lang", choices=["vi", "en"], help="language (default: the campaign's)")
    document.add_argument("--template", metavar="FILE",
                          help="a template of one's own: a copy of thidua/templates/KIND.docx (docxtpl tags, "
                               "rendered in Jinja's sandbox)")
    for flag, text in [("--issuer", "the issuing body (cơ quan ban hành), e.g. 'Cụm thi đua số 1'"),
                       ("--managing-body", "the body above it (cơ quan chủ quản); left out: no line"),
                       ("--number", "number and symbol (số, ký hiệu), e.g. '12/TTr-CTĐ'"),
                       ("--place", "the place name (địa danh) before the date"),
                       ("--date", "the document's date, YYYY-MM-DD (no default: the same input gives the same file)"),
                       ("--to", "the addressee of a proposal (kính gửi)"),
                       ("--authority", "the signing authority line, e.g. 'TM. Hội đồng thi đua'; left out: no line"),
                       ("--signer", "the signer's name"),
                       ("--signer-title", "the signer's title, e.g. 'Cụm trưởng'"),
                       ("--chair", "who chaired the meeting (minutes)"),
                       ("--secretary", "the meeting's secretary (minutes)")]:
        document.add_argument(flag, metavar="TEXT", help=text)
    document.add_argument("--recipient", dest="recipients", action="append", metavar="TEXT",
                          help="a recipient (nơi nhận; repeatable)")
    document.add_argument("--present", type=int, metavar="N", help="members present at the meeting (minutes)")
    document.add_argument("--absent", type=int, metavar="N", help="members absent (minutes)")
    document.set_defaults(run=_document)


def _run(args: argparse.Namespace, campaign_path: str, results_path: str) -> "Report":
    campaign = load_campaign(campaign_path)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", InputWarning)  # a diff shows what changed, not what the input lacks
        return campaign.score(results_path, votes=args.votes, events=args.events)


def _diff(args: argparse.Namespace) -> int:
    from .diff import diff

    if len(args.files) not in (2, 4):
        print("thidua diff: error: give two report JSON files, or OLD_CAMPAIGN OLD_RESULTS NEW_CAMPAIGN NEW_RESULTS",
              file=sys.stderr)
        return 2
    try:
        if len(args.files) == 2:
            if args.votes or args.events:
                print("thidua diff: error: --votes and --events go with two runs (campaigns and results), not with "
                      "saved reports", file=sys.stderr)
                return 2
            changes = diff(args.files[0], args.files[1], lang=args.lang)
        else:
            changes = diff(_run(args, *args.files[:2]), _run(args, *args.files[2:]), lang=args.lang)
    except Error as exc:  # trouble, not a difference: exit 2 as GNU diff does
        print(f"thidua: error: {exc}", file=sys.stderr)
        return 2
    if args.format == "markdown":
        sys.stdout.write(changes.to_markdown())
    elif args.format == "csv":
        sys.stdout.write(changes.to_pandas().to_csv(index=False))
    elif args.format == "json":
        sys.stdout.write(json.dumps(changes.to_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(changes.to_text())
    return 0 if changes.empty else 1


def _what_if(args: argparse.Namespace) -> int:
    from ._inputs import read_source

    report = _scored(args)
    if args.changes.lstrip().startswith(("[", "{")):
        text, document = args.changes, "what-if"
    else:
        _, text, document = read_source(args.changes, default_document="what-if")
    try:
        changes = json.loads(text)
    except json.JSONDecodeError as exc:
        raise error(ParseError, f"line {exc.lineno}, column {exc.colno}: {exc.msg}", document) from None
    if not isinstance(changes, (dict, list)):
        raise error(SchemaError, "a what-if is a change (an object) or a list of changes", document)
    after = report.what_if(changes)
    if args.format == "table":
        sys.stdout.write(after.table(lang=args.lang))
    elif args.format == "json":
        sys.stdout.write(after.to_json())
    else:
        changed = report.diff(after, lang=args.lang)
        sys.stdout.write(changed.to_markdown() if args.format == "markdown" else changed.to_text())
    return 0


def _margins(args: argparse.Namespace) -> int:
    report = _scored(args)
    for unit in args.unit or []:
        report.unit(unit)  # an unknown unit stops here
    frame = report.margins(closing_values=not args.no_values, lang=args.lang)
    if args.unit:  # a unit with the best class, the first rank and every award has no row
        frame = frame[frame["unit"].isin(args.unit)]
    if args.format == "csv":
        sys.stdout.write(frame.to_csv(index=False))
    elif args.format == "json":
        sys.stdout.write(json.dumps(frame.to_dict("records"), ensure_ascii=False, indent=2) + "\n")
    else:  # for a reader: each unit by its name, its margins in sentences
        names = {u["id"]: u["name"] or u["id"] for u in report.units}
        for unit, rows in frame.groupby("unit", sort=False):
            sys.stdout.write(names[unit] + "\n" + "".join(f"  - {text}\n" for text in rows["text"]))
    return 0


def _schema(args: argparse.Namespace) -> int:
    print(json.dumps(json_schema(args.document), indent=2, ensure_ascii=False))
    return 0


def _add_tables(command: argparse.ArgumentParser) -> None:
    command.add_argument("--votes", metavar="FILE",
                         help="the council's votes: a table unit,award,yes,of (.csv, or a votes sheet of an .xlsx); "
                              "an empty award counts for every award")
    command.add_argument("--events", metavar="FILE",
                         help="bonus, penalty and disqualifying events: a table unit,adjustment,count,note (.csv, "
                              "or an events sheet of an .xlsx)")


def _add_inputs(command: argparse.ArgumentParser, results_help: str, *, results_optional: bool = True) -> None:
    """The campaign, the results (left out when --layer gives them, if ``results_optional``), and the votes, events
    and layers that come with them."""
    command.add_argument("campaign", help="campaign JSON file")
    if results_optional:
        command.add_argument("results", nargs="?", help=results_help + "; may be left out when --layer gives the results")
    else:
        command.add_argument("results", help=results_help)
    _add_tables(command)
    _add_layers(command)
    _add_time(command)


def _add_time(command: argparse.ArgumentParser) -> None:
    """When the review is: --as-of for an interim one, --history for the earlier years its gates look back on."""
    command.add_argument("--history", action="append", metavar="REPORT.json",
                         help="an earlier year's saved report (-o report.json), for history gates (\"excellent two "
                              "years running\", \"no flag twice in three years\"); give one per year")
    command.add_argument("--as-of", metavar="YYYY-MM-DD",
                         help="an interim review (sơ kết) on that day: in a phase not ended then, a criterion without "
                              "a result is pending (not counted, not 0); the report says it is interim")


def _add_layers(command: argparse.ArgumentParser) -> None:
    command.add_argument("--layer", action="append", metavar="ID=FILE", type=_layer,
                         help="an assessment layer after the results, in order (tu-cham, cham-cheo, tham-dinh …): "
                              "each slot takes the figure of the last layer giving it (repeatable; FILE alone: a "
                              "results document naming its own layer)")


def _parser() -> argparse.ArgumentParser:
    raw = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(
        prog="thidua", formatter_class=raw, epilog=_EXAMPLES,
        description="Score Vietnamese emulation movements (phong trào thi đua) exactly: points, classes, ranks, "
                    "awards and explanations.")
    parser.add_argument("--version", action="version", version=f"thidua {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    score = sub.add_parser("score", formatter_class=raw, epilog=_SCORE_EXAMPLES,
                           help="score results against a campaign; print the table or write a report file",
                           description="Score results against a campaign and print the ranked table per cluster.")
    _add_inputs(score, "results file (.json; .csv with a header row; .xlsx: a filled form, or a results sheet), or a "
                       "folder of filled forms")
    score.add_argument("-o", "--output", metavar="FILE", type=_output,
                       help="also write the report: .xlsx (summary and points sheets), .json (the report document), "
                            ".md (tables and explanations), .csv (one row per unit) or .html (one self-contained page "
                            "to read on a phone or print)")
    score.add_argument("--format", choices=["table", "json"], default="table",
                       help="what to print: the table (default) or the report document")
    score.add_argument("--lang", choices=["vi", "en"],
                       help="language of the table, sheets and explanations (default: the campaign's)")
    score.add_argument("--explain", action="append", metavar="UNIT",
                       help="also explain this unit, after the table and in a .md file (repeatable)")
    score.add_argument("--explain-leader", action="store_true", help="also explain the unit ranked first overall")
    score.set_defaults(run=_score)

    validate = sub.add_parser("validate", formatter_class=raw,
                              help="check a campaign (and results) and report the first error",
                              description="Check a campaign, and results against it; print the first error with "
                                          "its JSON pointer or CSV line.",
                              epilog="example:\n  thidua validate campaign.json results.csv")
    _add_inputs(validate, "results file (.json, .csv or .xlsx)")
    validate.add_argument("--lang", choices=["vi", "en"], help="language of the warnings (default: the campaign's)")
    validate.set_defaults(run=_validate)

    explain = sub.add_parser("explain", formatter_class=raw, help="explain how one unit's report came about",
                             description="Explain one unit step by step: points per criterion, phase scores, base, "
                                         "adjustments, class, rank and awards.",
                             epilog="example:\n  thidua explain campaign.json results.csv bac-hong --lang en")
    explain.add_argument("campaign", help="campaign JSON file")
    explain.add_argument("results", help="results file (.json, .csv or .xlsx)")
    explain.add_argument("unit", help="the unit id")
    _add_tables(explain)
    _add_layers(explain)
    _add_time(explain)
    explain.add_argument("--lang", choices=["vi", "en"], help="language (default: the campaign's)")
    explain.set_defaults(run=_explain)

    template = sub.add_parser(
        "template", formatter_class=raw, help="write the data-entry form (.xlsx) the units fill in",
        description="Write the data-entry workbook: one sheet per unit with the criteria that apply to it (one row "
                    "per phase), dropdowns, locked structure and a hidden key; votes, events and instructions "
                    "sheets. `thidua score` reads the filled forms back (a file, or a folder of them).",
        epilog="examples:\n  thidua template campaign.json -o forms.xlsx\n"
               "  thidua template campaign.json -o bac-hong.xlsx --unit bac-hong --results results.json\n"
               "  thidua template campaign.json -o forms.xlsx --results results.csv --votes votes.csv --events events.csv\n"
               "  thidua score campaign.json forms/ -o report.xlsx")
    template.add_argument("campaign", help="campaign JSON file")
    template.add_argument("-o", "--output", metavar="FILE", type=_form, required=True, help="the .xlsx file to write")
    template.add_argument("--results", metavar="RESULTS",
                          help="pre-fill values, statuses, dates, notes, votes and events from these results (as "
                               "`thidua score` reads them)")
    template.add_argument("--unit", action="append", metavar="ID",
                          help="only this unit's sheet (repeatable; default: every unit)")
    _add_tables(template)
    template.set_defaults(run=_template)

    _document_parser(sub, raw)

    compare = sub.add_parser(
        "diff", formatter_class=raw, epilog=_DIFF_EXAMPLES,
        help="what changed between two runs (exit 0: nothing, 1: something, 2: trouble)",
        description="Compare two runs per unit (points per slot, phase scores, totals, classes, ranks, awards) and "
                    "their inputs (fingerprints; for two runs also campaign keys and result rows).")
    compare.add_argument("files", nargs="+", metavar="FILE",
                         help="OLD.json NEW.json (report documents), or OLD_CAMPAIGN OLD_RESULTS NEW_CAMPAIGN "
                              "NEW_RESULTS")
    _add_tables(compare)
    compare.add_argument("--format", choices=["text", "markdown", "csv", "json"], default="text",
                         help="what to print (default: text)")
    compare.add_argument("--lang", choices=["vi", "en"],
                         help="language of the text (default: the campaign's; Vietnamese for saved reports)")
    compare.set_defaults(run=_diff)

    what_if = sub.add_parser(
        "what-if", formatter_class=raw, help="score hypothetical changes and say what they change (no file touched)",
        description="Score the results with hypothetical changes (docs/python.md, What-if) and print what changes: "
                    "per unit, points, totals, classes, ranks and awards.",
        epilog="examples:\n"
               "  thidua what-if campaign.json results.json changes.json\n"
               "  thidua what-if campaign.json results.json '[{\"unit\": \"nam-hong\", \"total_delta\": 5}]' --lang en")
    what_if.add_argument("campaign", help="campaign JSON file")
    what_if.add_argument("results", help="results file (.json, .csv or .xlsx), or a folder of filled forms")
    what_if.add_argument("changes", help="a JSON file of changes, or the JSON text itself: {unit, criterion, phase, "
                                         "value|status}, {unit, adjustment}, {unit, total_delta}, {phase, weight}, "
                                         "{class, min_score}, {award, count|max_share}")
    _add_tables(what_if)
    _add_layers(what_if)
    _add_time(what_if)
    what_if.add_argument("--format", choices=["text", "markdown", "table", "json"], default="text",
                         help="what to print: the changes (text, markdown), the new table, or the new report")
    what_if.add_argument("--lang", choices=["vi", "en"], help="language (default: the campaign's)")
    what_if.set_defaults(run=_what_if)

    margins = sub.add_parser(
        "margins", formatter_class=raw, help="how many points each unit lacks for its next class, rank and awards",
        description="For every unit, the points it lacks for its next class up, its next rank up and each award it "
                    "did not receive (or what blocks it), and a single reported value that would close the gap.",
        epilog="example:\n  thidua margins campaign.json results.json --unit nam-hong --format csv")
    _add_inputs(margins, "results file (.json, .csv or .xlsx), or a folder of filled forms", results_optional=False)
    margins.add_argument("--unit", action="append", metavar="ID", help="only this unit (repeatable)")
    margins.add_argument("--no-values", action="store_true", help="skip the search for a closing value")
    margins.add_argument("--format", choices=["text", "csv", "json"], default="text", help="what to print")
    margins.add_argument("--lang", choices=["vi", "en"], help="language of the sentences and warnings (default: the campaign's)")
    margins.set_defaults(run=_margins)

    schema = sub.add_parser("schema", formatter_class=raw,
                            help="print the JSON Schema of the campaign or the results document",
                            epilog="example:\n  thidua schema campaign > campaign.schema.json")
    schema.add_argument("document", choices=["campaign", "results"])
    schema.set_defaults(run=_schema)
    return parser


def main(argv: Optional[List[str]] = None) -> int:
    """Runs the command line with ``argv`` (default: ``sys.argv[1:]``) and returns the exit code."""
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version (0) and usage errors (2), already printed by argparse
        return int(exc.code or 0)
    try:
        return int(args.run(args))
    except (Error, _Unwritable) as exc:
        print(f"thidua: error: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # The reader stopped early (`thidua schema campaign | head`), which the user asked for. Python would print a
        # traceback when it flushes stdout at exit; stdout goes to /dev/null instead.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
