"""Contacts (phones, e-mails, their owners) and Kính gửi recipients, on small written texts."""
from __future__ import annotations

import pytest

from dispatch_parser import parse
from dispatch_parser.extract.contacts import _phones

HEAD = ("BỘ TÀI CHÍNH\nSố: 12/BTC-CST\nHà Nội, ngày 1 tháng 2 năm 2024\nV/v hướng dẫn chính sách thuế\n\n")
FOOT = ("\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n\nKT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\n\nNguyễn Văn Tiến\n")


def letter(body: str, recipients: str = "Kính gửi: Cục Thuế các tỉnh.") -> str:
    return HEAD + recipients + "\n\nCăn cứ Luật Quản lý thuế.\n\n" + body + FOOT


def contacts_of(body: str) -> list[dict]:
    record = parse(letter(body))
    return [{k: v for k, v in c.model_dump().items() if k != "provenance"} for c in record.contacts]


# --- phones ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "MST: 0100979928)", "Mã số thuế: 0900123456", "Số tài khoản: 0981000123456 tại Kho bạc",
    "CMND số 012345678 cấp ngày 01/01/2010", "công văn số 88090/CT-TTHT ngày 2/10/2020",
    "số tiền 1.000.000.000 đồng", "ngày 20.10.2020", "Điều 15 khoản 2 năm 2019", "Fax: 024 3822 1234",
    "tổng số 0912 345 678 lượt", "ret 294 98 200 2990) fees",
])
def test_numbers_that_are_not_phones(text):
    assert _phones(text) == []


@pytest.mark.parametrize("text, phones", [
    ("điện thoại: (0229) 3889.237", ["(0229) 3889.237"]),
    ("ĐT: 024.3640.4421, đường dây nóng: 0869.100.317.", ["024.3640.4421", "0869.100.317"]),
    ("(điện thoại: 0277 3856113)", ["0277 3856113"]),
    ("Điện thoại: 0912 345 678 - 0987 654 321", ["0912 345 678", "0987 654 321"]),
    ("hotline 18001260 hoặc 0243.7722.728", ["18001260", "0243.7722.728"]),
    ("đồng chí Nguyễn Văn An (0912.345.678)", ["0912.345.678"]),
])
def test_phones_as_written(text, phones):
    assert [f.value for f in _phones(text)] == phones


# --- owners ---------------------------------------------------------------------------------

def test_unit_phone_then_person_phone_gives_two_contacts():
    found = contacts_of("- Đội ứng cứu sự cố tỉnh Ninh Bình, điện thoại: (0229) 3889.237 hoặc đồng chí "
                        "Bùi Xuân Chiên, điện thoại: 0913.292.535, thư điện tử: ChienBX@ninhbinh.gov.vn.")
    assert len(found) == 2
    unit, person = found
    assert unit["name"] is None and unit["organization"] == "Đội ứng cứu sự cố tỉnh Ninh Bình"
    assert person["name"] == "Bùi Xuân Chiên" and person["phones"] == ["0913.292.535"]
    assert person["emails"] == ["chienbx@ninhbinh.gov.vn"]


def test_person_with_title_after_dash():
    found = contacts_of("- Ông Trần Văn Sáu - Phó Giám đốc Sở, Đội phó Đội ứng cứu; điện thoại: 0913297881;")
    assert found[0]["name"] == "Trần Văn Sáu"
    assert found[0]["title"] == "Phó Giám đốc Sở, Đội phó Đội ứng cứu"


def test_phone_inside_the_units_parenthesis():
    found = contacts_of("Đề nghị Công ty liên hệ trực tiếp với Cục Thuế tỉnh Bắc Ninh (phòng Tuyên truyền "
                        "và Hỗ trợ người nộp thuế - ĐT\n0222.3822347) để được hướng dẫn./.")
    assert found[0]["organization"] == "Cục Thuế tỉnh Bắc Ninh (phòng Tuyên truyền và Hỗ trợ người nộp thuế)"
    assert found[0]["phones"] == ["0222.3822347"]


def test_reader_with_address_card():
    found = contacts_of("Cục Thuế nhận được thư hỏi của Độc giả Nguyễn Thị Minh Nguyệt (Địa chỉ: Phòng 24.2, "
                        "đường Phạm Hùng; Email: abc) dgmail.com; SĐT: 0983297869) do Cổng thông tin chuyển đến.")
    assert [(c["name"], c["phones"]) for c in found] == [("Nguyễn Thị Minh Nguyệt", ["0983297869"])]


def test_unit_named_without_number_and_address_cut():
    found = contacts_of("Trường hợp còn vướng mắc, đề nghị công ty liên hệ với Phòng Kiểm tra\n"
                        "thuế số 2 — 187 Giảng Võ để được hướng dẫn cụ thể.")
    assert [(c["organization"], c["phones"]) for c in found] == [("Phòng Kiểm tra thuế số 2", [])]


