"""The text-layer PDF reader: turned pages and turned text, bad files, page limits.

Every PDF is built here (fpdf2 draws a Decree 30 công văn; pypdfium2 sets /Rotate), so the
same document can be read upright, with the page turned by /Rotate, and with its text drawn
turned, and the lines compared.
"""
from __future__ import annotations

import io
import time
import tracemalloc

import pytest

from dispatch_parser.errors import CorruptFileError, EmptyInputError, InputTooLargeError
from dispatch_parser.pipeline import parse
from dispatch_parser.read import read
from dispatch_parser.read import pdf as pdf_reader

fpdf = pytest.importorskip("fpdf")
pdfium = pytest.importorskip("pypdfium2")
from pdf_drawing import Dispatch, cell, draw_dispatch, new_pdf  # noqa: E402
A4 = (595.28, 841.89)

BODY = ("Thực hiện chỉ đạo của Ủy ban nhân dân tỉnh về công tác phòng, chống thiên tai năm 2024, "
        "Ủy ban nhân dân huyện đề nghị các cơ quan, đơn vị khẩn trương rà soát phương án ứng phó "
        "và báo cáo kết quả trước ngày 30 tháng 4 năm 2024./.")


def _doc() -> "fpdf.FPDF":
    return new_pdf(auto_page_break=False, margins=None)


def _draw(doc) -> None:
    """One công văn on an A4 portrait area at the origin: two-column header and foot."""
    draw_dispatch(doc, Dispatch("Số: 245/UBND-NN", "An Lão, ngày 15 tháng 4 năm 2024",
                                "V/v phòng, chống thiên tai", BODY, "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH",
                                "Trần Thị Bình"))


def upright_pdf() -> bytes:
    doc = _doc()
    doc.add_page()
    _draw(doc)
    return bytes(doc.output())


def drawn_turned_pdf(quarter: int) -> bytes:
    """The same page with its text drawn turned `quarter` quarter turns counter-clockwise
    (on a landscape page when sideways), as a landscape scan-to-PDF or a rotated export is."""
    w, h = A4
    doc = _doc()
    if quarter % 2:
        doc.add_page(format=(h, w))      # fpdf2 takes (width, height) for a custom size
    else:
        doc.add_page()
    # fpdf2 turns counter-clockwise about a point; these centres put the turned A4 area
    # exactly on the page
    centre = {1: (w / 2, w / 2), 2: (w / 2, h / 2), 3: (h / 2, h / 2)}[quarter]
    with doc.rotation(90 * quarter if quarter != 3 else -90, *centre):
        _draw(doc)
    return bytes(doc.output())


def with_rotate(data: bytes, degrees: int) -> bytes:
    """`data` with /Rotate set on every page (a viewer turns the page when displaying it)."""
    pdf = pdfium.PdfDocument(data)
    for page in pdf:
        page.set_rotation(degrees)
    buf = io.BytesIO()
    pdf.save(buf)
    pdf.close()
    return buf.getvalue()


def cropped(data: bytes, degrees: int = 0) -> bytes:
    """`data` with a CropBox that does not start at the origin (a scanner's or an editor's
    crop), and /Rotate."""
    pdf = pdfium.PdfDocument(data)
    for page in pdf:
        page.set_cropbox(30, 40, 580, 800)
        page.set_rotation(degrees)
    buf = io.BytesIO()
    pdf.save(buf)
    pdf.close()
    return buf.getvalue()


def _lines(layout) -> list[tuple[str, str | None]]:
    return [(l.text, l.column) for l in layout.pages[0].lines]


def _fields(data: bytes) -> dict:
    return parse(data).model_dump(exclude={"provenance", "source", "warnings", "status"})


@pytest.fixture(scope="module")
def upright() -> bytes:
    return upright_pdf()


