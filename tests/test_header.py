"""Header fields: type, number, issuer, place, date, subject, on the layouts the corpus shows
(OCR'd fused columns, Markdown table cells wrapped anywhere, plain stacked lines)."""
from dispatch_parser import parse
from dispatch_parser.layout import Layout
from dispatch_parser.pipeline import parse_layout

BODY = "\nKính gửi: Sở Tài chính tỉnh Kon Tum\n\nĐề nghị quý cơ quan thực hiện./.\n"


def parse_md(text):
    return parse_layout(Layout.from_text(text, None, "markdown"))


def test_fused_ocr_columns_unaccented_names():
    r = parse("BỘ TÀI CHÍNH CONG HOA XA HOI CHỦ NGHĨA VIỆT NAM\n"
              "TONG CUC THUE Độc lập - Tự do - Hanh phúc\n"
              "Số: 1234 /TCT-CS Hà Noi, ngày 05 tháng 7 năm 2019\n"
              "Viv chính sách thuế đối với\nhoạt động cho thuê tài sản\n" + BODY)
    assert r.issuer.name == "Tổng cục Thuế"
    assert r.issuer.parent == "Bộ Tài chính"
    assert (r.number.raw, r.number.seq, r.number.symbol) == ("1234/TCT-CS", 1234, "TCT-CS")
    assert r.place == "Hà Nội"
    assert (r.date.year, r.date.month, r.date.day) == (2019, 7, 5)
    assert r.document_type == "Công văn"
    assert r.subject == "chính sách thuế đối với hoạt động cho thuê tài sản"


def test_symbol_with_lower_case_letter_is_not_the_place():
    r = parse("TONG CUC THUE CONG HOA XA HOI CHU NGHIA VIET NAM\n"
              "CUC THUE TP HA NOI Độc lập - Tự do - Hạnh phúc\n"
              "Số: 777/CT-HTr Hà Nội, ngày 02 tháng 3 năm 2016\n"
              "V/v giải đáp chính sách thuế.\n" + BODY)
    assert r.number.symbol == "CT-HTr"
    assert r.place == "Hà Nội"
    assert r.issuer.name == "Cục Thuế thành phố Hà Nội"
    assert r.issuer.parent == "Tổng cục Thuế"


def test_ocr_destroyed_date_parts_are_null_not_guessed():
    r = parse("BỘ TÀI CHÍNH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
              "TỔNG CỤC THUẾ Độc lập - Tự do - Hạnh phúc\n"
              "Số: 88/TCT-KK Hà Nội, ngày C4 tháng 3 năm 2021\n"
              "V/v hoàn thuế\n" + BODY)
    assert (r.date.year, r.date.month, r.date.day) == (2021, 3, None)


def test_blank_date_line_keeps_place_and_number():
    r = parse("TỔNG CỤC THUẾ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
              "CỤC THUẾ TỈNH HẢI DƯƠNG Độc lập - Tự do - Hạnh phúc\n"
              "Số: /CTHDU-TTHT Hải Dương, ngày tháng năm\n"
              "V/v thuế TNCN\n" + BODY)
    assert r.number.raw == "/CTHDU-TTHT" and r.number.seq is None
    assert r.place == "Hải Dương"
    assert (r.date.year, r.date.month, r.date.day) == (None, None, None)


def test_noise_above_header_is_not_the_parent_body():
    r = parse("NV0Y-~ q ,e«4) ph: \".\n"
              "BỘ TÀI CHÍNH CONG HOA XÃ HOI CHỦ NGHĨA VIỆT NAM\n"
              "Độc lập - Tự do - Hạnh phúc\n"
              "Số: 5845 /BTC-TCHQ Hà Nội, ngày 22 tháng 5 năm 2019\n"
              "._ V/v xử lý thuế đối với phế liệu\n" + BODY)
    assert r.issuer.name == "Bộ Tài chính"
    assert r.issuer.parent is None
    assert r.subject == "xử lý thuế đối với phế liệu"


def test_markdown_cells_wrapped_anywhere():
    r = parse_md("CỤC THUẾ\n**THUẾ TỈNH TÂY NINH**\n--------\n|\n**CỘNG\nHÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**\n"
                 "Độc lập - Tự do - Hạnh phúc\n---------------\n|\n|\nSố:\n3257/TNI-QLDN1\n"
                 "*V/v thuế suất thuế\nGTGT*\n|\n*Tây\nNinh, ngày 01 tháng 12\nnăm 2025*\n|\n" + BODY)
    assert r.issuer.name == "Thuế tỉnh Tây Ninh"
    assert r.issuer.parent == "Cục Thuế"
    assert r.number.raw == "3257/TNI-QLDN1"
    assert r.place == "Tây Ninh"
    assert (r.date.year, r.date.month, r.date.day) == (2025, 12, 1)
    assert r.subject == "thuế suất thuế GTGT"


