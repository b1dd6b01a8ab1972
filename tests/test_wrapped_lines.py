"""Lines wrapped where a laid-out page (PDF, DOCX) breaks them, not where the text did: each
field must read the same whichever line a phrase was cut at."""
from __future__ import annotations

from dispatch_parser import parse
from dispatch_parser.normalize import normalize
from dispatch_parser.read import read
from dispatch_parser.segment import segment

HEAD = ("UBND TỈNH LAI CHÂU\nSố: 12/UBND-VX\nV/v tăng cường an toàn thông tin\n\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Lai Châu, ngày 3 tháng 4 năm 2024\n\n")
FOOT = "\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nTống Thanh Hải\n"


def _parse(text: str):
    return parse(text.encode("utf-8"))


def _recipients(addressee: str, body: str = "Đề nghị Công ty thực hiện./.") -> list[str]:
    """The recipients read from 'Kính gửi: ' + addressee (its wrapped lines), the body below."""
    return _parse(HEAD + "Kính gửi: " + addressee + "\n\n" + body + "\n" + FOOT).recipients


def test_phone_wrapped_after_its_label_keeps_its_owner():
    rec = _parse(HEAD + "Kính gửi: Các sở, ban, ngành tỉnh.\n\n"
                 "1. Khi gặp sự cố, liên hệ đồng chí Bùi Xuân Chiên, điện thoại:\n"
                 "0913.292.535 để được hỗ trợ.\n" + FOOT)
    people = [c for c in rec.contacts if c.phones]
    assert [(c.name, c.phones) for c in people] == [("Bùi Xuân Chiên", ["0913.292.535"])]


def test_party_name_in_a_wrapped_subject_is_not_the_motto():
    text = ("UBND TỈNH LAI CHÂU\nSố: 12/UBND-VX\nV/v tổ chức Lễ kỷ niệm 95\n"
            "năm thành lập Đảng Cộng sản Việt Nam\n\n"
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            "Lai Châu, ngày 3 tháng 4 năm 2024\n\nKính gửi: Các sở, ban, ngành tỉnh.\n\n"
            "Đề nghị các cơ quan thực hiện./.\n" + FOOT)
    assert _parse(text).subject == "tổ chức Lễ kỷ niệm 95 năm thành lập Đảng Cộng sản Việt Nam"


def test_addressee_wrapped_before_its_code_or_across_a_blank_line():
    assert _recipients("Công ty Cổ phần Colas Rail gói thầu số\nHPLML-CPO7"
                       ) == ["Công ty Cổ phần Colas Rail gói thầu số HPLML-CPO7"]
    assert _recipients("Trung tâm xây dựng Hạ tầng -\n\nChi nhánh Công ty VINACONEX"
                       ) == ["Trung tâm xây dựng Hạ tầng - Chi nhánh Công ty VINACONEX"]
    assert _recipients("Bộ Tư pháp\n\n(Vụ Phổ biến, giáo dục pháp luật)"
                       ) == ["Bộ Tư pháp (Vụ Phổ biến, giáo dục pháp luật)"]


def test_bulleted_entry_wrapped_after_an_inner_semicolon_stays_one_entry():
    rec = _parse(HEAD + "Kính gửi: Các sở, ban, ngành tỉnh.\n\nĐề nghị thực hiện./.\n\n"
                 "Nơi nhận:\n- Như trên;\n- VCCI, Hiệp hội doanh nghiệp Nhật Bản;\n"
                 "Hiệp hội doanh nghiệp Hàn Quốc, Hiệp hội\ndoanh nghiệp Châu Âu (để biết);\n"
                 "- Lưu: VT.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nTống Thanh Hải\n")
    assert rec.distribution == [
        "Như trên",
        "VCCI, Hiệp hội doanh nghiệp Nhật Bản; Hiệp hội doanh nghiệp Hàn Quốc, Hiệp hội doanh nghiệp "
        "Châu Âu (để biết)",
        "Lưu: VT"]


