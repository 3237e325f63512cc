"""Bad input is refused with a Vietnamese message and leaves the archive unchanged."""
from __future__ import annotations

import io
import zipfile

import pytest

import archive
from archive import blobs, db
from archive.readers import MAX_BYTES, ReadError, display_name, read_file


@pytest.fixture()
def empty_archive(data_dir):
    db.upgrade()
    return data_dir


def snapshot(data_dir):
    """Everything the archive holds: rows of every table and the blob files."""
    from sqlalchemy import select

    from archive.schema import TABLES

    with db.reading() as conn:
        rows = {t.name: conn.execute(select(t)).all() for t in TABLES}
    return rows, blobs.all_digests()


def _docx_bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"<w:document>" + b"\x20" * 120_000_000 + b"</w:document>")
    return out.getvalue()


def _pdf_crash() -> bytes:
    # an xref pointing at itself and an object stream that never ends: parsers loop or raise
    return (b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
            b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
            b"3 0 obj << /Type /Page /Parent 2 0 R /Contents 4 0 R >> endobj\n"
            b"4 0 obj << /Length 999999999 /Filter /FlateDecode >> stream\nxx\nendstream endobj\n"
            b"xref\n0 1\n0000000000 65535 f \ntrailer << /Root 1 0 R /Size 5 /Prev 9 >>\nstartxref\n9\n%%EOF")


CASES = {
    "empty.txt": (b"", "rỗng"),
    "truncated.docx": (b"PK\x03\x04\x14\x00\x00\x00\x08\x00", "không phải tệp Word"),
    "locked.docx": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "mật khẩu"),
    "bomb.docx": (None, "quá lớn"),
    "crash.pdf": (None, "PDF"),
    "not_pdf.pdf": (b"hello, I am not a PDF", "không phải tệp PDF: tên là .pdf nhưng nội dung là văn bản thuần"),
    "word_named_pdf.pdf": (b"PK\x03\x04" + b"\x00" * 26 + b"word/document.xml", "nội dung là tệp Word"),
    "zip.docx": (b"PK\x03\x04" + b"\x00" * 26 + b"other/file.bin", "nội dung là tệp nén"),
    "tcvn3.txt": ("Sè: 40/TTr-STTTT Kýnh göi".encode("cp1252"), "UTF-8"),
    "binary.txt": (b"S\x00o\x00\x00\x00\x00", "nội dung là tệp nhị phân"),
    "image.png": (b"\x89PNG\r\n\x1a\n", "chỉ nạp được"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_file_refused_and_archive_unchanged(empty_archive, tmp_path, name):
    data, needle = CASES[name]
    if name == "bomb.docx":
        data = _docx_bomb()
    elif name == "crash.pdf":
        data = _pdf_crash()
    path = tmp_path / name
    path.write_bytes(data)
    before = snapshot(empty_archive)
    outcome = archive.ingest_file(path, actor="test")
    assert outcome.status == "refused", outcome
    assert needle in outcome.reason, outcome.reason
    assert snapshot(empty_archive) == before


def test_huge_file_refused_before_reading(empty_archive, tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as f:
        f.truncate(200 * 1024 * 1024)  # 200 MB, sparse: nothing is read to refuse it
    assert path.stat().st_size > MAX_BYTES
    before = snapshot(empty_archive)
    outcome = archive.ingest_file(path, actor="test")
    assert outcome.status == "refused" and "quá giới hạn" in outcome.reason
    assert snapshot(empty_archive) == before


@pytest.mark.parametrize("raw, shown", [("../../etc/passwd", "passwd"), ("..\\..\\boot.ini", "boot.ini"),
                                       ("a/b/c.docx", "c.docx"), ("\x00\x1b[31m.txt", "[31m.txt")])
def test_names_are_never_paths(raw, shown):
    assert display_name(raw) == shown


def test_path_like_name_is_refused_by_suffix_not_opened(empty_archive, tmp_path):
    path = tmp_path / "x"
    path.write_text("Số: 01/QĐ-UBND", encoding="utf-8")
    outcome = archive.ingest_file(path, actor="test", name="../../etc/passwd")
    assert outcome.status == "refused" and outcome.name == "passwd"


def test_utf16_with_bom_is_read(tmp_path):
    path = tmp_path / "u16.txt"
    path.write_bytes("Số: 01/QĐ-UBND".encode("utf-16"))
    assert read_file(path).text.startswith("Số: 01/QĐ-UBND")


def test_missing_file_message(tmp_path):
    with pytest.raises(ReadError, match="không có tệp"):
        read_file(tmp_path / "khong_co.txt")
