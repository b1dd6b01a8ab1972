"""Header and foot rules mended after reading the parser's records of unseen documents."""
from __future__ import annotations

from dispatch_parser import parse
from dispatch_parser.extract.distribution import clean_entry

HEAD = """BỘ TÀI CHÍNH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỔNG CỤC HẢI QUAN Độc lập - Tự do - Hạnh phúc
Số: 123/TCHQ-GSQL Hà Nội, ngày 5 tháng 3 năm 2021
V/v thủ tục hải quan

Kính gửi: Công ty TNHH Minh Phát.

Tổng cục Hải quan trả lời để Công ty biết và thực hiện./.
"""


def _parse(text: str):
    return parse(text.encode("utf-8"))


def test_garbled_signature_title_after_an_entrys_semicolon_is_not_the_entrys():
    # the title of the signature column ('CỤC TRƯỞNG') OCR'd beyond recognition onto the
    # list's first line, behind a dash
    rec = _parse(HEAD + "\nNơi nhận: TL. TỔNG CỤC TRƯỞNG\n- Như trên; - CỤTRUƠIG\n"
                        "- Lưu: VT, GSQL (03).\n\nTrần Văn Bình\n")
    assert rec.distribution == ["Như trên", "Lưu: VT, GSQL (03)"]


def test_a_second_entry_or_unit_code_after_a_semicolon_is_kept():
    assert clean_entry("- Các Bộ: TC; GD&ĐT;", beside_signature=True) == "Các Bộ: TC; GD&ĐT"
    assert clean_entry("- Vụ PC; - VPCP", beside_signature=True) == "Vụ PC; - VPCP"
    # far down the list no signature column stands beside it
    assert clean_entry("- Vụ PC; - TỔNGHỢP") == "Vụ PC; - TỔNGHỢP"


CONG_DIEN = """BỘ Y TẾ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 07/CĐ-BYT Hà Nội, ngày 9 tháng 8 năm 2024

CÔNG ĐIỆN
Về việc phòng, chống dịch sốt xuất huyết

BỘ TRƯỞNG BỘ Y TẾ điện:

- Giám đốc Sở Y tế các tỉnh, thành phố trực thuộc Trung ương.
- Thủ trưởng các đơn vị trực thuộc Bộ Y tế: Viện Vệ sinh dịch tễ Trung ương,
Viện Pasteur Thành phố Hồ Chí Minh.

Thời gian qua, số ca mắc sốt xuất huyết tăng nhanh tại nhiều địa phương.

1. Các Sở Y tế tăng cường giám sát ổ dịch.
2. Các Viện báo cáo kết quả về Bộ Y tế./.

Nơi nhận:
- Như trên;
- Lưu: VT, DP.

KT. BỘ TRƯỞNG
THỨ TRƯỞNG

Nguyễn Văn Hùng
"""


def test_cong_dien_addressees_follow_the_senders_dien_line():
    rec = _parse(CONG_DIEN)
    assert rec.document_type == "Công điện"
    assert rec.recipients == [
        "Giám đốc Sở Y tế các tỉnh, thành phố trực thuộc Trung ương",
        "Thủ trưởng các đơn vị trực thuộc Bộ Y tế: Viện Vệ sinh dịch tễ Trung ương, "
        "Viện Pasteur Thành phố Hồ Chí Minh",
    ]
    # the addressees are no items of the body
    assert [d.label for d in rec.directives] == ["1", "2"]


def test_a_body_sentence_ending_in_dien_is_no_addressee_line():
    text = CONG_DIEN.replace("BỘ TRƯỞNG BỘ Y TẾ điện:", "Bộ trưởng Bộ Y tế điện:")
    assert _parse(text).recipients == []


