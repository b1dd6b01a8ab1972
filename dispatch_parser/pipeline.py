"""parse(): read -> normalize -> segment -> extract -> validate.

Each stage is a plain function of the previous stage's output (spaCy-style components in a
fixed order); `PIPELINE` lists the extractors so a caller can see, and tests can run, each one.
"""
from __future__ import annotations

import os
from typing import Union

from pydantic import ValidationError

from .errors import DispatchParserError, NotADispatchError, ZonerUnavailableError
from .extract.contacts import extract_contacts
from .extract.directives import extract_directives
from .extract.distribution import extract_distribution
from .extract.footnotes import extract_footnotes
from .extract.header import (extract_date_place, extract_document_type, extract_issuer,
                             extract_marks, extract_number, rejoin_split_province)
from .extract.recipients import extract_recipients
from .extract.references import extract_references
from .extract.signature import extract_signer
from .extract.subject import extract_subject
from .extract.common import provenance
from .layout import Layout
from .models import DispatchRecord, FieldStatus
from .nlp import normalize_fields
from .normalize import normalize
from .read import read
from .segment import Segments, segment

Source = Union[str, bytes, os.PathLike]
# underthesea tone-placement clean-up of field values (nlp.py); see benchmarks/README.md for its cost
NLP_DEFAULT = True
# zoning/ (issue 4): "auto" | "rules" | "model" | "both"; see README "Learned zoning" for the ablation
ZONING_DEFAULT = "auto"
ZONING_MODES = ("auto", "rules", "model", "both")


def zoning_for(layout: Layout, zoning: str) -> str:
    """'auto': rules and the learned zoner together on laid-out input (scans, PDF, DOCX, HTML:
    column order and line wrapping differ from the text the rules grew on, and that is where
    the model's measured gain is); rules alone on plain text and Markdown, where both give
    the same records at about half the speed."""
    if zoning not in ZONING_MODES:
        raise DispatchParserError(f"zoning must be one of {', '.join(ZONING_MODES)}, not {zoning!r}",
                                  layout.source)
    if zoning != "auto":
        return zoning
    laid_out = layout.format not in ("text", "markdown") or any(page.ocr for page in layout.pages)
    return "both" if laid_out else "rules"


def extract(seg: Segments) -> dict:
    """Run every extractor over the segments; returns the record's fields."""
    fields: dict = {}
    number = extract_number(seg)
    fields["number"] = number
    fields["document_type"] = extract_document_type(seg, number)
    fields["issuer"] = extract_issuer(seg)
    date, place = extract_date_place(seg, fields["issuer"])
    fields["issuer"], place = rejoin_split_province(fields["issuer"], place)
    fields["date"], fields["place"] = date, place
    fields["subject"] = extract_subject(seg)
    fields["recipients"] = extract_recipients(seg)
    fields["legal_basis"], fields["references"] = extract_references(seg)
    fields["directives"] = extract_directives(seg)
    fields["contacts"] = extract_contacts(seg)
    fields["signer"] = extract_signer(seg)
    fields["distribution"] = extract_distribution(seg)
    fields["footnotes"] = extract_footnotes(seg)
    fields["marks"] = extract_marks(seg)
    return fields


def _issuer_lines(seg: Segments) -> list:
    """The left header lines above the number: where Decree 30 puts the issuing body (the
    left column also holds the number and, in a công văn, the V/v subject below it)."""
    lines = []
    for part in seg.header:
        if part is seg.number or (seg.subject and part.line in seg.subject):
            break
        if part.column == "left" and part is not seg.date and part.line not in lines:
            lines.append(part.line)
    return lines


