"""The `dispatch-parser` command line. Sub-commands sit on top of `parse()`."""
from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from pathlib import Path
from typing import Optional, Sequence

from . import __version__
from .errors import DispatchParserError
from .pipeline import NLP_DEFAULT, ZONING_DEFAULT, ZONING_MODES, parse


def _record_json(record, indent: Optional[int]) -> str:
    return json.dumps(record.model_dump(mode="json"), ensure_ascii=False, indent=indent)


def cmd_parse(args: argparse.Namespace) -> int:
    failed = 0
    if args.out:
        Path(args.out).mkdir(parents=True, exist_ok=True)
    as_json = args.json or (not args.jsonl and not args.out)
    stems = Counter(Path(p).stem for p in args.paths)
    shared_stems = {stem for stem, n in stems.items() if n > 1}
    for path, record, error in _parse_all(args):
        if error is not None:
            failed += 1
            print(f"dispatch-parser: {error}", file=sys.stderr)
            continue
        for w in record.warnings:
            print(f"dispatch-parser: {path}: warning: {w}", file=sys.stderr)
        if args.out:
            target = Path(args.out) / _out_name(path, shared_stems)
            target.write_text(_record_json(record, 1) + "\n", encoding="utf-8")
        if args.jsonl:
            print(_record_json(record, None), flush=True)
        elif as_json and not args.out:
            print(_record_json(record, 1), flush=True)
    return 1 if failed else 0


def _out_name(path: str, shared_stems: set[str]) -> str:
    """STEM.json (what score.py --pred reads); NAME.json when inputs share a stem (x.pdf and
    x.docx), so that neither record overwrites the other."""
    p = Path(path)
    return (p.name if p.stem in shared_stems else p.stem) + ".json"


def _jobs(args: argparse.Namespace) -> int:
    """Worker processes: --jobs, or every core when there are several inputs (OCR and PDF
    reading are CPU-bound); one for a single file, where a pool would only add start-up."""
    if args.jobs:
        return max(1, args.jobs)
    if len(args.paths) < 4 or args.debug_pdf:
        return 1
    return max(1, min(len(args.paths), os.cpu_count() or 1))


def _parse_all(args: argparse.Namespace):
    """(path, record, None) or (path, None, error message) for each input, in input order."""
    from functools import partial

    from .corpus.convert import ProcessExecutor

    # the corpus executor survives a dying worker; it yields as tasks finish, so results
    # wait here until those before them are out, and output reads the same as a serial run
    results = ProcessExecutor(_jobs(args)).map_unordered(
        partial(_guarded_at, args), list(enumerate(args.paths)), lost=_worker_died)
    waiting: dict[int, tuple] = {}
    next_index = 0
    for index, result in results:
        waiting[index] = result
        while next_index in waiting:
            yield waiting.pop(next_index)
            next_index += 1


def _guarded_at(args: argparse.Namespace, item: tuple[int, str]):
    index, path = item
    return index, _guarded(args, path)


def _worker_died(item: tuple[int, str]):
    index, path = item
    return index, (path, None, f"{path}: the process reading it died (out of memory or killed); "
                               "the other files were parsed")


def _guarded(args: argparse.Namespace, path: str):
    """One input, with every failure turned into a message naming the file: the batch goes on."""
    try:
        return path, _parse_one(args, path, len(args.paths) > 1), None
    except DispatchParserError as exc:
        return path, None, str(exc)
    except Exception as exc:   # a parser bug: report it with the file, go on with the batch
        return path, None, (f"{path}: internal error ({type(exc).__name__}: {exc}); "
                            "please report it with this file")


def _parse_one(args: argparse.Namespace, path: str, many: bool):
    """One input's record; with --debug-pdf the same read and parse also draws the pages."""
    options = {"strict": args.strict, "nlp": args.nlp, "zoning": args.zoning}
    if not args.debug_pdf:
        return parse(Path(path), **options)
    from .debug_render import debug_parse, label

    record, written = debug_parse(path, label(args.debug_pdf, path, many), **options)
    if not written:
        print(f"dispatch-parser: {path}: --debug-pdf draws on PDF and image input only", file=sys.stderr)
    return record


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="dispatch-parser",
                                 description="Parse Vietnamese administrative documents into records.")
    ap.add_argument("--version", action="version", version=f"dispatch-parser {__version__}")
    sub = ap.add_subparsers(dest="command", required=True)
    p = sub.add_parser("parse", help="parse documents and print or write their records")
    p.add_argument("paths", nargs="+", metavar="PATH")
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="one JSON record per input (default)")
    fmt.add_argument("--jsonl", action="store_true", help="one JSON line per input")
    p.add_argument("--out", metavar="DIR", help="write DIR/STEM.json for each input")
    p.add_argument("-j", "--jobs", type=int, default=0, metavar="N",
                   help="worker processes (default: every core when given 4 or more files)")
    p.add_argument("--strict", action="store_true",
                   help="fail on texts that are no administrative document")
    p.add_argument("--debug-pdf", metavar="OUT", dest="debug_pdf",
                   help="draw the zones and fields read over the pages of a PDF input: "
                        "OUT.pdf, or OUT.png for one PNG per page (OUT-p1.png …)")
    p.add_argument("--nlp", action=argparse.BooleanOptionalAction, default=NLP_DEFAULT,
                   help="underthesea clean-up of field values (tone placement); --no-nlp skips it")
    p.add_argument("--zoning", choices=ZONING_MODES, default=ZONING_DEFAULT,
                   help="zones from the rules, the learned zoner (models/zoner), both, or auto: both on OCR'd pages, rules on born-digital text (default: %(default)s)")
    p.set_defaults(func=cmd_parse)
    for register in _plugins():
        register(sub)
    return ap


def _plugins():
    """Sub-commands defined in other modules (convert, search, serve …), when present."""
    found = []
    for name in ("dispatch_parser.corpus.cli", "dispatch_parser.zoning.cli"):
        try:
            module = __import__(name, fromlist=["register"])
        except ImportError:
            continue
        found.append(module.register)
    return found


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
