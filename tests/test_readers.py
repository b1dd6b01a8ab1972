"""Readers: text-layer PDF, DOCX, Word HTML, legacy encodings, bad input, --debug-pdf.

Every PDF and DOCX here is built in the test (fpdf2, python-docx), laid out per Decree 30:
a two-column header (issuing body | motto, number | place and date) and a two-column foot
(Nơi nhận | signature block).
"""
from __future__ import annotations

import io
import json
import sys
import time
from pathlib import Path

import pytest

from dispatch_parser.errors import (CorruptFileError, EmptyInputError, EncryptedFileError,
                                    InputTooLargeError, OCRUnavailableError)
from dispatch_parser.layout import Line, Page
from dispatch_parser.pipeline import parse
from dispatch_parser.read import legacy, read
from dispatch_parser.read import pdf as pdf_reader

fpdf = pytest.importorskip("fpdf")
from pdf_drawing import Dispatch, cell, draw_dispatch, new_pdf  # noqa: E402
CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "real"

BODY = ("Thực hiện chỉ đạo của Ủy ban nhân dân tỉnh, Ủy ban nhân dân huyện yêu cầu các cơ quan, "
        "đơn vị thực hiện tốt các nội dung sau đây nhằm bảo đảm an toàn cho người dân trên địa bàn./.")


def dispatch_pdf(body: str = BODY, encrypt: str | None = None, pages: int = 1) -> bytes:
    """A one-page công văn with a two-column header and foot, drawn cell by cell."""
    doc = new_pdf(encrypt)
    doc.add_page()
    draw_dispatch(doc, Dispatch("Số: 123/UBND-VP", "An Lão, ngày 12 tháng 3 năm 2024",
                                "V/v phòng chống dịch", body, "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH",
                                "Nguyễn Văn An"))
    for i in range(1, pages):
        doc.add_page()
        cell(doc, 56, 56, 400, f"Phụ lục trang {i + 1}", align="L")
    return bytes(doc.output())


@pytest.fixture(scope="module")
def pdf_bytes() -> bytes:
    return dispatch_pdf()