# --- turned pages and turned text ---------------------------------------------------------
def _same_as_upright(data: bytes, upright: bytes) -> None:
    """Lines, record and boxes (provenance included) as read from the upright page: read
    upright, a turned page gives the parser the same geometry (type size, place on the page)."""
    layout, base = read(data), read(upright)
    assert _lines(layout) == _lines(base)
    page, base_page = layout.pages[0], base.pages[0]
    assert (page.width, page.height) == pytest.approx((base_page.width, base_page.height), abs=0.5)
    for line, ref in zip(page.lines, base_page.lines):
        if ref.box is not None:
            assert line.box.model_dump() == pytest.approx(ref.box.model_dump(), abs=0.5)
    record = parse(data).model_dump(exclude={"source", "warnings", "status"})
    assert record == _approx(parse(upright).model_dump(exclude={"source", "warnings", "status"}))


def _approx(value):
    """pytest.approx through nested records (boxes are floats; everything else is exact)."""
    if isinstance(value, dict):
        return {k: _approx(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_approx(v) for v in value]
    return pytest.approx(value, abs=0.5) if isinstance(value, float) else value


@pytest.mark.parametrize("degrees", [90, 180, 270])
def test_rotate_flag_gives_the_same_lines_record_and_boxes(upright, degrees):
    _same_as_upright(with_rotate(upright, degrees), upright)


@pytest.mark.parametrize("quarter", [1, 2, 3])
def test_text_drawn_turned_gives_the_same_lines_record_and_boxes(upright, quarter):
    _same_as_upright(drawn_turned_pdf(quarter), upright)


def test_a_turned_page_is_said_so(upright):
    warnings = read(with_rotate(upright, 90)).warnings
    assert any("page 1" in w and "quarter turn clockwise" in w for w in warnings)
    assert not read(upright).warnings


@pytest.mark.parametrize("quarter", [1, 3])
def test_turned_text_on_a_page_rotated_back_upright(upright, quarter):
    """Text drawn sideways and /Rotate turning the page so that it displays upright: the
    displayed page is the upright one, boxes included."""
    data = with_rotate(drawn_turned_pdf(quarter), 90 * quarter)
    _same_as_upright(data, upright)
    assert not read(data).warnings
    assert _ink_inside_boxes(data, displayed=False)[0] > 0.97     # no turning needed to draw them


def _ink_inside_boxes(data: bytes, displayed: bool = True) -> tuple[float, float]:
    """Share of the displayed page's dark pixels that fall inside the lines' boxes (read
    with `displayed_boxes`), and the share of the page those boxes cover."""
    np = pytest.importorskip("numpy")
    pdf = pdfium.PdfDocument(data)
    image = np.asarray(pdf[0].render(scale=1).to_pil().convert("L"))
    pdf.close()
    page = pdf_reader.read(data, displayed_boxes=displayed).pages[0]
    assert image.shape[1] == pytest.approx(page.width, abs=1)
    assert image.shape[0] == pytest.approx(page.height, abs=1)
    inside = np.zeros(image.shape, dtype=bool)
    for line in page.lines:
        if line.box is not None:
            b = line.box
            inside[max(0, int(b.top)):int(b.bottom) + 1, max(0, int(b.x0)):int(b.x1) + 1] = True
    dark = image < 128
    return float((dark & inside).sum() / max(dark.sum(), 1)), float(inside.mean())


@pytest.mark.parametrize("make", [lambda d: d, lambda d: with_rotate(d, 90),
                                  lambda d: with_rotate(d, 180), lambda d: drawn_turned_pdf(1),
                                  lambda d: drawn_turned_pdf(3), cropped,
                                  lambda d: cropped(d, 270)],
                         ids=["upright", "rotate90", "rotate180", "drawn90", "drawn270", "cropped",
                              "cropped_rotate270"])
def test_displayed_boxes_are_on_the_displayed_page(upright, make):
    """With `displayed_boxes`, the line boxes cover the text where a viewer shows it (the
    page rendered with its /Rotate): nearly all dark pixels are inside them, and they cover
    little else."""
    ink, covered = _ink_inside_boxes(make(upright))
    assert ink > 0.97
    assert covered < 0.25


@pytest.mark.parametrize("degrees", [0, 90])
def test_a_cropped_page_gives_the_same_lines(upright, degrees):
    assert _lines(read(cropped(upright, degrees))) == _lines(read(upright))


def test_displayed_boxes_turn_the_page_size(upright):
    base = read(upright).pages[0]
    turned = pdf_reader.read(with_rotate(upright, 90), displayed_boxes=True).pages[0]
    assert (turned.width, turned.height) == pytest.approx((base.height, base.width))


def test_text_direction_is_read_from_the_characters(upright):
    assert read(upright).pages[0].lines      # sanity: the document has text
    pdf = pdfium.PdfDocument(drawn_turned_pdf(1))
    page = pdf[0]
    words, frame = pdf_reader._page_words(page)
    assert frame.quarter == 1 and frame.turns == 1
    assert (frame.width, frame.height) == pytest.approx(A4, abs=0.5)
    page.close()
    pdf.close()


def test_a_note_up_the_margin_is_left_out(upright):
    """Text drawn sideways in the margin of an upright page (a filing note, a turned stamp)
    does not come apart into one-letter lines among the document's."""
    doc = _doc()
    doc.add_page()
    _draw(doc)
    with doc.rotation(90, 30, 700):
        cell(doc, 30, 700, 400, "Bản sao lưu trữ điện tử số 2024/ABC", align="L", size=10)
    assert _lines(read(bytes(doc.output()))) == _lines(read(upright))


# --- the foot's two columns -------------------------------------------------------------------
LIST = ["- Như trên;", "- Thường trực HĐND tỉnh;", "- Sở Tài chính;", "- Sở Kế hoạch và Đầu tư;",
        "- Kho bạc Nhà nước tỉnh;", "- Lưu: VT, KT."]


def _foot(doc, y: float, authority_row: int = 0, name_gap: float = 70) -> float:
    """Nơi nhận (12 pt heading, 11 pt entries at a 14 pt pitch) beside a signature block whose
    authority line stands level with entry `authority_row`; returns the list's bottom."""
    cell(doc, 56, y, 200, "Nơi nhận:", "BI", align="L", size=12)
    for k, entry in enumerate(LIST):
        cell(doc, 56, y + 14 * (k + 1), 200, entry, align="L", size=11)
    top = y + 14 * authority_row
    cell(doc, 300, top, 250, "TM. ỦY BAN NHÂN DÂN", "B")
    cell(doc, 300, top + 16, 250, "CHỦ TỊCH", "B")
    cell(doc, 300, top + 16 + name_gap, 250, "Lê Văn Cường", "B")
    return y + 14 * (len(LIST) + 1) + 14


def _page_lines(data: bytes) -> list[tuple[str, str | None]]:
    return [(l.text, l.column) for p in read(data).pages for l in p.lines if l.text]


def _body(doc, y: float, text: str = BODY) -> float:
    doc.set_xy(56, y)
    doc.set_font("Serif", "", 13)
    doc.multi_cell(480, 16, text)
    return doc.get_y()


def test_a_form_after_the_foot_is_read_after_the_signature_block():
    """An attached form starts, after a paragraph gap, under a Nơi nhận list longer than the
    signature block beside it (its authority level with the 4th entry): the form's short lines
    are no Nơi nhận entries, and the signature block is read before them."""
    doc = _doc()
    doc.add_page()
    _body(doc, 56)
    bottom = _foot(doc, 420, authority_row=2, name_gap=50)
    form = ["Mẫu số 01/GHAN", "GIẤY ĐỀ NGHỊ GIA HẠN NỘP THUẾ", "[01] Kỳ tính thuế: năm 2024"]
    # a gap of a line and a half: as close as a one-column row may follow within a band
    for k, t in enumerate(form):
        cell(doc, 70, bottom + 2 + 15 * k, 220, t, align="L", size=12)
    cell(doc, 70, bottom + 2 + 15 * len(form), 460, "[01] Tên người nộp thuế: " + "." * 60,
          align="L", size=12)
    lines = _page_lines(bytes(doc.output()))
    texts = [t for t, _ in lines]
    assert texts.index("TM. ỦY BAN NHÂN DÂN") < texts.index("Lê Văn Cường") < texts.index(form[0])
    assert all(c == "left" for t, c in lines if t in LIST or t == "Nơi nhận:")
    assert all(c is None for t, c in lines if t in form)
    assert parse(bytes(doc.output())).signer.authority


def test_the_bodys_last_line_is_not_read_into_the_nơi_nhận_list():
    """A short last line of the body, a paragraph gap above the foot, stays in the body."""
    doc = _doc()
    doc.add_page()
    y = _body(doc, 300, BODY + " Trân trọng./.")
    doc.set_xy(56, y)
    doc.multi_cell(480, 16, "Trân trọng./.")
    _foot(doc, doc.get_y() + 18)
    lines = _page_lines(bytes(doc.output()))
    texts = [t for t, _ in lines]
    assert lines[texts.index("Trân trọng./.")][1] is None
    assert texts.index("Trân trọng./.") < texts.index("Nơi nhận:")


def test_a_gap_in_the_nơi_nhận_list_keeps_the_signers_name_in_the_band():
    """The band ends with the signature block: a blank line's gap in the list beside it, the
    signer's name further down is still read in the right column, after the position."""
    doc = _doc()
    doc.add_page()
    _body(doc, 56)
    y = 450
    cell(doc, 56, y, 200, "Nơi nhận:", "BI", align="L", size=12)
    cell(doc, 56, y + 14, 200, "- Như trên;", align="L", size=11)
    cell(doc, 56, y + 28, 200, "- Sở Tài chính;", align="L", size=11)
    cell(doc, 56, y + 80, 200, "- Lưu: VT.", align="L", size=11)
    cell(doc, 300, y, 250, "KT. CHỦ TỊCH", "B")
    cell(doc, 300, y + 16, 250, "PHÓ CHỦ TỊCH", "B")
    cell(doc, 300, y + 100, 250, "Trần Thị Bình", "B")
    lines = _page_lines(bytes(doc.output()))
    assert ("- Lưu: VT.", "left") in lines
    assert ("Trần Thị Bình", "right") in lines
    texts = [t for t, _ in lines]
    assert texts.index("- Lưu: VT.") < texts.index("KT. CHỦ TỊCH") < texts.index("Trần Thị Bình")


# --- footnotes --------------------------------------------------------------------------------
NOTE_1 = ("Quyết định số 1234/QĐ-UBND ngày 12/3/2024 của Ủy ban nhân dân tỉnh về việc ban hành "
          "kế hoạch phòng, chống thiên tai giai đoạn 2024 - 2026 trên địa bàn tỉnh")
NOTE_2 = "Công văn số 56/SNN-TL ngày 02/4/2024 của Sở Nông nghiệp và Phát triển nông thôn"


def _note(doc, x: float, marker: str, text: str, width: float = 480) -> None:
    """A footnote as a word processor sets it: a 7 pt raised marker, the note in 10 pt."""
    y = doc.get_y()
    doc.set_xy(x, y - 1)
    doc.set_font("Serif", "", 7)
    doc.cell(8, 8, marker)
    doc.set_xy(x + 8, y)
    doc.set_font("Serif", "", 10)
    doc.multi_cell(width - 8, 12, text)
    doc.set_x(x)


def _noted_page(x: float, y: float) -> bytes:
    """Body text then two footnotes, the body set from `x` and starting at `y`."""
    doc = _doc()
    doc.add_page()
    doc.set_xy(x, y)
    doc.set_font("Serif", "", 13)
    doc.multi_cell(480, 16, BODY)
    doc.set_xy(x, doc.get_y() + 12)
    _note(doc, x, "1", NOTE_1)
    _note(doc, x, "2", NOTE_2)
    return bytes(doc.output())


def _notes(data: bytes) -> list[str]:
    return [t for t, _ in _page_lines(data) if t.startswith("<sup>")]


@pytest.mark.parametrize("x", [34, 71])
@pytest.mark.parametrize("y", [60, 560])
def test_footnotes_are_told_by_type_not_by_place(x, y):
    """Notes high on the page (a short last page, notes under a long foot) or low, with a
    narrow or a wide margin: each is one '<sup>N</sup>' line with its wrapped text."""
    assert _notes(_noted_page(x, y)) == [f"<sup>1</sup> {NOTE_1}", f"<sup>2</sup> {NOTE_2}"]


def test_a_small_number_in_body_type_opens_no_footnote():
    """A numbered line in the body's own type is body text, wherever it stands."""
    doc = _doc()
    doc.add_page()
    doc.set_xy(56, 500)
    doc.set_font("Serif", "", 13)
    doc.multi_cell(480, 16, "1 Các cơ quan, đơn vị rà soát phương án ứng phó thiên tai năm 2024.")
    assert _notes(bytes(doc.output())) == []


def test_a_footnote_carried_over_a_page_goes_on_at_the_top_of_the_next():
    """A note that does not fit at the page's foot goes on at the top of the next page in
    its own type: those lines join the note, and the next note is read as its own."""
    doc = _doc()
    doc.add_page()
    _body(doc, 56)
    doc.set_xy(56, 790)
    _note(doc, 56, "1", "Quyết định số 1234/QĐ-UBND ngày 12/3/2024 của Ủy ban nhân dân tỉnh về việc")
    doc.add_page()
    doc.set_font("Serif", "", 10)
    doc.set_xy(64, 40)
    doc.multi_cell(472, 12, "ban hành kế hoạch phòng, chống thiên tai giai đoạn 2024 - 2026 trên địa bàn tỉnh")
    doc.set_x(56)
    _note(doc, 56, "2", NOTE_2)
    layout = read(bytes(doc.output()))
    first = layout.pages[1].lines[0]
    assert first.text == "ban hành kế hoạch phòng, chống thiên tai giai đoạn 2024 - 2026 trên địa bàn tỉnh"
    assert [l.text for l in layout.pages[1].lines if l.text.startswith("<sup>")] == [f"<sup>2</sup> {NOTE_2}"]


# --- bad files ------------------------------------------------------------------------------
def test_a_pdf_without_pages_is_refused(tmp_path):
    pdf = pdfium.PdfDocument.new()
    path = tmp_path / "nopages.pdf"
    pdf.save(str(path))
    pdf.close()
    with pytest.raises((CorruptFileError, EmptyInputError), match="nopages.pdf"):
        read(path)


def test_garbage_after_a_pdf_header_is_corrupt(tmp_path):
    path = tmp_path / "junk.pdf"
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40)
    with pytest.raises(CorruptFileError, match="junk.pdf"):
        read(path)