def test_list_without_its_heading_above_the_signature():
    rec = _parse(HEAD + "Kính gửi: Các sở, ban, ngành tỉnh.\n\nĐề nghị thực hiện./.\n\n"
                 "Văn phòng Chính phủ (để biết);\n- UBND tỉnh Vĩnh Phúc (để phối hợp);\n"
                 "- Công ty TNHH Arcadyan Việt Nam, KCN\nBá Thiện, huyện Bình Xuyên (thay trả lời);\n"
                 "- Lưu: VT, GSQL.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nTống Thanh Hải\n")
    assert rec.distribution == ["Văn phòng Chính phủ (để biết)", "UBND tỉnh Vĩnh Phúc (để phối hợp)",
                                "Công ty TNHH Arcadyan Việt Nam, KCN Bá Thiện, huyện Bình Xuyên (thay trả lời)",
                                "Lưu: VT, GSQL"]
    assert rec.signer.name == "Tống Thanh Hải"


def test_name_broken_over_two_lines_claims_both_lines():
    text = HEAD + "Kính gửi: Các sở.\n\nĐề nghị thực hiện./.\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n\n" \
        "KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\nLê Tấn\nCận\n"
    seg = segment(normalize(read(text.encode("utf-8"))))
    last_two = [l for l in seg.lines if l.text in ("Lê Tấn", "Cận")]
    assert all(seg.zone_of(l) == "signature" for l in last_two) and len(last_two) == 2
    assert _parse(text).signer.name == "Lê Tấn Cận"


def test_basis_clause_with_a_year_range_cut_at_its_dash():
    rec = _parse(HEAD.replace("V/v tăng cường an toàn thông tin\n", "") + "KẾ HOẠCH\nThực hiện công tác bầu cử\n\n"
                 "Căn cứ Chỉ thị số 46-CT/TW ngày 16/5/2025 của Bộ Chính trị về bầu cử nhiệm kỳ 2026\n"
                 "- 2031; Kế hoạch số 33/KH-MTTQ-BTT ngày 17/11/2025 của Ban Thường trực;\n\n"
                 "Ban Thường trực ban hành kế hoạch như sau:\n\nI. MỤC ĐÍCH\n\n- Triển khai đầy đủ./.\n" + FOOT)
    assert {r.number for r in rec.legal_basis} >= {"46-CT/TW", "33/KH-MTTQ-BTT"}


def test_capital_title_wrapped_narrow_goes_on_through_an_opener_word():
    text = ("ỦY BAN NHÂN DÂN\nTỈNH ĐẮK LẮK\nSố: 12/CT-UBND\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "Độc lập - Tự do - Hạnh phúc\nĐắk Lắk, ngày 26 tháng 11 năm 2025\n\nCHỈ THỊ\n"
            "VỀ VIỆC TĂNG CƯỜNG CẢI CÁCH THỦ TỤC HÀNH CHÍNH TRONG\nTHỰC HIỆN THỦ TỤC HÀNH\n"
            "CHÍNH VÀ DỊCH VỤ CÔNG\n\nThời gian qua, tỉnh đã có nhiều nỗ lực./.\n" + FOOT)
    assert _parse(text).subject.endswith("trong thực hiện thủ tục hành chính và dịch vụ công")


def test_bulleted_addressee_left_open_takes_its_wrapped_rest():
    rec = _parse(HEAD + "Kính gửi:\n- Các cơ quan chuyên môn thuộc Ủy ban nhân dân\nThành phố;\n"
                 "- Ủy ban nhân dân các xã, phường.\n\nĐề nghị các cơ quan thực hiện./.\n" + FOOT)
    assert rec.recipients == ["Các cơ quan chuyên môn thuộc Ủy ban nhân dân Thành phố",
                              "Ủy ban nhân dân các xã, phường"]


def test_person_addressee_cut_before_the_last_syllable_across_a_blank_line():
    rec = _parse(HEAD + "Kính gửi: Ông Thái Mạnh\n\nCường\n\nCục Thuế nhận được đơn của ông./.\n" + FOOT)
    assert rec.recipients == ["Ông Thái Mạnh Cường"]


def test_two_header_pieces_one_slip_from_a_type_name_are_no_title():
    text = ("CHÍNH\nPHỦ\nCỘNG\nHÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            "Số: 385/NQ-CP\nHà Nội, ngày 01 tháng 12 năm 2025\n\nNGHỊ QUYẾT\nVỀ VIỆC KÝ HIỆP ĐỊNH\n\n"
            "Căn cứ Luật Tổ chức Chính phủ;\n\nQUYẾT NGHỊ:\n\nĐiều 1. Phê duyệt./.\n" + FOOT)
    assert _parse(text).document_type == "Nghị quyết"


