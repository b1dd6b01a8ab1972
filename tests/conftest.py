"""Shared fixtures: where the repository and the shared corpus are, and a sample dispatch.

The shared corpus (gold, scorer) sits beside the repository as ../shared; tests that need it
are skipped with a clear reason when it is absent, so the rest of the suite still runs.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"
SCORER = SHARED / "eval" / "score.py"
SEEDS_TEXT = CORPUS / "seeds" / "text"
SEEDS_GOLD = CORPUS / "seeds" / "gold"
DEV = CORPUS / "real" / "dev"
DEV_GOLD = DEV / "gold"

# A short công văn in the Decree 30 layout, written for the tests (not from the corpus).
SAMPLE_DISPATCH = """\
ỦY BAN NHÂN DÂN                    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỈNH HÒA BÌNH                          Độc lập - Tự do - Hạnh phúc
SỞ KHOA HỌC VÀ CÔNG NGHỆ
Số: 215/SKHCN-VP                     Hòa Bình, ngày 12 tháng 3 năm 2024
V/v tăng cường công tác phòng
chống cháy nổ tại cơ quan

Kính gửi:
- Các phòng, đơn vị trực thuộc Sở;
- Trung tâm Thông tin và Ứng dụng khoa học.

Căn cứ Công văn số 1021/UBND-NC ngày 05/3/2024 của Ủy ban nhân dân tỉnh về phòng cháy,
chữa cháy năm 2024, Sở Khoa học và Công nghệ đề nghị các đơn vị thực hiện:
1. Rà soát phương tiện chữa cháy tại trụ sở.
2. Tổ chức tập huấn cho cán bộ, công chức:
a) Kỹ năng thoát nạn;
b) Sử dụng bình chữa cháy.
Mọi vướng mắc xin liên hệ ông Nguyễn Văn An, Chánh Văn phòng, điện thoại 0218.3852.123.

Nơi nhận:                                   KT. GIÁM ĐỐC
- Như trên;                                  PHÓ GIÁM ĐỐC
- Lưu: VT, VP.

                                             Trần Thị Bình
"""


def shared_or_skip(*paths: Path) -> None:
    """Skip the calling test when the shared corpus (or one of `paths`) is not beside the repo."""
    for path in (SHARED, *paths):
        if not path.exists():
            pytest.skip(f"{path} not found: these tests need the shared corpus checked out "
                        f"as {SHARED} (beside the repository)")


@pytest.fixture
def sample_text() -> str:
    return SAMPLE_DISPATCH


@pytest.fixture
def sample_file(tmp_path: Path) -> Path:
    path = tmp_path / "cong_van_215.txt"
    path.write_text(SAMPLE_DISPATCH, encoding="utf-8")
    return path


@pytest.fixture
def python() -> str:
    return sys.executable