def test_tax_code_lines_give_no_contact():
    record = parse(letter("Nội dung trả lời.", "Kính gửi: Công ty TNHH Bình Yên\n(Đ/c: Số 94 Ngụy Như Kon Tum\n"
                                                 "MST: 0100979928)"))
    assert record.contacts == []


# --- recipients -----------------------------------------------------------------------------

def recipients_of(block: str) -> list[str]:
    return parse(letter("1. Nội dung.", block)).recipients


def test_bulleted_recipients_with_gaps_and_semicolons():
    block = "Kính gửi:\n\n- Công an thành phố;\n- Các phòng, ban, ngành; MTTQ thành phố;\n\n- Ủy ban nhân dân các phường, xã."
    assert recipients_of(block) == ["Công an thành phố", "Các phòng, ban, ngành", "MTTQ thành phố",
                                    "Ủy ban nhân dân các phường, xã"]


def test_wrapped_recipient_and_sub_unit_in_parenthesis():
    assert recipients_of("Kính gửi: Trung tâm xây dựng Hạ tầng -\nChi nhánh Công ty cổ phần VINACONEX\n"
                         "Địa chỉ: Tầng 18, số 34 Láng Hạ\nMST 0102261441-001") == [
        "Trung tâm xây dựng Hạ tầng - Chi nhánh Công ty cổ phần VINACONEX"]
    assert recipients_of("Kính gửi: Bộ Tư pháp\n(Vụ Phổ biến, giáo dục pháp luật)") == [
        "Bộ Tư pháp (Vụ Phổ biến, giáo dục pháp luật)"]


def test_keyword_split_over_two_lines_and_company_details_left_out():
    block = "Kính\ngửi:\n\nCông Ty TNHH Khuôn Mẫu Yong Hong;\nMã số thuế: 1102044417;\nĐịa chỉ nhận thông báo: Lô A8"
    assert recipients_of(block) == ["Công Ty TNHH Khuôn Mẫu Yong Hong"]


def test_stamp_text_fused_before_keyword_and_bullets():
    block = "Cole THỘNG TA BIỆN PHD Kính gửi:\nBENGE Ca... - Bộ Tài chính;\nNgy... 42/4148. - Bộ Công Thương;\n- Bộ Tư pháp."
    assert recipients_of(block) == ["Bộ Tài chính", "Bộ Công Thương", "Bộ Tư pháp"]


def test_ocr_residue_after_closing_dot_and_at_line_end():
    block = "Kính gửi:\n- Các Cục Hải quan tỉnh, thành ae en\n\n- Các Cục Thuế tỉnh, thành phố. -Chuyển:.."
    assert recipients_of(block) == ["Các Cục Hải quan tỉnh, thành", "Các Cục Thuế tỉnh, thành phố"]


def test_recipient_ends_where_a_sentence_starts():
    assert recipients_of("Kính gửi: Ông Thái Mạnh\nCường\nCục Thuế nhận được đơn của ông.") == ["Ông Thái Mạnh Cường"]
    assert recipients_of("Kinh gui: Cục Thuế tỉnh Bình Phước\n\nTrả lời công văn số 2297/CT-KTT2") == [
        "Cục Thuế tỉnh Bình Phước"]


def test_no_kinh_gui_no_recipients():
    text = HEAD.replace("V/v hướng dẫn chính sách thuế\n", "QUYẾT ĐỊNH\nVề việc ban hành quy chế\n") + \
        "Căn cứ Luật Tổ chức chính quyền địa phương;\n\nĐiều 1. Ban hành quy chế.\n" + \
        "định gia hạn bao gồm tất cả các ngành kinh tế" + FOOT
    assert parse(text).recipients == []


def test_kinh_gui_of_an_annexed_form_is_not_the_documents():
    text = HEAD.replace("V/v hướng dẫn chính sách thuế\n", "QUYẾT ĐỊNH\nVề việc ban hành mẫu đơn\n") + \
        "Căn cứ Luật Quản lý thuế;\n\nĐiều 1. Ban hành mẫu đơn kèm theo.\n" + FOOT + \
        "\nMẪU ĐƠN\n\nKính gửi: Cơ quan thuế ....................\n\n[01] Tên người nộp thuế: ......\n"
    assert parse(text).recipients == []


def test_lower_case_wrap_that_looks_like_an_opener_continues():
    assert recipients_of("Kính gửi: Ban Quản lý\nđề án 06 của tỉnh;\n- Ủy ban nhân dân\nphường Bến Nghé.") == [
        "Ban Quản lý đề án 06 của tỉnh", "Ủy ban nhân dân phường Bến Nghé"]


def test_header_date_read_between_keyword_and_list_is_skipped():
    block = "Kính gửi:\nĐà Nẵng, ngày 24 tháng 5 năm 2019\n\nTrưởng phòng GD&ĐT các quận, huyện;\n- Hiệu trưởng các trường THPT."
    assert recipients_of(block) == ["Trưởng phòng GD&ĐT các quận, huyện", "Hiệu trưởng các trường THPT"]