def test_markdown_body_name_wrapped_inside_its_cell():
    r = parse_md("**VĂN PHÒNG CHÍNH\nPHỦ**\n-------\n|\n**CỘNG HÒA XÃ\nHỘI CHỦ NGHĨA VIỆT NAM**\n"
                 "Độc lập - Tự do - Hạnh phúc\n|\n|\nSố: 653/TB-VPCP\n|\n*Hà Nội, ngày 28\n"
                 "tháng 11 năm 2025*\n|\n**THÔNG BÁO**\nKẾT LUẬN CỦA PHÓ THỦ TƯỚNG\nTẠI BUỔI LÀM VIỆC\n"
                 "Ngày 20 tháng 11 năm 2025, Phó Thủ tướng đã làm việc.\n")
    assert r.issuer.name == "Văn phòng Chính phủ" and r.issuer.parent is None
    assert r.document_type == "Thông báo"
    assert r.subject.lower() == "kết luận của phó thủ tướng tại buổi làm việc"


def test_title_under_type_name_stops_at_the_deciding_authority():
    r = parse("ỦY BAN NHÂN DÂN\nTỈNH AN GIANG\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
              "Độc lập - Tự do - Hạnh phúc\nSố: 15/QD-UBND\nAn Giang, ngày 18 tháng 11 năm 2025\n"
              "QUYẾT ĐỊNH\nVề việc công bố danh mục thủ tục hành chính\n"
              "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH AN GIANG\n"
              "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;\n")
    assert r.document_type == "Quyết định"
    assert r.number.symbol == "QĐ-UBND"          # OCR'd 'QD' restored
    assert r.subject == "công bố danh mục thủ tục hành chính"
    assert r.issuer.name == "Ủy ban nhân dân tỉnh An Giang"
    assert r.place == "An Giang" and r.date.day == 18


def test_three_level_header_parent_is_the_group_above():
    r = parse("ỦY BAN MTTQ VIỆT NAM\nXÃ LƯƠNG MINH\nBAN THƯỜNG TRỰC\nSố: 16/KH-MTTQ-BTT\n"
              "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
              "Lương Minh, ngày 18 tháng 11 năm 2025\nKẾ HOẠCH\nThực hiện công tác bầu cử\n"
              "Căn cứ Luật Bầu cử;\n")
    assert r.issuer.name == "Ban Thường trực"
    assert r.issuer.parent == "Ủy ban Mặt trận Tổ quốc Việt Nam xã Lương Minh"
    assert r.document_type == "Kế hoạch"
    assert r.place == "Lương Minh"


LAI_CHAU = ("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "TỈNH LAI CHÂU Độc lập - Tự do - Hạnh phúc\nSố: 12/UBND-VX\n")


def test_date_fused_on_the_vv_line():
    r = parse(LAI_CHAU + "V/v tăng cường an toàn Lai Châu, ngày 05 tháng 3 năm 2024\nthông tin mạng\n" + BODY)
    assert r.place == "Lai Châu" and (r.date.month, r.date.day) == (3, 5)
    assert r.subject == "tăng cường an toàn thông tin mạng"


def test_subject_line_keeps_its_words_left_of_a_fused_date():
    r = parse(LAI_CHAU + "V/v tăng cường an toàn\nthông tin mạng Lai Châu, ngày 05 tháng 3 năm 2024\n" + BODY)
    assert r.subject == "tăng cường an toàn thông tin mạng"
    assert r.date.year == 2024


def test_urgency_mark_is_not_part_of_the_issuer():
    r = parse("KHẨN\n" + LAI_CHAU + "Lai Châu, ngày 05 tháng 3 năm 2024\nV/v phòng chống bão\n" + BODY)
    assert r.marks.urgency == "Khẩn"
    assert r.issuer.name == "Ủy ban nhân dân tỉnh Lai Châu"


STACKED_TAIL = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 12/NHNN-VP\n"
                "Hà Nội, ngày 05 tháng 3 năm 2024\nV/v báo cáo số liệu\n" + BODY)


