"""Digital signatures read by pyHanko: a PDF signed here (a real signature made by pyHanko, under a
root made for the test) is intact and trusted when its root is in data/trust/, not trusted under
another root, unchecked without any, and not intact once a byte it covers is changed."""
from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from archive import signatures
from archive.readers import read_file

ROOT = Path(__file__).resolve().parent.parent


def _ca(tmp: Path, name: str):
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID

    def subject(cn):
        return x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
                          x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Ủy ban nhân dân tỉnh Thử"),
                          x509.NameAttribute(NameOID.COMMON_NAME, cn)])

    now = dt.datetime.now(dt.timezone.utc)
    root_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    root = (x509.CertificateBuilder().subject_name(subject(f"{name} Root")).issuer_name(subject(f"{name} Root"))
            .public_key(root_key.public_key()).serial_number(1).not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=30))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True)
            .sign(root_key, hashes.SHA256()))
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    cert = (x509.CertificateBuilder().subject_name(subject("Nguyễn Văn Thử")).issuer_name(root.subject)
            .public_key(key.public_key()).serial_number(2).not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=30))
            .add_extension(x509.KeyUsage(True, True, False, False, False, False, False, False, False), critical=True)
            .sign(root_key, hashes.SHA256()))
    pem = serialization.Encoding.PEM
    (tmp / f"{name}-root.crt").write_bytes(root.public_bytes(pem))
    (tmp / f"{name}-signer.crt").write_bytes(cert.public_bytes(pem))
    (tmp / f"{name}-signer.key").write_bytes(key.private_bytes(pem, serialization.PrivateFormat.PKCS8,
                                                               serialization.NoEncryption()))
    return tmp / f"{name}-root.crt", tmp / f"{name}-signer.crt", tmp / f"{name}-signer.key"


def _signed_pdf(tmp: Path, cert: Path, key: Path) -> Path:
    import pymupdf
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers

    plain = tmp / "plain.pdf"
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_text((72, 80), "UY BAN NHAN DAN TINH THU", fontsize=12)
    page.insert_text((72, 110), "So: 12/QD-UBND", fontsize=12)
    page.insert_text((72, 140), "QUYET DINH Ve viec thu chu ky so", fontsize=12)
    doc.save(plain)
    signer = signers.SimpleSigner.load(str(key), str(cert))
    out = tmp / "signed.pdf"
    with open(plain, "rb") as inf, open(out, "wb") as outf:
        signers.sign_pdf(IncrementalPdfFileWriter(inf), signers.PdfSignatureMetadata(field_name="ChuKy1"),
                         signer=signer, output=outf)
    return out


@pytest.fixture(scope="module")
def signed(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("sig")
    root, cert, key = _ca(tmp, "thu")
    other_root, _, _ = _ca(tmp, "khac")
    return _signed_pdf(tmp, cert, key), root, other_root


def _forge(pdf: Path, tmp: Path) -> Path:
    # one byte the signature covers, changed after signing (the first revision's producer line)
    data = pdf.read_bytes()
    at = data.index(b"MuPDF")
    assert at < data.index(b"/ByteRange")
    forged = tmp / "forged.pdf"
    forged.write_bytes(data[:at] + b"MuPDX" + data[at + 5:])
    return forged


def _trust(tmp: Path, *certs: Path) -> Path:
    folder = tmp / "trust"
    folder.mkdir(parents=True, exist_ok=True)
    for c in certs:
        (folder / c.name).write_bytes(c.read_bytes())
    return folder


def test_no_root_installed_says_how(signed, tmp_path):
    pdf, _, _ = signed
    [s] = signatures.read(pdf, tmp_path / "none")
    assert s["signer"] == "Nguyễn Văn Thử" and s["issuer"] == "thu Root" and s["intact"] is True
    assert s["trusted"] is None and "ca.gov.vn" in s["note"] and "data/trust" in s["note"]
    assert s["signed_at"].endswith("+07:00")


def test_installed_root_makes_it_trusted(signed, tmp_path):
    pdf, root, _ = signed
    [s] = signatures.read(pdf, _trust(tmp_path, root))
    assert (s["intact"], s["trusted"], s["note"]) == (True, True, None), s
    assert "không có thay đổi" in s["changes"]


def test_another_root_is_not_trusted(signed, tmp_path):
    pdf, _, other = signed
    [s] = signatures.read(pdf, _trust(tmp_path, other))
    assert s["intact"] is True and s["trusted"] is False and "không dẫn tới" in s["note"]


def test_a_changed_byte_breaks_it(signed, tmp_path):
    pdf, root, _ = signed
    forged = _forge(pdf, tmp_path)
    [s] = signatures.read(forged, _trust(tmp_path, root))
    assert s["intact"] is False and "đã bị sửa" in s["note"]
    assert "KHÔNG còn nguyên vẹn" in signatures.summary(s)


def test_reader_passes_them_on_and_warns_when_broken(signed, tmp_path, data_dir):
    pdf, root, _ = signed
    _trust(data_dir, root)
    ft = read_file(pdf)
    assert [s["trusted"] for s in ft.signatures] == [True] and not any("chữ ký" in n for n in ft.notices)
    ft = read_file(_forge(pdf, tmp_path))
    assert any("KHÔNG còn nguyên vẹn" in n for n in ft.notices), ft.notices
    assert read_file_unsigned_has_none(tmp_path)


def read_file_unsigned_has_none(tmp_path) -> bool:
    import pymupdf

    plain = tmp_path / "khong_ky.pdf"
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 80), "So: 5/TB-UBND", fontsize=12)
    doc.save(plain)
    return read_file(plain).signatures == []


def test_extract_json_and_document_page(signed, tmp_path, data_dir):
    """`vanthu extract --json` prints them; filed, the document page shows them in a table."""
    pdf, root, _ = signed
    env = {"VANTHU_DATA": str(data_dir), "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-m", "webui.cli", "extract", "--json", str(pdf)], env=env,
                          capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert proc.returncode == 0, proc.stderr
    [doc] = json.loads(proc.stdout)
    [s] = doc["signatures"]
    assert set(s) >= {"signer", "signed_at", "intact", "issuer"} and s["signer"] == "Nguyễn Văn Thử"

    import archive
    from webui import create_app

    archive.upgrade()
    outcome = archive.ingest_file(pdf, actor="test")
    assert outcome.status == "filed", outcome
    client = create_app({"TESTING": True, "LOGIN_DISABLED": True, "WTF_CSRF_ENABLED": False, "PDF_EXPORT": False}).test_client()
    page = client.get(f"/documents/{outcome.document_ids[0]}").get_data(as_text=True)
    assert 'id="chu-ky-so"' in page and "Nguyễn Văn Thử" in page and "còn nguyên vẹn" in page
    assert "chưa kiểm tra" in page and "ca.gov.vn" in page
