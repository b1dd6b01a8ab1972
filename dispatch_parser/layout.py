"""The one layout model every reader produces: pages -> lines -> words, each with its box.

Text input has one page of lines without boxes; PDF, OCR and Word readers fill boxes (PDF
points, origin top-left). The normalizer and segmenter work on `Line`s and never care where
the text came from; `Layout.text` and each line's `start` tie every line to a character span
of one flat text, which is what provenance refers to.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator, Optional

from .models import Box


@dataclass(slots=True)
class Word:
    text: str
    box: Optional[Box] = None


@dataclass(slots=True)
class Line:
    text: str
    page: int = 1
    box: Optional[Box] = None
    words: list[Word] = field(default_factory=list)
    start: int = 0          # offset of the line in Layout.text
    column: Optional[str] = None   # "left" / "right" where a reader split two columns


@dataclass(slots=True)
class Page:
    number: int
    width: Optional[float] = None
    height: Optional[float] = None
    lines: list[Line] = field(default_factory=list)
    ocr: bool = False       # the text came from OCR, not from a text layer
    # clockwise degrees (0, 90, 180, 270) that turn the page as displayed so its text reads
    # upright: the frame its boxes are in (a scan or a PDF page printed sideways)
    turn: int = 0
    # counter-clockwise degrees a scan was rotated by (before `turn`) to level its text rows
    skew: float = 0.0


@dataclass
class Layout:
    pages: list[Page]
    source: Optional[str] = None        # path, when the input had one
    format: str = "text"                # text, markdown, pdf, image, docx, html
    warnings: list[str] = field(default_factory=list)
    text: str = ""

    def __post_init__(self) -> None:
        if not self.text:
            self.reflow()

    def reflow(self) -> None:
        """Join all lines into `text`, one line a row, and record each line's start offset."""
        parts: list[str] = []
        pos = 0
        for line in self.lines():
            line.start = pos
            parts.append(line.text)
            pos += len(line.text) + 1
        self.text = "\n".join(parts)

    def lines(self) -> Iterator[Line]:
        for page in self.pages:
            yield from page.lines

    @classmethod
    def from_text(cls, text: str, source: Optional[str] = None, format: str = "text") -> "Layout":
        lines = [Line(text=t) for t in text.split("\n")]
        return cls(pages=[Page(number=1, lines=lines)], source=source, format=format)
