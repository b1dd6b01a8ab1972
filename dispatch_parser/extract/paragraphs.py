"""Body lines -> paragraphs: wrapped lines joined, a new paragraph at a list marker or after
a line that ends a sentence and a next line that starts one."""
from __future__ import annotations

from dataclasses import dataclass, field

import regex

from ..normalize import CleanLine
from ..segment import ITEM
from .common import join_lines

_ENDS_SENTENCE = regex.compile(r"[.:;!?…]\s*[”\")]?\s*$")


@dataclass
class Paragraph:
    lines: list[CleanLine] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return join_lines(self.texts)


def paragraphs(lines: list[CleanLine]) -> list[Paragraph]:
    out: list[Paragraph] = []
    prev_text = ""
    for line in lines:
        text = line.text
        if not text:
            continue
        starts_new = (not out or ITEM.match(text) is not None
                      or (_ENDS_SENTENCE.search(prev_text) and not text[:1].islower())
                      or text[:1] in "“\"" and _ENDS_SENTENCE.search(prev_text))
        if starts_new:
            out.append(Paragraph())
        out[-1].lines.append(line)
        out[-1].texts.append(text)
        prev_text = text
    return out