def test_stacked_name_ending_in_viet_nam_above_the_motto():
    r = parse("NGÂN HÀNG NHÀ NƯỚC\nVIỆT NAM\n" + STACKED_TAIL)
    assert r.issuer.name == "Ngân hàng Nhà nước Việt Nam" and r.issuer.parent is None


def test_name_wrapped_after_its_organ_word_is_one_body():
    r = parse("BỘ GIÁO DỤC VÀ ĐÀO TẠO\nTRƯỜNG ĐẠI HỌC\nKINH TẾ QUỐC DÂN\n" + STACKED_TAIL)
    assert r.issuer.name.lower() == "trường đại học kinh tế quốc dân"
    assert r.issuer.parent == "Bộ Giáo dục và Đào tạo"


def test_vv_alone_on_its_line_takes_the_wrapped_text():
    r = parse_md("**BỘ TÀI CHÍNH**\n-------\n|\n**CỘNG HÒA XÃ HỘI CHỦ NGHĨA\nVIỆT NAM**\n"
                 "Độc lập - Tự do - Hạnh phúc\n|\n|\nSố: 17986/BTC-CT\n*V/v\nPhổ biến cẩm nang thuế*\n|\n"
                 "*Hà Nội, ngày 19 tháng 11\nnăm 2025*\n|\n" + BODY)
    assert r.subject == "Phổ biến cẩm nang thuế"
    assert r.issuer.name == "Bộ Tài chính" and r.issuer.parent is None


def test_party_document_motto_and_number():
    r = parse("ĐẢNG BỘ XÃ LƯƠNG MINH ĐẢNG CỘNG SẢN VIỆT NAM\nCHI BỘ THÔN A\n"
              "Số 12-KH/CB Lương Minh, ngày 18 tháng 11 năm 2025\nKẾ HOẠCH\nTổ chức hội nghị chi bộ\n"
              "Căn cứ Điều lệ Đảng;\n")
    assert r.issuer.name == "Chi bộ thôn A" and r.issuer.parent == "Đảng bộ xã Lương Minh"
    assert (r.number.raw, r.number.seq, r.number.symbol) == ("12-KH/CB", 12, "CB")
    assert r.place == "Lương Minh" and r.document_type == "Kế hoạch"


def test_place_garbled_in_the_date_line_taken_from_the_issuer():
    r = parse("CỤC HẢI QUAN TỈNH BÌNH DƯƠNG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
              "CHI CỤC HẢI QUAN THỦ DẦU MỘT Độc lập - Tự do - Hạnh phúc\n"
              "Số: 490 /HQTDM Thủ Ddu Mội, ngày 05 tháng 8 năm 2022\nV/v xuất khẩu hàng hóa\n" + BODY)
    assert r.place == "Thủ Dầu Một"
    assert r.issuer.parent == "Cục Hải quan tỉnh Bình Dương"


def test_commune_name_longer_than_a_known_city_is_kept_whole():
    r = parse("UBND PHƯỜNG BẮC CAM RANH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
              "Độc lập - Tự do - Hạnh phúc\n"
              "Số: 7/UBND Bắc Cam Ranh, ngày 05 tháng 8 năm 2025\nV/v tổ chức bầu cử\n" + BODY)
    assert r.place == "Bắc Cam Ranh"


def test_type_name_with_an_incoming_stamp_fused_on_its_line():
    r = parse("CHÍNH PHỦ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
              "Số: 47/2016/NĐ-CP Hà Nội, ngày 26 tháng 5 năm 2016\n\nĐẾN OH Gn NGHỊ ĐỊNH\n"
              "Nạy...22/V/L.. Quy định mức lương cơ sở đối với\ncán bộ, công chức\n\n"
              "Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;\n")
    assert r.document_type == "Nghị định"
    assert r.subject == "Quy định mức lương cơ sở đối với cán bộ, công chức"


def test_vv_fused_after_the_number_on_one_line():
    r = parse(LAI_CHAU.replace("Số: 12/UBND-VX\n", "")
              + "Số: 12/UBND-VX V/v tăng cường an toàn Lai Châu, ngày 05 tháng 3 năm 2024\nthông tin mạng\n"
              + BODY)
    assert r.number.raw == "12/UBND-VX"
    assert r.subject == "tăng cường an toàn thông tin mạng"
    assert r.place == "Lai Châu" and r.date.day == 5


