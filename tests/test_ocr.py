"""OCR path: layout rules on hand-made word boxes (no Tesseract), image clean-up steps, the
image reader's errors, and one small real OCR run. Kept under ~30 s on 2 cores."""
from __future__ import annotations

import io

import pytest
from PIL import Image, ImageDraw, ImageFont

from dispatch_parser import parse
from dispatch_parser.errors import CorruptFileError, OCRUnavailableError
from dispatch_parser.read import ocr
from dispatch_parser.read.ocr import OCRWord, fix_blank_number, words_to_lines

needs_ocr = pytest.mark.skipif(not ocr.ocr_available(), reason="Tesseract with Vietnamese not installed")
FONT = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"
W = 2480   # an A4 page at 300 dpi


def row(y: int, *spans: tuple[int, str]) -> list[OCRWord]:
    """Words at height y: (x, 'text') with a box 22 px per character, 45 px tall."""
    words = []
    for x, text in spans:
        for token in text.split():
            words.append(OCRWord(token, x, y, x + 22 * len(token), y + 45, 90.0, (1, 1, y)))
            x += 22 * len(token) + 14
    return words


def page_lines(words: list[OCRWord]) -> list:
    """The non-blank lines `words_to_lines` makes of `words` on an A4 page at 300 dpi."""
    return [l for l in words_to_lines(words, 1, W, 0.24) if l.text]


def test_header_rows_split_into_columns_left_band_first():
    words = (row(100, (150, "ỦY BAN NHÂN DÂN"), (1150, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))
             + row(160, (150, "TỈNH HÒA BÌNH"), (1250, "Độc lập - Tự do - Hạnh phúc"))
             + row(300, (200, "Số: 12/UBND-VX"), (1200, "Hòa Bình, ngày 5 tháng 3 năm 2024"))
             + row(360, (180, "V/v tăng cường"))
             + row(560, (300, "Kính gửi: Sở Y tế")))
    lines = [(l.column, l.text) for l in page_lines(words)]
    assert lines == [
        ("left", "ỦY BAN NHÂN DÂN"), ("left", "TỈNH HÒA BÌNH"),
        ("right", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), ("right", "Độc lập - Tự do - Hạnh phúc"),
        ("left", "Số: 12/UBND-VX"), ("left", "V/v tăng cường"),
        ("right", "Hòa Bình, ngày 5 tháng 3 năm 2024"),
        (None, "Kính gửi: Sở Y tế"),
    ]


def test_a_word_lost_in_a_paragraph_line_does_not_make_two_columns():
    words = (row(1000, (300, "Thực hiện Văn bản số 12/UBND ngày 5/3/2024 của Ủy ban nhân dân tỉnh"))
             + row(1052, (300, "về việc tăng cường"), (1500, "công tác phòng cháy"))   # a gap
             + row(1104, (300, "chữa cháy tại các cơ quan, đơn vị trên địa bàn tỉnh Hòa Bình nhé")))
    lines = page_lines(words)
    assert len(lines) == 3 and all(l.column is None for l in lines)


def test_boxes_are_in_points():
    lines = words_to_lines(row(300, (300, "Kính gửi:")), 1, W, 72 / 300)
    assert lines[0].box.x0 == pytest.approx(72.0) and lines[0].box.top == pytest.approx(72.0)


@pytest.mark.parametrize("read, fixed", [
    ("Số: UBND-VX", "Số: /UBND-VX"),
    ("Số: lUBND-VHTT", "Số: /UBND-VHTT"),
    ("Số: 12/UBND-VX", "Số: 12/UBND-VX"),
    ("Số: /SGDĐT-CTrTT", "Số: /SGDĐT-CTrTT"),
    ("Sở Y tế", "Sở Y tế"),
])
def test_slash_of_a_blank_number_is_restored(read, fixed):
    assert fix_blank_number(read) == fixed


def test_red_stamp_and_blue_ink_fade_black_type_stays():
    image = Image.new("RGB", (60, 20), (250, 250, 250))
    image.putpixel((5, 5), (200, 30, 40))      # stamp ink
    image.putpixel((10, 5), (40, 60, 215))     # ballpoint
    image.putpixel((15, 5), (10, 10, 10))      # type
    grey = ocr.to_grey(image)
    assert grey.getpixel((5, 5)) >= 200 and grey.getpixel((10, 5)) >= 200 and grey.getpixel((15, 5)) < 40