def test_unit_initials_after_a_comma_in_the_archive_line_are_no_kt_prefix():
    rec = _parse(HEAD + "Kính gửi: Các sở.\n\nĐề nghị thực hiện./.\n\nNơi nhận:\n- Như trên;\n"
                 "- Lưu: VT, KT.\n\nGIÁM ĐỐC\n\n\nNgô Đình Mai\n")
    assert rec.distribution == ["Như trên", "Lưu: VT, KT"]
    assert (rec.signer.position, rec.signer.authority) == ("Giám đốc", [])


def test_mixed_case_title_counts_its_wrapped_rests_as_one_line():
    text = ("BẢO HIỂM XÃ HỘI VIỆT NAM\nSố: 828/QĐ-BHXH\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "Độc lập - Tự do - Hạnh phúc\nHà Nội, ngày 6 tháng 6 năm 2018\nQUYẾT ĐỊNH\n"
            "Sửa đổi, bổ sung một số điều Quy trình thu bảo hiểm xã hội, bảo\nhiểm y tế,\n"
            "bảo hiểm thất nghiệp, bảo hiểm tai nạn lao động;\nquản lý\n"
            "sổ bảo hiểm xã hội ban hành kèm theo Quyết\nđịnh số\n595/QĐ-BHXH ngày 14/4/2017 của Tổng Giám đốc\n"
            "Việt Nam\n\nTỔNG GIÁM ĐỐC BẢO HIỂM XÃ HỘI VIỆT NAM\n\nCăn cứ Luật Bảo hiểm xã hội;\n\n"
            "QUYẾT ĐỊNH:\n\nĐiều 1. Sửa đổi quy trình./.\n" + FOOT)
    assert _parse(text).subject.endswith("595/QĐ-BHXH ngày 14/4/2017 của Tổng Giám đốc Việt Nam")


def test_more_unit_codes_wrapped_under_an_entry_that_lists_codes():
    rec = _parse(HEAD + "Kính gửi: Các sở.\n\nĐề nghị thực hiện./.\n\nNơi nhận:\n- Như trên;\n"
                 "- Lãnh đạo Cục;\n- Các phòng: TTKT3; KK; TTHT;\nHKDCN;\n- Trang Thông tin điện tử Cục;\n"
                 "- Lưu: VT, TTHT.\n\nKT. CỤC TRƯỞNG\nPHÓ CỤC TRƯỞNG\n\nBùi Đức Thanh\n")
    assert "Các phòng: TTKT3; KK; TTHT; HKDCN" in rec.distribution


def test_addressee_cut_before_its_place():
    body = "Căn cứ Công văn số 389/BYT-BH ngày 31/01/2020 của Bộ Y tế./."
    assert _recipients("Công ty TNHH LG Electronics Việt Nam\nHải Phòng.", body
                       ) == ["Công ty TNHH LG Electronics Việt Nam Hải Phòng"]
    assert _recipients("Các đơn vị sử dụng lao động trên địa bàn\nThành phố", body
                       ) == ["Các đơn vị sử dụng lao động trên địa bàn Thành phố"]


def test_archive_line_wrapped_inside_its_bracket():
    rec = _parse(HEAD + "Kính gửi: Các sở.\n\nĐề nghị thực hiện./.\n\nNơi nhận:\n- Như trên;\n"
                 "- Lưu: VT, VP (Nguyễn Bằng\nThắng).\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nTống Thanh Hải\n")
    assert rec.distribution == ["Như trên", "Lưu: VT, VP (Nguyễn Bằng Thắng)"]


def test_bracket_closed_at_a_line_start_is_no_item():
    rec = _parse(HEAD + "Kính gửi: Các sở.\n\n1. Triển khai Đề án phát triển ứng dụng dữ liệu dân cư (Đề án\n"
                 "06) đã được Chính phủ giao.\n2. Báo cáo kết quả./.\n" + FOOT)
    assert [(d.label, d.text) for d in rec.directives] == [
        ("1", "Triển khai Đề án phát triển ứng dụng dữ liệu dân cư (Đề án 06) đã được Chính phủ giao."),
        ("2", "Báo cáo kết quả./.")]