def test_damaged_pdfs_give_an_input_error_or_a_layout_quickly(upright):
    """Bytes flipped, cut out or inserted anywhere: the reader either reads what it can or
    raises the project's CorruptFileError, never pdfium's own error, and never hangs."""
    import random

    from dispatch_parser.errors import DispatchParserError

    rng = random.Random(7)
    for k in range(60):
        data = bytearray(upright)
        at = rng.randrange(len(data))
        if k % 3 == 0:
            data = data[:at]
        elif k % 3 == 1:
            for _ in range(10):
                data[rng.randrange(len(data))] = rng.randrange(256)
        else:
            del data[at:at + rng.randrange(1, 3000)]
        start = time.perf_counter()
        try:
            pdf_reader.read(bytes(data), "damaged.pdf", ocr=False)
        except DispatchParserError as exc:
            assert isinstance(exc, CorruptFileError), exc
        assert time.perf_counter() - start < 5


def test_thousand_pages_within_a_raised_limit_are_read_in_bounded_time_and_memory():
    """Page by page: each page is closed before the next, so 1,000 pages of text take
    about a second and a few MB of Python memory (the limit itself is refused up front)."""
    doc = _doc()
    doc.add_page()
    cell(doc, 56, 56, 300, "Phụ lục kèm theo công văn", align="L", size=12)
    one = pdfium.PdfDocument(bytes(doc.output()))
    big = pdfium.PdfDocument.new()
    big.import_pages(one, [0] * 1000)
    buf = io.BytesIO()
    big.save(buf)
    big.close()
    one.close()
    data = buf.getvalue()
    with pytest.raises(InputTooLargeError):
        pdf_reader.read(data, "big.pdf", max_pages=999)
    tracemalloc.start()
    try:
        start = time.process_time()
        layout = pdf_reader.read(data, "big.pdf", max_pages=1000)
        seconds = time.process_time() - start
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(layout.pages) == 1000
    assert layout.pages[-1].lines[0].text == "Phụ lục kèm theo công văn"
    assert seconds < 20
    assert peak < 60 * 1024 * 1024
