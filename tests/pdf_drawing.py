"""Drawing test PDFs with fpdf2: a Decree 30 công văn cell by cell (two-column header and
foot), shared by the reader tests. DejaVu Serif, because Liberation 1.x lacks most
Vietnamese glyphs."""
from __future__ import annotations

import os
from dataclasses import dataclass

import pytest

fpdf = pytest.importorskip("fpdf")
FONT_DIR = "/usr/share/fonts/truetype/dejavu"
FONTS = {"": "DejaVuSerif.ttf", "B": "DejaVuSerif-Bold.ttf", "I": "DejaVuSerif-Italic.ttf",
         "BI": "DejaVuSerif-BoldItalic.ttf"}


def new_pdf(encrypt: str | None = None, auto_page_break: bool = True,
            margins: tuple[float, float, float] | None = (56, 56, 42)) -> "fpdf.FPDF":
    if not all(os.path.exists(os.path.join(FONT_DIR, f)) for f in FONTS.values()):
        pytest.skip("DejaVu fonts not installed")
    doc = fpdf.FPDF(unit="pt", format="A4")
    for style, name in FONTS.items():
        doc.add_font("Serif", style, os.path.join(FONT_DIR, name))
    if encrypt is not None:
        doc.set_encryption(owner_password="owner", user_password=encrypt)
    if not auto_page_break:
        doc.set_auto_page_break(False)
    if margins is not None:
        doc.set_margins(*margins)
    return doc


def cell(doc, x, y, w, text, style="", align="C", size=13):
    doc.set_font("Serif", style, size)
    doc.set_xy(x, y)
    doc.cell(w, 16, text, align=align)


@dataclass
class Dispatch:
    """What varies between the test documents; the layout is the same."""

    number: str
    date_line: str
    subject: str
    body: str
    authority: str
    position: str
    signer: str


def draw_dispatch(doc, d: Dispatch) -> None:
    """One công văn on the current page: header columns, Kính gửi, body, foot columns."""
    cell(doc, 56, 56, 200, "ỦY BAN NHÂN DÂN")
    cell(doc, 260, 56, 300, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "B")
    cell(doc, 56, 72, 200, "HUYỆN AN LÃO", "B")
    cell(doc, 260, 72, 300, "Độc lập - Tự do - Hạnh phúc", "B")
    cell(doc, 56, 96, 200, d.number)
    cell(doc, 260, 96, 300, d.date_line, "I")
    cell(doc, 56, 112, 200, d.subject, size=12)
    doc.set_xy(56, 150)
    doc.set_font("Serif", "", 13)
    doc.multi_cell(480, 16, "Kính gửi: Các phòng, ban, ngành thuộc huyện.\n\n" + d.body)
    y = doc.get_y() + 20
    cell(doc, 56, y, 200, "Nơi nhận:", "BI", align="L", size=12)
    cell(doc, 300, y, 250, d.authority, "B")
    cell(doc, 56, y + 14, 200, "- Như trên;", align="L", size=11)
    cell(doc, 300, y + 16, 250, d.position, "B")
    cell(doc, 56, y + 28, 200, "- Lưu: VT.", align="L", size=11)
    cell(doc, 300, y + 80, 250, d.signer, "B")
