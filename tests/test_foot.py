"""The foot of a dispatch: Nơi nhận list, signature block, footnotes."""
from __future__ import annotations

from dispatch_parser import parse
from dispatch_parser.extract.distribution import clean_entry
from dispatch_parser.foot_vocab import looks_like_name, restore_name, title_at_start
from dispatch_parser.normalize import normalize
from dispatch_parser.read import read
from dispatch_parser.segment import segment

HEAD = """UBND TỈNH LAI CHÂU CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 12/UBND-VX Lai Châu, ngày 3 tháng 4 năm 2024
V/v tăng cường an toàn thông tin

Kính gửi: Các sở, ban, ngành tỉnh.

1. Tổ chức trực giám sát an toàn thông tin mạng.
2. Báo cáo kết quả về Sở Thông tin và Truyền thông./.
"""


# the plain foot: distribution list, title, name
SIGNED = "Nơi nhận:\n- Lưu: VT.\n\nCHỦ TỊCH\n\nLê Văn An\n"


def _parse(foot: str):
    return parse((HEAD + "\n" + foot).encode("utf-8"))


def _parse_with_item_2(rewritten: str):
    """The signed letter with the line of its item 2 rewritten (to hold a footnote)."""
    return parse((HEAD.replace("2. Báo cáo kết quả về Sở", rewritten) + "\n" + SIGNED).encode("utf-8"))


def test_columns_one_after_the_other():
    rec = _parse("Nơi nhận:\n- Như trên;\n- Lưu: VT, VX.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nTống Thanh Hải\n")
    assert rec.distribution == ["Như trên", "Lưu: VT, VX"]
    assert rec.signer.authority == ["KT. Chủ tịch"]
    assert rec.signer.position == "Phó Chủ tịch"
    assert rec.signer.name == "Tống Thanh Hải"


def test_columns_fused_line_by_line():
    rec = _parse("Nơi nhận: KT. CỤC TRƯỞNG\n- Như trên; PHÓ CỤC TRƯỞNG\n- Lãnh đạo Cục;\n"
                 "- Lưu: VT, TTHT.\nBùi Đức Thanh\n")
    assert rec.distribution == ["Như trên", "Lãnh đạo Cục", "Lưu: VT, TTHT"]
    assert rec.signer.authority == ["KT. Cục trưởng"]
    assert rec.signer.position == "Phó Cục trưởng"
    assert rec.signer.name == "Bùi Đức Thanh"


def test_ocr_lost_diacritics_are_restored_from_the_vocabulary():
    rec = _parse("KT. CUC TRUONG\nPHO CUC TRUONG\n\nMai Son\n")
    assert rec.signer.authority == ["KT. Cục trưởng"]
    assert rec.signer.position == "Phó Cục trưởng"
    assert rec.signer.name == "Mai Sơn"


def test_deputy_title_follows_from_kt_when_ocr_lost_pho():
    rec = _parse("Nơi nhận: KT. TỔNG GIÁM ĐỐC\n- Như Điều 3; ONG GIAM DOC\n- Lưu: VT, ST.\n\nTrần Đình Liệu\n")
    assert rec.signer.position == "Phó Tổng Giám đốc"
    assert rec.distribution == ["Như Điều 3", "Lưu: VT, ST"]


def test_wrapped_entries_join_and_a_name_broken_over_two_lines():
    rec = _parse("Nơi nhận:\n- Như\ntrên;\n- Lãnh đạo Bộ\n(để báo cáo);\n- Lưu: VT, CT.\n|\n"
                 "KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\nLê Tấn\nCận\n")
    assert rec.distribution == ["Như trên", "Lãnh đạo Bộ (để báo cáo)", "Lưu: VT, CT"]
    assert rec.signer.position == "Thứ trưởng"
    assert rec.signer.name == "Lê Tấn Cận"


def test_forms_after_the_signature_are_not_the_foot():
    rec = _parse("Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\nCHỦ TỊCH\n\nLê Văn An\n\nPHỤ LỤC\n"
                 "Mẫu đơn\nNơi nhận:\n- Lưu.\nTHỦ TRƯỞNG CƠ QUAN\n(Ký, ghi rõ họ tên)\n")
    assert rec.distribution == ["Như trên", "Lưu: VT"]
    assert rec.signer.name == "Lê Văn An"
    assert rec.signer.position == "Chủ tịch"


def test_distribution_drops_ocr_smudges_keeps_written_tails():
    assert clean_entry("- Như trên; 2 ` .") == "Như trên"
    assert clean_entry("- Lưu VT, TTKT. ,„_ ồ") == "Lưu VT, TTKT"
    assert clean_entry("- Lưu: VT, CN (2). Ha") == "Lưu: VT, CN (2). Ha"
    assert clean_entry("- Các phòng: TTKT3; KK; TTHT; HKDCN;") == "Các phòng: TTKT3; KK; TTHT; HKDCN"


def test_name_vocabulary():
    assert looks_like_name("Vũ Đình Chiến")
    assert looks_like_name("NGUYỄN VĂN A")
    assert not looks_like_name("Như Điều")
    assert not looks_like_name("Phó Chủ Tịch")
    assert restore_name("ran Đình Liệu") == "Trần Đình Liệu"
    assert restore_name("Luu Dire Huy") == "Lưu Đức Huy"
    assert restore_name("Thanh Huy") == "Thanh Huy"      # ambiguous readings stay as written