def _provenance(seg: Segments, fields: dict) -> dict:
    prov = {}
    if seg.number is not None:
        prov["number"] = provenance([seg.number.line], "header")
    if seg.date is not None:
        prov["date"] = provenance([seg.date.line], "header")
        if fields.get("place"):
            prov["place"] = prov["date"]        # Decree 30 writes the place on the date line
    if fields.get("issuer") and fields["issuer"].name:
        prov["issuer"] = provenance(_issuer_lines(seg), "header")
    if seg.subject or seg.title:
        prov["subject"] = provenance(seg.subject or seg.title, "subject" if seg.subject else "title")
    if seg.type_line is not None:
        prov["document_type"] = provenance([seg.type_line], "title")
    elif fields.get("document_type") and seg.subject:
        prov["document_type"] = provenance(seg.subject[:1], "subject")   # a công văn's V/v line
    for name, lines in (("recipients", seg.recipients), ("directives", seg.body),
                        ("footnotes", seg.footnotes)):
        if lines:
            prov[name] = provenance(lines, name if name != "directives" else "body")
    if seg.distribution:
        prov["distribution"] = provenance([l for l, _ in seg.distribution], "distribution")
    if seg.signature:
        prov["signer"] = provenance([l for l, _ in seg.signature], "signature")
    return {k: v for k, v in prov.items() if v is not None}


def _status(fields: dict, seg: Segments) -> dict[str, FieldStatus]:
    status: dict[str, FieldStatus] = {}
    checks = {
        "number": (fields["number"] is not None, "no 'Số:' line found in the header"),
        "issuer": (bool(fields["issuer"].name), "no issuing body found in the header"),
        "date": (fields["date"].year is not None, "no date line found, or its year is unreadable"),
        "subject": (fields["subject"] is not None, "no V/v line or title found"),
        "signer": (fields["signer"] is not None and bool(fields["signer"].name),
                   "no signer's name found in the signature block"),
        "document_type": (fields["document_type"] is not None, "no type name or V/v line found"),
    }
    for name, (ok, reason) in checks.items():
        status[name] = FieldStatus(confidence=0.9 if ok else 0.0, reason=None if ok else reason)
    return status


def parse_layout(layout: Layout, *, strict: bool = False, nlp: bool = NLP_DEFAULT,
                 zoning: str = ZONING_DEFAULT) -> DispatchRecord:
    lines = normalize(layout)
    seg = segment(lines)
    mode = zoning_for(layout, zoning)
    warnings = list(layout.warnings)
    if mode != "rules":
        from .zoning import apply_zoning    # the model (and numpy) load only when it is used
        try:
            seg = apply_zoning(seg, mode)
        except ZonerUnavailableError as exc:
            if mode == "model":
                raise
            # "both" still has the rules' zones: the record says what it went without
            warnings.append(f"zoning: {exc}; zones from the rules alone")
    fields = extract(seg)
    if nlp:
        normalize_fields(fields)
    # a Nơi nhận list counts: a letter's last page scanned alone shows only the foot
    structure = sum(bool(x) for x in (fields["number"], fields["issuer"].name, fields["date"].year,
                                       fields["subject"], fields["recipients"], fields["signer"],
                                       fields["distribution"]))
    if structure < 2:
        message = "the text shows no administrative-document structure (no number, date, issuer, " \
                  "subject or signature found)"
        if strict:
            raise NotADispatchError(message, layout.source)
        warnings.append(message)
        fields = {k: v for k, v in fields.items() if k in ("marks",)}
    status = _status(fields, seg) if structure >= 2 else {}
    for name, st in status.items():
        if st.confidence == 0.0 and name not in ("signer",):
            warnings.append(f"{name}: {st.reason}")
    try:
        return DispatchRecord(**fields, provenance=_provenance(seg, fields) if structure >= 2 else {},
                              status=status, warnings=warnings, source=layout.source)
    except ValidationError as exc:   # an extractor produced an impossible value
        raise DispatchParserError(f"internal error, the record did not validate: {exc}",
                                  layout.source) from exc


def parse(source: Source, *, strict: bool = False, nlp: bool = NLP_DEFAULT,
          zoning: str = ZONING_DEFAULT) -> DispatchRecord:
    """Parse one document: a path, a text string or raw bytes.

    Raises only `DispatchParserError` subclasses. In non-strict mode a text that is no
    administrative document yields an empty record with a warning; with `strict=True` it
    raises `NotADispatchError`. `nlp=False` skips the underthesea clean-up of field values
    (tone placement: `hoà` -> `hòa`). `zoning` is "rules", "model" (the learned line zoner of
    models/zoner), "both" (rules, the model filling zones they left empty) or "auto" (both on
    OCR'd pages, rules on born-digital text: the default).
    """
    layout = read(source)
    return parse_layout(layout, strict=strict, nlp=nlp, zoning=zoning)