def test_date_rest_read_between_subject_lines_is_not_subject():
    text = ("CỤC THUẾ\nTHUẾ TỈNH VĨNH LONG\nSố: 1539/VLO-QLDN3\nV/v trả lãi tiền vay cho cổ đông\n"
            "02 tháng 12 năm 2025\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            "Vĩnh Long, ngày 02 tháng 12 năm 2025\n\nKính gửi: Công ty Bia.\n\nĐề nghị thực hiện./.\n" + FOOT)
    assert _parse(text).subject == "trả lãi tiền vay cho cổ đông"


def test_laid_out_lines_end_a_paragraph_where_the_next_word_would_have_fitted():
    from dispatch_parser.extract.paragraphs import paragraphs
    from dispatch_parser.models import Box
    from dispatch_parser.normalize import CleanLine

    def line(text: str, x1: float, top: float) -> CleanLine:
        return CleanLine(text, 0, 0, 1, Box(x0=74, top=top, x1=x1, bottom=top + 15))

    full = "Tăng cường công tác kiểm tra, giám sát, kịp thời phát hiện và xử lý các vi phạm về"
    lines = [line(full, 550, 100 + 17 * k) for k in range(7)] + [
        line("1. Cập nhật đầy đủ số liệu vào hệ thống thông tin báo cáo trước ngày 27/12/2025.", 514, 300),
        line("Thông tin chi tiết liên hệ: bà Đặng Ngọc Yến, chuyên viên Văn phòng Bộ Tư pháp,", 550, 317),
        line("2. Đồng chí Phó Trưởng phòng Văn hóa - Xã hội - Phó Trưởng tiểu ban Thường trực:", 549, 334),
        line("Trực tiếp chỉ đạo chuẩn bị các nội dung trang trí.", 400, 351)]
    texts = [p.texts[0][:12] for p in paragraphs(lines)]
    # a sentence ending short of the column's edge ends its paragraph; one ending at the
    # edge (':' wrapped there) goes on
    assert texts[-3:] == ["1. Cập nhật ", "Thông tin ch", "2. Đồng chí "]


def test_date_rest_read_after_the_addressees_does_not_hide_the_opening_clause():
    rec = _parse(HEAD + "Kính gửi: Bộ trưởng Bộ Xây dựng.\n\nnăm 2025\n\n"
                 "Về Kết luận của Ủy ban Thường vụ Quốc hội tại Thông\nbáo số 4387/TB-VPQH ngày 14/11/2025 "
                 "của Văn phòng Quốc hội, Phó Thủ tướng có ý kiến như sau:\n\n1. Bộ Xây dựng khẩn trương "
                 "thực hiện./.\n" + FOOT)
    assert [r.number for r in rec.legal_basis] == ["4387/TB-VPQH"]


def test_a_note_item_above_the_signature_is_no_headless_list():
    rec = _parse(HEAD + "Kính gửi: Các sở.\n\nĐề nghị thực hiện:\n- Báo cáo kết quả trước ngày 10;\n"
                 "- Tổng hợp số liệu;\n- Lưu ý: gửi bản mềm qua thư điện tử.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\n"
                 "Tống Thanh Hải\n")
    assert rec.distribution == [] and [d.label for d in rec.directives] == ["-", "-", "-"]


def test_year_with_a_space_inside_as_ocr_writes_it():
    for year in ("201 8", "2 018", "20 18"):
        head = HEAD.replace("năm 2024", "năm " + year)
        rec = _parse(head + "Kính gửi: Các sở, ngành.\n\n1. Triển khai ngay./.\n" + FOOT)
        assert rec.date.iso == "2018-04-03", year
        assert rec.place == "Lai Châu"


def test_year_with_a_space_wrapped_alone_is_the_dates_rest():
    head = HEAD.replace("năm 2024", "\nnăm 201 8")
    rec = _parse(head + "Kính gửi: Các sở, ngành.\n\n1. Triển khai ngay./.\n" + FOOT)
    assert rec.date.iso == "2018-04-03"
    assert all("201 8" not in p.text for p in rec.directives)