def test_despeckle_removes_dots_not_glyphs():
    image = Image.new("L", (200, 100), 245)
    draw = ImageDraw.Draw(image)
    draw.rectangle([20, 20, 80, 40], fill=0)        # a stroke
    draw.rectangle([150, 70, 151, 71], fill=0)      # a 2x2 speck
    clean = ocr.despeckle(image)
    assert clean.getpixel((150, 70)) > 200 and clean.getpixel((50, 30)) == 0


def test_skew_is_measured():
    image = Image.new("L", (1200, 1600), 255)
    draw = ImageDraw.Draw(image)
    for y in range(100, 1500, 60):
        draw.rectangle([100, y, 1100, y + 25], fill=0)
    angle, line_px = ocr.estimate_skew(image.rotate(2.0, expand=True, fillcolor=255))
    assert angle == pytest.approx(2.0, abs=0.3)
    assert 20 <= line_px <= 35


def _text_image(lines: list[str], size=(1400, 420), font_size=40) -> Image.Image:
    image = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, font_size)
    for k, text in enumerate(lines):
        draw.text((60, 40 + k * 70), text, fill="black", font=font)
    return image


@needs_ocr
def test_ocr_reads_a_small_header_image():
    image = _text_image(["Số: 215/SKHCN-VP", "V/v tăng cường công tác phòng cháy"])
    page = ocr.ocr_page_image(image, 1, 300)
    text = "\n".join(l.text for l in page.lines)
    assert "215/SKHCN-VP" in text and "tăng cường" in text
    assert page.ocr and all(l.box is not None for l in page.lines if l.text)


@needs_ocr
def test_multi_page_tiff_gives_one_page_per_frame(tmp_path):
    frames = [_text_image(["Kính gửi: Sở Tài chính"], (900, 160)), _text_image(["Nơi nhận:"], (900, 160))]
    path = tmp_path / "two.tif"
    frames[0].save(path, save_all=True, append_images=frames[1:], dpi=(300, 300))
    from dispatch_parser.read import read
    layout = read(path)
    assert [p.number for p in layout.pages] == [1, 2]
    assert "Tài chính" in layout.text and "nhận" in layout.text


@needs_ocr
def test_photo_without_text_gives_an_empty_record_with_a_warning(tmp_path):
    image = Image.linear_gradient("L").resize((640, 480)).convert("RGB")
    path = tmp_path / "sky.jpg"
    image.save(path, quality=80)
    record = parse(path)
    assert record.number is None and record.warnings