def test_title_vocabulary_is_fuzzy_on_ocr():
    assert title_at_start("PHÓ cụ c TRƯỞNG")[0] == "Phó Cục trưởng"
    assert title_at_start("TONG CYC TRƯỞNG")[0] == "Tổng cục trưởng"
    assert title_at_start("THỨ TRƯỞNG")[0] == "Thứ trưởng"
    assert title_at_start("Công ty TNHH") is None


def test_page_foot_footnote_leaves_the_body_and_is_collected():
    rec = _parse_with_item_2("2. Báo cáo kết quả về\n\n1 Số liệu tính từ 01/01 đến 30/9/2024\n\n"
                             "--- PAGE BREAK ---\nSở")
    assert rec.footnotes == ["Số liệu tính từ 01/01 đến 30/9/2024"]
    assert rec.directives[1].text.startswith("Báo cáo kết quả về Sở")


def test_bracket_footnotes_after_the_signature():
    rec = _parse(SIGNED + "\n[1] Chỉ thị số 46-CT/TW của Bộ Chính trị.\n")
    assert rec.footnotes == ["Chỉ thị số 46-CT/TW của Bộ Chính trị."]
    assert rec.signer.name == "Lê Văn An"


def test_unknown_title_above_the_name_after_the_closing_mark():
    rec = _parse("ĐẠI SỨ\n\nNguyễn Văn An\n")
    assert rec.signer.position == "Đại sứ"
    assert rec.signer.name == "Nguyễn Văn An"
    assert rec.distribution == []


def test_rank_before_the_name_is_not_part_of_it():
    rec = _parse("Nơi nhận:\n- Như trên;\n- Lưu: PA83.\n\nPHÓ TRƯỞNG PHÒNG\n\nTrung tá Ngô Văn Công\n")
    assert rec.signer.name == "Ngô Văn Công"
    assert rec.signer.position == "Phó Trưởng phòng"


def test_sup_footnote_wrapped_over_lines_is_one_footnote():
    rec = _parse_with_item_2("2. Báo cáo kết quả<sup>(1)</sup> về\n\n<sup>(1)</sup> Theo Quyết định số 552/QĐ-UBND\n"
                             "ngày 06/4/2022 của Chủ tịch UBND tỉnh.\n\nSở")
    assert rec.footnotes == ["Theo Quyết định số 552/QĐ-UBND ngày 06/4/2022 của Chủ tịch UBND tỉnh."]


def test_markdown_footnote_definition():
    rec = _parse(SIGNED + "\n[^2]: Luật An toàn thông tin mạng.\n")
    assert rec.footnotes == ["Luật An toàn thông tin mạng."]


def test_entry_wrapped_before_a_place_word_stays_one_entry():
    rec = _parse("Nơi nhận:\n- Công ty A (đ/c: xã An Phước, tỉnh Đồng\nNai);\n- Lưu: VT.\n\nCHỦ TỊCH\n\nLê Văn An\n")
    assert rec.distribution == ["Công ty A (đ/c: xã An Phước, tỉnh Đồng Nai)", "Lưu: VT"]


def test_ocr_cut_heading_right_after_the_closing_mark():
    rec = _parse("Nai\n- Nhu tren;\n- Lau: VT, CT.\nKT. GIAM D6C\nGIAM DOC\nLê Văn An\n")
    assert rec.distribution == ["Nhu tren", "Lau: VT, CT"]
    assert rec.signer.authority == ["KT. Giám đốc"]
    assert rec.signer.position == "Phó Giám đốc"


def test_noi_nhan_inside_the_body_text_is_not_the_foot():
    text = HEAD.replace("2. Báo cáo", "Nơi nhận: Trung tâm Phục vụ hành chính công tỉnh Lai Châu.\n2. Báo cáo")
    text += "\n" + SIGNED
    seg = segment(normalize(read(text.encode("utf-8"))))
    assert any(line.text.startswith("2. Báo cáo") for line in seg.body)
    assert [t for _l, t in seg.distribution] == ["Lưu: VT."]


def test_ocr_reads_of_a_bullet_and_of_a_lost_surname_letter():
    rec = _parse("Nơi nhận:\n. Như trên;\n- Luu: VT, SGDĐT.\nh cự\n2\nê Trung Chỉnh\n")
    assert rec.distribution == ["Như trên", "Luu: VT, SGDĐT"]
    assert rec.signer.name == "Lê Trung Chỉnh"


def test_last_page_alone_gives_its_foot_and_nothing_invented():
    # a letter's second page scanned on its own: body end, Nơi nhận list, signature; no header
    page = ("c) Các trường báo cáo kết quả về Sở trước ngày 15/9/2023.\n"
            "Đề nghị các đơn vị khẩn trương triển khai thực hiện./.\n\n"
            "Nơi nhận:\n- Như trên;\n- UBND các huyện;\n\nGIÁM ĐỐC\nTrần Văn Bình\n- Lưu: VT, KHTC.\n")
    rec = parse(page.encode("utf-8"))
    assert rec.signer is not None and rec.signer.name == "Trần Văn Bình"
    assert rec.signer.position == "Giám đốc"
    assert rec.distribution == ["Như trên", "UBND các huyện", "Lưu: VT, KHTC"]
    assert rec.number is None and not rec.issuer.name and rec.date.year is None
    assert rec.document_type is None and rec.subject is None


def test_surname_read_with_a_wrong_tone_is_put_right():
    rec = _parse("Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\nCHỦ TỊCH\n\nHỗ Đình Tùng\n")
    assert rec.signer.name == "Hồ Đình Tùng"
    rec = _parse("Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\nCHỦ TỊCH\n\nLã Văn Bình\n")
    assert rec.signer.name == "Lã Văn Bình"       # 'Lã' and 'La' are both surnames: kept