def test_issuer_place_words_that_lost_their_marks_take_the_date_lines_spelling():
    text = """BẢO HIỂM XÃ HỘI TỈNH HẢI DƯƠNG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
BẢO HIỂM XÃ HỘI TU KY Độc lập - Tự do - Hạnh phúc
Số: 45/BHXH Tứ Kỳ, ngày 3 tháng 5 năm 2019
V/v đóng bảo hiểm y tế

Kính gửi: Công ty TNHH Hoa Mai.

Bảo hiểm xã hội huyện Tứ Kỳ trả lời để Công ty biết./.
"""
    rec = _parse(text)
    assert rec.place == "Tứ Kỳ"
    assert rec.issuer.name == "Bảo hiểm xã hội Tứ Kỳ"


def test_archive_line_specks_go_drafters_initials_stay():
    assert clean_entry("- Lưu: VT, TH (2b). X¥") == "Lưu: VT, TH (2b)"        # one letter among signs
    assert clean_entry("- Lưu: VT, TH (2b).QT ey") == "Lưu: VT, TH (2b).QT"   # initials, then a speck
    assert clean_entry("- Lưu: VT, TH (2). Ha") == "Lưu: VT, TH (2). Ha"
    assert clean_entry("- Lưu: VT, TH (2). (Ê, 3)") == "Lưu: VT, TH (2). (Ê, 3)"
    # only the archive line carries initials
    assert clean_entry("- Sở Y tế. BV ab") == "Sở Y tế. BV ab"


def test_a_heading_in_capitals_ending_in_dien_opens_no_addressee_list():
    text = CONG_DIEN.replace("BỘ TRƯỞNG BỘ Y TẾ điện:", "III. BẢO ĐẢM CUNG CẤP ĐIỆN:")
    assert _parse(text).recipients == []


def test_stamp_edge_read_as_l_opening_a_title_line_is_dropped():
    text = """CHÍNH PHỦ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 12/2020/NĐ-CP Hà Nội, ngày 3 tháng 2 năm 2020

NGHỊ ĐỊNH
Quy định chế độ phụ cấp đối với
l cán bộ, công chức cấp xã

Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;

Chính phủ ban hành Nghị định quy định chế độ phụ cấp./.
"""
    rec = _parse(text)
    assert rec.subject == "Quy định chế độ phụ cấp đối với cán bộ, công chức cấp xã"


def test_cong_dien_addressee_on_the_senders_line():
    text = CONG_DIEN.replace(
        "BỘ TRƯỞNG BỘ Y TẾ điện:\n\n- Giám đốc Sở Y tế các tỉnh, thành phố trực thuộc Trung ương.\n"
        "- Thủ trưởng các đơn vị trực thuộc Bộ Y tế: Viện Vệ sinh dịch tễ Trung ương,\n"
        "Viện Pasteur Thành phố Hồ Chí Minh.\n",
        "BỘ TRƯỞNG BỘ Y TẾ điện: Giám đốc Sở Y tế các tỉnh, thành phố trực thuộc Trung ương.\n")
    assert _parse(text).recipients == ["Giám đốc Sở Y tế các tỉnh, thành phố trực thuộc Trung ương"]


def test_cong_dien_unbulleted_addressee_closed_by_a_dot_ends_the_list():
    text = CONG_DIEN.replace(
        "BỘ TRƯỞNG BỘ Y TẾ điện:\n\n- Giám đốc Sở Y tế các tỉnh, thành phố trực thuộc Trung ương.\n"
        "- Thủ trưởng các đơn vị trực thuộc Bộ Y tế: Viện Vệ sinh dịch tễ Trung ương,\n"
        "Viện Pasteur Thành phố Hồ Chí Minh.\n\n",
        "BỘ TRƯỞNG BỘ Y TẾ điện:\nGiám đốc Sở Y tế các tỉnh, thành phố trực thuộc Trung ương.\n")
    # the body's first sentence, right under it, opens with no opener word
    text = text.replace("Thời gian qua, số ca", "Số ca")
    assert _parse(text).recipients == ["Giám đốc Sở Y tế các tỉnh, thành phố trực thuộc Trung ương"]