def test_columns_read_right_to_left():
    r = parse("CONG HOA XA HOI CHU NGHIA VIET NAM BỘ TÀI CHÍNH\n"
              "Độc lập - Tự do - Hạnh phúc TỔNG CỤC THUẾ\n"
              "Số: 12/TCT-CS Hà Nội, ngày 05 tháng 3 năm 2024\nV/v hoàn thuế\n" + BODY)
    assert r.issuer.name == "Tổng cục Thuế" and r.issuer.parent == "Bộ Tài chính"


def test_ocr_slips_in_a_scanned_header_hcm_and_split_year():
    from dispatch_parser.extract.header import _DATE_PARTS
    from dispatch_parser.vntext import fold
    r = parse("TỔNG CỤC THUẾ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
              "CỤC THUẾ TP.HCM Độc lập - Tự do - Hạnh phúc\n"
              "Số: 6078/CT-KTT3 TP. Hồ Chí Minh, ngày 26 tháng 7 năm 2011\n"
              "V/v không đóng dấu trên hoá đơn\n" + BODY)
    assert r.issuer.name == "Cục Thuế thành phố Hồ Chí Minh"
    m = _DATE_PARTS.search(fold("TP. Hồ Chí Minh, ngày 26 tháng 7 năm 201 l"))
    assert m and m.group("y") == "201 l"        # read as 2011 (space dropped, l -> 1)


def test_logo_read_as_two_letters_before_the_body_is_dropped():
    from dispatch_parser.extract.header import _body_name
    assert _body_name("CC ỦY BAN NHÂN DÂN TÍNH ĐÁK LÁK") == "Ủy ban nhân dân tỉnh Đắk Lắk"
    assert _body_name("BỘ TƯ PHÁP") == "Bộ Tư pháp"          # a short organ word is no speck


def test_eth_read_for_d_with_stroke_in_a_symbol():
    for written in ("110/QĐÐ-STP", "110/QÐ-STP"):
        r = parse("UBND TỈNH TUYÊN QUANG\nSỞ TƯ PHÁP\n\nSố: " + written + "\n\n"
                  "Tuyên Quang, ngày 28 tháng 6 năm 2018\nV/v quy chế\n" + BODY)
        assert (r.number.raw, r.number.symbol) == ("110/QĐ-STP", "QĐ-STP")


def test_gazette_title_repeating_the_body_is_no_parent_and_glued_unit_is_split():
    from dispatch_parser.extract.header import _body_name
    r = parse("THỦ TƯỚNG CHÍNH PHỦ\n\nTHỦ TƯỚNG CHÍNH PHỦ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
              "Độc lập - Tự do - Hạnh phúc\nSố: 09/2023/QĐ-TTg Hà Nội, ngày 12 tháng 4 năm 2023\n\n"
              "QUYẾT ĐỊNH\nQuy định về thẻ đi lại doanh nhân APEC\n\nCăn cứ Luật Tổ chức Chính phủ;\n")
    assert (r.issuer.name, r.issuer.parent) == ("Thủ tướng Chính phủ", None)
    assert _body_name("BỆNH VIỆN ĐA KHOATỈNH") == "Bệnh viện đa khoa tỉnh"


def test_subject_marker_with_the_slash_read_as_hash():
    r = parse("TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
              "Độc lập - Tự do - Hạnh phúc\n"
              "Số: 245/TLĐ Hà Nội, ngày 15 tháng 5 năm 2020\n"
              "V#v lùi thời điểm đóng kinh phí công đoàn\n" + BODY)
    assert r.subject == "lùi thời điểm đóng kinh phí công đoàn"


def test_a_district_named_like_a_province_keeps_its_own_spelling():
    from dispatch_parser.gazetteer import restore_body
    assert restore_body("Ủy ban nhân dân huyện Phù Yên") == "Ủy ban nhân dân huyện Phù Yên"
    assert restore_body("Ủy ban nhân dân tỉnh Phu Yen") == "Ủy ban nhân dân tỉnh Phú Yên"


def test_a_province_split_between_the_header_columns_is_whole_in_issuer_and_place():
    r = parse("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH ĐẮK Độc lập - Tự do - Hạnh phúc\n"
              "Số: 12/CT-UBND Lắk, ngày 26 tháng 11 năm 2025\nV/v cải cách hành chính\n" + BODY)
    assert r.place == "Đắk Lắk" and r.issuer.name == "Ủy ban nhân dân tỉnh Đắk Lắk"