# --- text-layer PDF ------------------------------------------------------------------------
def test_pdf_header_and_foot_columns_are_separated_by_position(pdf_bytes):
    layout = read(pdf_bytes)
    assert layout.format == "pdf"
    lines = [l for l in layout.lines() if l.text]
    col = {l.text: l.column for l in lines}
    assert col["ỦY BAN NHÂN DÂN"] == "left" and col["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"] == "right"
    assert col["Số: 123/UBND-VP"] == "left" and col["An Lão, ngày 12 tháng 3 năm 2024"] == "right"
    assert col["Nơi nhận:"] == "left" and col["TM. ỦY BAN NHÂN DÂN"] == "right"
    assert col["Nguyễn Văn An"] == "right"
    texts = [l.text for l in lines]
    # within a band, the whole left column comes before the right column
    assert texts.index("Số: 123/UBND-VP") < texts.index("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    assert texts.index("- Lưu: VT.") < texts.index("TM. ỦY BAN NHÂN DÂN")
    # no row fuses the two columns
    assert not any("ỦY BAN NHÂN DÂN CỘNG HÒA" in t for t in texts)
    # body lines are not cut at their word gaps
    assert any(t.startswith("Kính gửi: Các phòng") for t in texts)
    assert all(l.column is None for l in lines if l.text.startswith(("Thực hiện", "Kính gửi")))


def test_pdf_lines_and_words_have_boxes_on_the_page(pdf_bytes):
    layout = read(pdf_bytes)
    page = layout.pages[0]
    assert page.width == pytest.approx(595.28, abs=1) and page.height == pytest.approx(841.89, abs=1)
    for line in page.lines:
        if not line.text:
            continue
        b = line.box
        assert b is not None and 0 <= b.x0 < b.x1 <= page.width and 0 <= b.top < b.bottom <= page.height
        assert line.words and " ".join(w.text for w in line.words) == line.text
        assert all(b.x0 - 0.01 <= w.box.x0 and w.box.x1 <= b.x1 + 0.01 for w in line.words)
    number = next(l for l in page.lines if l.text.startswith("Số:"))
    assert number.box.top < 130 and number.box.x1 < 297     # top-left origin, left half
    name = next(l for l in page.lines if l.text == "Nguyễn Văn An")
    assert name.box.x0 > 297 and name.box.top > number.box.bottom


def test_pdf_word_boxes_agree_with_pdfplumber(pdf_bytes):
    """Our boxes (pdfium character boxes, top-left origin) land where pdfplumber puts them."""
    pdfplumber = pytest.importorskip("pdfplumber")
    with pdfplumber.open(io.BytesIO(pdf_bytes)) as doc:
        theirs = {w["text"]: w for w in doc.pages[0].extract_words()}
    ours = {w.text: w.box for l in read(pdf_bytes).pages[0].lines for w in l.words}
    for text in ("123/UBND-VP", "TM.", "Nguyễn", "phúc"):
        assert ours[text].x0 == pytest.approx(theirs[text]["x0"], abs=2.5)
        assert ours[text].x1 == pytest.approx(theirs[text]["x1"], abs=2.5)
        # pdfium's loose boxes span the font's ascent/descent; the text line is inside them
        mid = (theirs[text]["top"] + theirs[text]["bottom"]) / 2
        assert ours[text].top <= mid <= ours[text].bottom


def test_pdf_record_fields_and_provenance(pdf_bytes):
    record = parse(pdf_bytes)
    assert record.number.raw == "123/UBND-VP"
    assert record.date.iso == "2024-03-12"
    assert record.issuer.name == "Ủy ban nhân dân huyện An Lão"
    assert record.place == "An Lão"
    assert record.signer is not None and record.signer.name == "Nguyễn Văn An"
    assert record.distribution[0] == "Như trên"
    prov = record.provenance["number"]
    assert prov.page == 1 and prov.box is not None and prov.box.top < 130
    assert record.provenance["date"].box.x0 > 250


def test_pdf_matches_its_own_text(pdf_bytes):
    """The same document read from the PDF and from the PDF's text gives the same record."""
    layout = read(pdf_bytes)
    from_pdf = parse(pdf_bytes).model_dump(exclude={"provenance", "source", "warnings", "status"})
    from_text = parse(layout.text).model_dump(exclude={"provenance", "source", "warnings", "status"})
    assert from_pdf == from_text


def test_pdf_with_a_scanned_page_hands_that_page_to_ocr(monkeypatch):
    from PIL import Image

    doc = new_pdf()
    doc.add_page()
    cell(doc, 56, 56, 480, "Trang một có lớp chữ: Ủy ban nhân dân huyện An Lão.", align="L")
    doc.add_page()
    image = Image.new("RGB", (400, 560), "white")
    buf = io.BytesIO()
    image.save(buf, "PNG")
    doc.image(io.BytesIO(buf.getvalue()), x=0, y=0, w=595, h=842)
    data = bytes(doc.output())

    calls = []

    def fake_ocr(img, page_number, dpi):
        calls.append((page_number, dpi, img.size))
        return Page(number=page_number, lines=[Line(text="Chữ đọc bằng OCR")])

    import dispatch_parser.read.ocr as ocr
    monkeypatch.setattr(ocr, "ocr_page_image", fake_ocr)
    layout = read(data)
    assert [p.ocr for p in layout.pages] == [False, True]
    assert calls and calls[0][0] == 2 and calls[0][1] == 300
    assert layout.pages[1].lines[0].text == "Chữ đọc bằng OCR" and layout.pages[1].lines[0].page == 2
    assert "Ủy ban nhân dân" in layout.pages[0].lines[0].text

    monkeypatch.setitem(sys.modules, "dispatch_parser.read.ocr", None)    # OCR not installed
    with pytest.raises(OCRUnavailableError, match="tesseract"):
        pdf_reader.read(data, "scan.pdf")


def test_garbage_text_layer_is_detected():
    assert pdf_reader._bad_ratio("Ủy ban nhân dân huyện An Lão, ngày 12/3/2024") == 0
    assert pdf_reader._bad_ratio("\ue001\ue002\ue003 \ue004\ue005 ab") > 0.5
    assert pdf_reader._bad_ratio("\ufffd\ufffd\ufffd\ufffd x") > 0.5


def test_poor_ocr_text_layer_is_recognised():
    good = BODY * 3
    stripped = ("UBND THANH PHO DA NANG CONG HOA XA HOI CHU NGHIA VIET NAM So giao duc va dao tao "
                "V/v bao dam trat tu an toan giao thong cho hoc sinh sinh vien trong dip nghi he "
                "va ky thi trung hoc pho thong quoc gia nam 2019 Kinh gui cac don vi truc thuoc ")
    broken = ("Uy ban nhan dan thcing pho Dc lp Tir do Hnh phiic ngy thrc hin Thông báo sf3 ve "
              "Két 1un cüa ThuOrig trrc Thành üy ti Hi nghj tf3ng kt näm thuc hin Nghj quyf3t ") * 2
    assert not pdf_reader.poor_vietnamese(good)
    assert pdf_reader.poor_vietnamese(stripped)
    assert pdf_reader.poor_vietnamese(broken)
    assert not pdf_reader.poor_vietnamese("Số: 12/UBND")        # too short to judge


# --- bad input -------------------------------------------------------------------------------
def test_encrypted_pdf(tmp_path):
    path = tmp_path / "locked.pdf"
    path.write_bytes(dispatch_pdf(encrypt="secret"))
    with pytest.raises(EncryptedFileError) as exc:
        read(path)
    assert "locked.pdf" in str(exc.value) and "password" in str(exc.value)


def test_pdf_with_only_an_owner_password_is_read():
    record = parse(dispatch_pdf(encrypt=""))
    assert record.number.raw == "123/UBND-VP"


@pytest.mark.parametrize("cut", [0.5, 0.1])
def test_truncated_pdf(tmp_path, pdf_bytes, cut):
    path = tmp_path / "cut.pdf"
    path.write_bytes(pdf_bytes[:int(len(pdf_bytes) * cut)])
    with pytest.raises(CorruptFileError) as exc:
        read(path)
    assert "cut.pdf" in str(exc.value) and "repair" in str(exc.value)


def test_zero_byte_pdf(tmp_path):
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    with pytest.raises(EmptyInputError, match="empty.pdf"):
        read(path)


def test_page_limit():
    data = dispatch_pdf(pages=4)
    assert len(pdf_reader.read(data, "x.pdf", max_pages=4).pages) == 4
    with pytest.raises(InputTooLargeError, match="4 pages is over the limit of 3"):
        pdf_reader.read(data, "x.pdf", max_pages=3)


def test_thousand_page_pdf_is_refused_quickly(tmp_path):
    doc = new_pdf()
    doc.set_font("Serif", "", 12)
    for i in range(1000):
        doc.add_page()
        doc.cell(200, 20, f"Trang {i + 1}")
    path = tmp_path / "big.pdf"
    path.write_bytes(bytes(doc.output()))
    start = time.perf_counter()
    with pytest.raises(InputTooLargeError, match="big.pdf: 1000 pages"):
        read(path)
    assert time.perf_counter() - start < 3


# --- DOCX ------------------------------------------------------------------------------------
def dispatch_docx() -> bytes:
    docx = pytest.importorskip("docx")
    d = docx.Document()
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nHUYỆN AN LÃO"
    t.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    t.cell(1, 0).text = "Số: 123/UBND-VP\nV/v phòng chống dịch"
    t.cell(1, 1).text = "An Lão, ngày 12 tháng 3 năm 2024"
    d.add_paragraph("Kính gửi: Các phòng, ban, ngành thuộc huyện.")
    d.add_paragraph(BODY)
    f = d.add_table(rows=1, cols=2)
    f.cell(0, 0).text = "Nơi nhận:\n- Như trên;\n- Lưu: VT."
    f.cell(0, 1).text = "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nNguyễn Văn An"
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_docx_header_table_gives_columns_in_body_order():
    layout = read(dispatch_docx())
    assert layout.format == "docx"
    lines = [l for l in layout.lines() if l.text]
    col = {l.text: l.column for l in lines}
    assert col["ỦY BAN NHÂN DÂN"] == "left" and col["Độc lập - Tự do - Hạnh phúc"] == "right"
    assert col["Nơi nhận:"] == "left" and col["Nguyễn Văn An"] == "right"
    texts = [l.text for l in lines]
    assert texts.index("HUYỆN AN LÃO") < texts.index("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") < \
        texts.index("Kính gửi: Các phòng, ban, ngành thuộc huyện.") < texts.index("Nơi nhận:")
    assert all(l.page == 1 for l in lines)


def test_docx_record():
    record = parse(dispatch_docx())
    assert record.number.raw == "123/UBND-VP" and record.date.iso == "2024-03-12"
    assert record.issuer.name == "Ủy ban nhân dân huyện An Lão"
    assert record.signer.name == "Nguyễn Văn An"
    assert record.recipients == ["Các phòng, ban, ngành thuộc huyện"]


def test_truncated_docx(tmp_path):
    path = tmp_path / "cut.docx"
    data = dispatch_docx()
    path.write_bytes(data[:len(data) // 2])
    with pytest.raises(CorruptFileError, match="cut.docx"):
        read(path)


def test_encrypted_docx_and_old_doc(tmp_path):
    from dispatch_parser.errors import UnsupportedFormatError

    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    locked = tmp_path / "locked.docx"
    locked.write_bytes(ole + "EncryptedPackage".encode("utf-16-le"))
    with pytest.raises(EncryptedFileError, match="locked.docx.*password"):
        read(locked)
    old = tmp_path / "old.doc"
    old.write_bytes(ole)
    with pytest.raises(UnsupportedFormatError, match="old.doc.*save it as .docx"):
        read(old)


# --- Word-saved HTML -------------------------------------------------------------------------
HTM = sorted((CORPUS / "other").glob("*.htm")) if (CORPUS / "other").exists() else []


@pytest.mark.skipif(not HTM, reason="shared corpus not present")
@pytest.mark.parametrize("path", HTM, ids=lambda p: p.stem)
def test_word_html_matches_the_text_version(path):
    """xalm_00N.htm is the Word version of xalm_00N.txt: their records must agree."""
    text = next((p for p in (CORPUS / "dev" / f"{path.stem}.txt", CORPUS / "acceptance" / f"{path.stem}.txt")
                 if p.exists()), None)
    html = parse(path)
    assert html.number is not None and html.date.year and html.issuer.name
    if text is None:
        return
    plain = parse(text)
    for field in ("number", "date", "issuer", "place", "subject", "document_type", "signer"):
        assert getattr(html, field) == getattr(plain, field), field
    assert html.distribution == plain.distribution


def test_word_html_footnotes_and_columns():
    page = b"""<html><head><meta http-equiv=Content-Type content="text/html; charset=windows-1252"></head>
<body><table><tr><td><p>&#7910;Y BAN NH&Acirc;N D&Acirc;N<br>X&Atilde; A</p><p>S&#7889;: 5/UBND</p></td>
<td><p>C&#7896;NG H&Ograve;A X&Atilde; H&#7896;I CH&#7910; NGH&#296;A VI&#7878;T NAM</p>
<p>X&atilde; A, ng&agrave;y 2 th&aacute;ng 3 n&#259;m 2024</p></td></tr></table>
<p>N&#7897;i dung<a href="#_ftn1" name="_ftnref1"><span class=MsoFootnoteReference>[1]</span></a> ch&iacute;nh.</p>
<div style='mso-element:footnote-list'><div style='mso-element:footnote' id=ftn1>
<p class=MsoFootnoteText><a href="#_ftnref1" name="_ftn1">[1]</a> Ghi ch&uacute; m&#7897;t.</p></div></div>
</body></html>"""
    layout = read(page)
    lines = [l for l in layout.lines() if l.text]
    assert layout.format == "html"
    assert [(l.text, l.column) for l in lines[:3]] == [("ỦY BAN NHÂN DÂN", "left"), ("XÃ A", "left"),
                                                       ("Số: 5/UBND", "left")]
    assert lines[3].column == "right"
    assert "Nội dung chính." in [l.text for l in lines]
    assert lines[-1].text == "<sup>1</sup> Ghi chú một."
    record = parse(page)
    assert record.footnotes == ["Ghi chú một."]


# --- legacy encodings -------------------------------------------------------------------------
SAMPLE = ("Uỷ ban nhân dân tỉnh Quảng Ninh. Độc lập - Tự do - Hạnh phúc. Số: 12/UBND-VP, ngày 12 "
          "tháng 3 năm 2024. Thủ tướng Chính phủ quyết định nước ngoài; lưỡi, kỹ, ỵ")


@pytest.mark.parametrize("kind", ["tcvn3", "vni"])
def test_legacy_round_trip(kind):
    encoded = legacy.encode_tcvn3(SAMPLE) if kind == "tcvn3" else legacy.encode_vni(SAMPLE)
    assert encoded != SAMPLE
    assert legacy.detect(encoded) == kind
    assert legacy.convert(encoded, kind) == SAMPLE


def test_legacy_known_strings():
    assert legacy.convert("Uû ban nh©n d©n", "tcvn3") == "Uỷ ban nhân dân"
    assert legacy.convert("§éc lËp - Tù do - H¹nh phóc", "tcvn3") == "Độc lập - Tự do - Hạnh phúc"
    assert legacy.convert("CéNG HßA X· HéI CHñ NGHÜA VIÖT NAM", "tcvn3") == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert legacy.convert("Ñoäc laäp - Töï do - Haïnh phuùc", "vni") == "Độc lập - Tự do - Hạnh phúc"
    assert legacy.convert("COÄNG HOØA", "vni") == "CỘNG HÒA"


@pytest.mark.parametrize("text", [
    SAMPLE, "Café crème brûlée à la française, déjà vu ©2024 — Zürich", "plain ASCII text only",
    "Ủy ban nhân dân © 2024 ® ™ µm ¼ ½",
])
def test_legacy_detection_leaves_other_text_alone(text):
    assert legacy.detect(text) is None


def test_legacy_text_file_is_converted(tmp_path):
    text = ("UBND HUYỆN AN LÃO\n\nSố: 12/UBND-VP\nV/v phòng chống dịch\n\nAn Lão, ngày 12 tháng 3 năm 2024\n\n"
            "Kính gửi: Các phòng, ban\n\nThực hiện chỉ đạo của Uỷ ban nhân dân tỉnh về việc bảo đảm an toàn./.")
    path = tmp_path / "old.txt"
    path.write_bytes(legacy.encode_tcvn3(text).encode("latin-1"))
    layout = read(path)
    assert layout.text == text
    assert any("TCVN3" in w for w in layout.warnings)
    path.write_text(legacy.encode_vni(text), encoding="utf-8")
    assert read(path).text == text


def test_legacy_text_string_is_converted():
    record = parse(legacy.encode_vni("UBND HUYỆN AN LÃO\n\nSố: 12/UBND-VP\nV/v phòng chống dịch\n\n"
                                     "An Lão, ngày 12 tháng 3 năm 2024\n\nKính gửi: Các phòng, ban"))
    assert record.date.iso == "2024-03-12" and record.number.raw == "12/UBND-VP"
    assert any("VNI" in w for w in record.warnings)


def test_legacy_pdf_text_layer_is_converted():
    doc = new_pdf()
    doc.add_page()
    doc.set_font("Serif", "", 13)
    for i, line in enumerate(["Uû ban nh©n d©n huyÖn An L·o", "Sè: 12/UBND-VP",
                              "An L·o, ngµy 12 th¸ng 3 n¨m 2024", "Thùc hiÖn chØ ®¹o cña tØnh vÒ viÖc b¶o ®¶m an toµn."]):
        doc.set_xy(56, 56 + 20 * i)
        doc.cell(480, 16, line)
    layout = read(bytes(doc.output()))
    texts = [l.text for l in layout.lines() if l.text]
    assert texts[0] == "Uỷ ban nhân dân huyện An Lão"
    assert texts[2] == "An Lão, ngày 12 tháng 3 năm 2024"
    assert any("TCVN3" in w for w in layout.warnings)


# --- --debug-pdf -------------------------------------------------------------------------------
@pytest.mark.parametrize("suffix", [".pdf", ".png"])
def test_debug_pdf_draws_the_pages(tmp_path, pdf_bytes, suffix):
    from dispatch_parser.cli import main

    src = tmp_path / "doc.pdf"
    src.write_bytes(pdf_bytes)
    out = tmp_path / f"debug{suffix}"
    assert main(["parse", str(src), "--debug-pdf", str(out), "--out", str(tmp_path / "json")]) == 0
    written = [out] if suffix == ".pdf" else [tmp_path / "debug-p1.png"]
    for f in written:
        assert f.exists() and f.stat().st_size > 1000
    record = json.loads((tmp_path / "json" / "doc.json").read_text(encoding="utf-8"))
    assert record["provenance"]["number"]["page"] == 1