@pytest.mark.parametrize("make", [
    lambda data: data[: len(data) // 3],                   # truncated
    lambda data: b"\x89PNG\r\n\x1a\n" + b"\x00garbage" * 50,  # a header and nothing valid
])
def test_damaged_images_raise_corrupt_file_error(tmp_path, make):
    buf = io.BytesIO()
    _text_image(["Số: 1/UBND"], (400, 120)).save(buf, "PNG")
    path = tmp_path / "bad.png"
    path.write_bytes(make(buf.getvalue()))
    with pytest.raises(CorruptFileError, match="bad.png"):
        parse(path)


def test_missing_tesseract_names_the_fix(monkeypatch, tmp_path):
    monkeypatch.setattr(ocr.shutil, "which", lambda name: None)
    ocr.tesseract_command.cache_clear()
    try:
        path = tmp_path / "scan.png"
        _text_image(["Số: 1/UBND"], (400, 120)).save(path)
        with pytest.raises(OCRUnavailableError, match="apt-get install tesseract-ocr tesseract-ocr-vie"):
            parse(path)
    finally:
        ocr.tesseract_command.cache_clear()


def test_an_image_too_large_to_decode_safely_is_refused_before_decoding(tmp_path):
    from dispatch_parser.errors import InputTooLargeError

    path = tmp_path / "huge.png"
    Image.new("1", (10_000, 10_000), 1).save(path)          # small file, 100 M pixels
    with pytest.raises(InputTooLargeError, match="huge.png"):
        parse(path)


# --- OCR fixes measured on the real scans (helper H5) -------------------------------------
def test_garbled_vv_and_noi_nhan_are_restored_but_real_words_are_not():
    assert ocr.fix_vv("Vvív thông báo hoạt động") == "V/v thông báo hoạt động"
    assert ocr.fix_vv("V/v bảo đảm") == "V/v bảo đảm"
    assert ocr.fix_vv("Vivi abc") == "Vivi abc"
    assert ocr.fix_noi_nhan("/ớơi nhận:") == "Nơi nhận:"
    assert ocr.fix_noi_nhan("Người nhận: ông A") == "Người nhận: ông A"


def test_motto_after_a_narrow_gap_starts_the_right_column():
    words = (row(100, (300, "UBND THÀNH PHỐ ĐÀ NẴNG"), (790, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))
             + row(160, (300, "SỞ GIÁO DỤC"), (1250, "Độc lập - Tự do - Hạnh phúc")))
    lines = [(l.column, l.text) for l in page_lines(words)]
    assert ("left", "UBND THÀNH PHỐ ĐÀ NẴNG") in lines
    assert ("right", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") in lines


def test_note_typed_beside_the_vv_lines_is_cut_off_by_its_alignment():
    # the note's first word is one word gap after 'SV'; its lines all start at x=1000
    words = (row(100, (150, "Số: 12/SGDĐT-VP"), (1300, "Đà Nẵng, ngày 5 tháng 3 năm 2024"))
             + row(160, (462, "V/v bảo đảm an toàn cho SV"), (1000, "1. Cô Hương gửi văn bản"))
             + row(220, (150, "trong dịp nghỉ hè"), (1000, "2. Phòng CTSV phối hợp"))
             + row(280, (1000, "3. Công đoàn phối hợp"))
             + row(400, (150, "Kính gửi: Các trường")))
    v_row = [w for w in words if w.top == 160]
    assert v_row[7].x0 == 1000 and v_row[7].x0 - v_row[6].x1 < 45      # the gap is narrow
    lines = [(l.column, l.text) for l in page_lines(words)]
    assert ("left", "V/v bảo đảm an toàn cho SV") in lines
    assert ("left", "trong dịp nghỉ hè") in lines
    assert ("right", "1. Cô Hương gửi văn bản") in lines
    assert lines[-1] == (None, "Kính gửi: Các trường")


def test_centred_title_words_lining_up_by_chance_are_not_a_column():
    # a word of each line starts at x=866, after an ordinary word gap
    words = (row(100, (700, "THÔNG BÁO"))
             + row(160, (400, "V/v hoán đổi ngày nghỉ ngày đi làm bù"))
             + row(220, (502, "Giỗ Tổ Hùng Vương, Ngày Chiến thắng"))
             + row(280, (648, "và Quốc tế lao động 01/5")))
    assert {w.x0 for w in words if w.text in ("ngày", "Ngày", "lao")} >= {866}
    lines = [l.text for l in page_lines(words)]
    assert "V/v hoán đổi ngày nghỉ ngày đi làm bù" in lines


def test_short_unconfident_line_of_a_stamp_is_dropped_confident_one_kept():
    stamp = [OCRWord("pàomJ", 1500, 400, 1600, 445, 6.0, (2, 1, 1)),
             OCRWord("J4.", 1620, 400, 1680, 445, 3.0, (2, 1, 1))]
    name = [OCRWord("Lê", 1500, 500, 1550, 545, 96.0, (3, 1, 1)),
            OCRWord("Thị", 1570, 500, 1640, 545, 97.0, (3, 1, 1))]
    body = row(100, (150, "Sở Giáo dục yêu cầu các đơn vị thực hiện"))
    texts = [l.text for l in page_lines(body + stamp + name)]
    assert "Lê Thị" in texts and not any("pàomJ" in t for t in texts)


def test_a_heading_marker_alone_on_its_row_at_the_left_margin_is_kept_however_unsure():
    body = (row(100, (150, "Sở Giáo dục yêu cầu các đơn vị thực hiện")) + row(160, (150, "các nội dung sau đây một cách"))
            + row(220, (150, "nghiêm túc và kịp thời theo quy định.")))
    marker = [OCRWord("III.", 150, 300, 216, 345, 30.0, (4, 1, 1))]
    title = row(360, (150, "ĐÁNH GIÁ NGUY CƠ"))
    scribble = [OCRWord("J4.", 1600, 300, 1666, 345, 30.0, (5, 1, 1))]
    number = [OCRWord("1,", 150, 420, 190, 465, 84.0, (6, 1, 1))]
    texts = [l.text for l in page_lines(body + marker + title + scribble + number)]
    assert "III." in texts and "J4." not in texts
    assert "1." in texts        # the comma after a lone number is its dot misread
    wrapped = row(480, (150, "đã thực hiện đúng theo quy định tại Điểm a, Khoản"))
    stray = [OCRWord("2,", 150, 540, 190, 585, 84.0, (7, 1, 1))]
    texts = [l.text for l in page_lines(body + wrapped + stray)]
    assert not any(t in ("2,", "2.") for t in texts)     # inside a sentence: no item opens there


@needs_ocr
def test_text_at_the_image_edge_is_read_and_boxes_stay_in_image_pixels():
    image = Image.new("L", (700, 110), 255)
    ImageDraw.Draw(image).text((2, 30), "năm 2011", fill=0, font=ImageFont.truetype(FONT, 48))
    words = ocr.read_words(image, 300)
    assert "2011" in [w.text for w in words]
    first = min(words, key=lambda w: w.x0)
    assert 0 <= first.x0 < 20


def test_year_split_by_a_space_is_joined_only_after_nam():
    assert ocr.fix_split_year("TP. Hồ Chí Minh, ngày 26 tháng 7 năm 201 l") == \
        "TP. Hồ Chí Minh, ngày 26 tháng 7 năm 201l"
    assert ocr.fix_split_year("quốc gia năm 2019 3. Công đoàn") == "quốc gia năm 2019 3. Công đoàn"


def test_republic_named_inside_a_body_line_does_not_split_it():
    # a justified line: a gap a little wider than a word gap before "Cộng"
    words = row(900, (350, "Căn cứ Hiến pháp nước"), (810, "Cộng hòa xã hội chủ nghĩa Việt Nam;"))
    lines = [l.text for l in page_lines(words)]
    assert lines == ["Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;"]


def _ruled_page(rows: int = 8) -> Image.Image:
    """A page of `rows` wide dark text-like bars, 40 px tall, 80 px apart."""
    page = Image.new("L", (1200, 900), 255)
    draw = ImageDraw.Draw(page)
    for i in range(rows):
        draw.rectangle((100, 60 + 80 * i, 1100, 100 + 80 * i), fill=20)
    return page


def _word_on_row(i: int) -> OCRWord:
    return OCRWord("chữ", 100, 60 + 80 * i, 1100, 100 + 80 * i, 90.0, (1, 1, i))


def test_rows_of_ink_no_word_covers_are_found_and_covered_ones_are_not():
    page = _ruled_page()
    words = [_word_on_row(i) for i in (0, 1, 2, 6, 7)]      # rows 3-5 skipped by the layout step
    bands = ocr.skipped_bands(page, words)
    assert [(60 + 80 * i, 100 + 80 * i + 1) for i in (3, 4, 5)] == bands
    assert ocr.skipped_bands(page, [_word_on_row(i) for i in range(8)]) == []


def test_narrow_ink_such_as_a_signature_or_stamp_is_not_a_skipped_row():
    page = Image.new("L", (1200, 900), 255)
    draw = ImageDraw.Draw(page)
    draw.rectangle((100, 60, 1100, 100), fill=20)
    draw.ellipse((700, 400, 950, 650), outline=20, width=12)      # a stamp's ring
    draw.rectangle((100, 700, 1100, 703), fill=20)                # a rule: wide but thin
    assert ocr.skipped_bands(page, [_word_on_row(0)]) == []


REAL_SCAN = (__import__("pathlib").Path(__file__).resolve().parents[2] / "shared" / "corpus" / "real"
             / "scans" / "viaocr_002.pdf")


@pytest.mark.skipif(not REAL_SCAN.exists() or not ocr.ocr_available(), reason="needs ../shared and Tesseract")
def test_a_paragraph_beside_margin_handwriting_is_read():
    """Tesseract's layout step takes this paragraph (handwriting beside it) for a picture."""
    from dispatch_parser.read import pdf

    text = pdf.read(REAL_SCAN.read_bytes(), str(REAL_SCAN)).pages[0]
    text = " ".join(line.text for line in text.lines)
    assert "Thời gian qua" in text and "Trời mẹ" in text


def test_a_date_or_an_authority_prefix_alone_on_its_row_is_no_scribble():
    body = row(100, (150, "Sở Giáo dục yêu cầu các đơn vị thực hiện đến hết ngày"))
    date = [OCRWord("31/12/2024.", 150, 160, 400, 205, 97.0, (2, 1, 1))]
    kt = [OCRWord("KT.", 1500, 400, 1570, 445, 41.0, (3, 1, 1))]
    title = [OCRWord("GIÁM", 1500, 460, 1620, 505, 95.0, (4, 1, 1)), OCRWord("ĐỐC", 1640, 460, 1730, 505, 95.0, (4, 1, 1))]
    texts = [l.text for l in page_lines(body + date + kt + title)]
    assert "31/12/2024." in texts and "KT." in texts
