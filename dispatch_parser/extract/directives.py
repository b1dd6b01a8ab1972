"""The numbered body as a tree: I. / 1. / 1.1. / a) / - / + / Điều N."""
from __future__ import annotations

from typing import Optional

import regex

from ..models import Directive
from ..segment import ITEM, Segments
from .common import join_lines, provenance, strip_edges
from .paragraphs import Paragraph, paragraphs

_QUOTE_OPEN = ("“", "\"", "‘")


def _kind(m: regex.Match) -> tuple[str, str]:
    """(kind, label) of an item marker; dotted numbers are a kind per depth."""
    if m.group("roman"):
        return "roman", m.group("roman")
    if m.group("num"):
        num = m.group("num")
        return f"num{num.count('.')}", num
    if m.group("letter"):
        return "letter", m.group("letter")
    if m.group("article"):
        label = regex.sub(r"\s+", " ", m.group("article"))
        return "article", "Điều " + label.split()[-1]
    bullet = m.group("bullet")
    bullet = "-" if bullet in "-–—~•*" else bullet
    return "bullet" + bullet, bullet


def extract_directives(seg: Segments) -> list[Directive]:
    roots: list[Directive] = []
    stack: list[tuple[str, Directive]] = []
    in_quote = False
    for p in paragraphs(seg.body):
        text = p.text
        if in_quote:
            if "”" in text or text.rstrip().endswith("\""):
                in_quote = False
            continue
        if text.startswith(_QUOTE_OPEN):
            closed = text.count("”") >= 1 or text.count("\"") >= 2
            in_quote = not closed
            continue
        m = ITEM.match(text)
        if m is None:
            continue
        kind, label = _kind(m)
        if kind == "roman" and label in ("I", "V", "X") and stack and stack[-1][0] == "letter":
            kind, label = "letter", label.lower()
        item_text = strip_edges(text[m.end():], " \t")
        node = Directive(label=label, text=item_text, provenance=provenance(p.lines, "body"))
        kinds = [k for k, _ in stack]
        if kind in kinds:
            del stack[kinds.index(kind):]
        if stack:
            stack[-1][1].children.append(node)
        else:
            roots.append(node)
        stack.append((kind, node))
    return roots
