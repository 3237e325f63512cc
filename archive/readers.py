"""Files in, text out: DOCX, PDF and plain text, each checked before it is trusted.

Every refusal is a ReadError with a Vietnamese reason a clerk can act on; nothing is filed from a
file that was refused.
"""
from __future__ import annotations

import json
import re
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .signatures import summary

MAX_BYTES = 50 * 1024 * 1024  # a 200-page scanned PDF is about this; anything larger is refused
PDF_TIMEOUT_S = 90
PDF_MEMORY = 1024 * 1024 * 1024
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc, and .docx locked with a password
MEDIA = {".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         ".pdf": "application/pdf", ".txt": "text/plain"}


class ReadError(ValueError):
    pass


@dataclass
class FileText:
    name: str  # the file's own name, for display only (never used as a path)
    data: bytes
    media_type: str
    text: str
    notices: list[str] = field(default_factory=list)
    signatures: list[dict] = field(default_factory=list)  # a signed PDF's, archive.signatures.read
    searchable: bytes | None = None  # a scanned PDF with its OCR text laid over the pages
    page_starts: list[int] | None = None  # a PDF's: the line of `text` at which each page begins
    header_image: str | None = None  # a born-digital PDF's: OCR of the top of page 1 (archive/crosscheck)


def display_name(name: str) -> str:
    """'../../etc/passwd' → 'passwd': only the last part, no control characters."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    return "".join(c for c in base if c.isprintable())[:200] or "tep"


def decode_text(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReadError("tệp văn bản không phải bảng mã UTF-8 (có thể là TCVN3/VNI hoặc Windows-1258): "
                        "mở bằng trình soạn thảo và lưu lại với bảng mã UTF-8") from exc


def docx_text(path: Path) -> str:
    from generator.checker.docx_reader import DocxError, read_docx

    with open(path, "rb") as f:
        head = f.read(8)
    if head == OLE_MAGIC:
        raise ReadError("tệp Word có mật khẩu hoặc là định dạng .doc cũ: bỏ mật khẩu hoặc lưu lại thành .docx")
    try:
        doc = read_docx(path)
    except DocxError as exc:
        raise ReadError(str(exc)) from exc
    return "\n".join(p.text for p in doc.paras)


def limited(cmd: list[str]) -> list[str]:
    """`cmd` under the PDF child's memory and CPU limits (generator.sandbox)."""
    from generator.sandbox import limited as cap

    return cap(cmd, PDF_MEMORY, PDF_TIMEOUT_S)


def _run_limited(cmd: list[str], **kwargs) -> subprocess.CompletedProcess:
    from generator.sandbox import run_limited

    return run_limited(cmd, PDF_MEMORY, PDF_TIMEOUT_S, **kwargs)


def pdf_text(path: Path, progress=None) -> tuple[str, list[str], list[dict], bytes | None, list[int], str | None]:
    from generator.settings import data_dir

    try:
        # the child runs in the project folder: it is given the file and the trust roots by absolute path
        proc = _run_limited([sys.executable, "-m", "archive.pdftext", str(Path(path).resolve()),
                             str(data_dir() / "trust")],
                            capture_output=True, text=True, timeout=PDF_TIMEOUT_S,
                            cwd=Path(__file__).resolve().parent.parent)
    except subprocess.TimeoutExpired as exc:
        raise ReadError("đọc tệp PDF quá lâu (tệp có thể bị hỏng hoặc được làm để treo chương trình)") from exc
    if proc.returncode != 0 or not proc.stdout.strip():
        raise ReadError("tệp PDF bị hỏng: không đọc được")
    out = json.loads(proc.stdout.strip().splitlines()[-1])  # the child's answer is its last line
    if out.get("encrypted") and not out["pages"]:
        raise ReadError("tệp PDF có mật khẩu: bỏ mật khẩu rồi nạp lại")
    if out.get("error") and not out["pages"]:
        raise ReadError(f"tệp PDF bị hỏng: {out['error']}")
    notices = []
    pages = out["pages"]
    if out.get("error"):
        notices.append(f"tệp PDF có chỗ hỏng: chỉ đọc được {len(pages)} trang đầu")
    scans = out.get("scan") or [False] * len(pages)
    empty = [i for i, t in enumerate(pages, start=1) if not t.strip() or scans[i - 1]]
    ocr = OcrResult()
    if empty:
        ocr = ocr_pages(path, empty, progress, out.get("sizes"))
        for i in empty:
            if ocr.texts.get(i, "").strip():
                # the copy's stamp ("SAO Y; …", "Thời gian ký: …") is not the document
                pages[i - 1] = "\n".join(x for x in ocr.texts[i].split("\n")
                                          if not re.match(r"^\s*(SAO Y|SAO LỤC|Thời gian ký|Giờ ký|Ký bởi)\b", x))
                notices.append(f"trang {i} là bản quét: chữ được nhận dạng (OCR), cần soát lại")
            else:
                notices.append(f"trang {i} không có lớp chữ (bản quét); cài tesseract-ocr-vie để nhận dạng")
    if not any(p.strip() for p in pages):
        if out.get("repaired"):
            raise ReadError("tệp PDF bị hỏng (bảng tham chiếu sai, phải sửa mới mở được) và không có chữ nào đọc được")
        if empty and not ocr.texts:
            raise ReadError("tệp PDF không có lớp chữ (bản quét); cài tesseract-ocr-vie để nhận dạng rồi nạp lại")
        raise ReadError("tệp PDF không có chữ nào đọc được, kể cả khi nhận dạng ảnh trang")
    signatures = out.get("signatures") or []
    if out.get("signature_error"):
        notices.append("tệp có chữ ký số nhưng không đọc được chữ ký")
    for sig in signatures:
        if not sig.get("intact"):
            notices.append(f"{summary(sig)}: {sig.get('note') or ''}".rstrip(": "))
    from .webcopy import rejoin_marks

    pages = [rejoin_marks(p) for p in pages]  # before the lines are counted: it may join lines
    starts, n = [], 0
    for p in pages:
        starts.append(n)
        n += p.count("\n") + 1
    header = None
    if pages and 1 not in empty and out.get("size"):
        from .crosscheck import header_image_text

        header = header_image_text(path, *out["size"])
    return "\n".join(pages), notices, signatures, ocr.searchable, starts, header


OCR_DPI = 300
OCR_MAX_PX = 5000  # the longer side: A3 at 300 dpi is 4,961
OCR_WORKERS = max(1, min(4, os.cpu_count() or 1))


def _ocr_one(pdf: Path, n: int, tmp: str, longest_pt: float | None = None) -> int:
    """One page rendered at OCR_DPI and read by Tesseract into a text-only PDF page (its words
    where they stand on the page), one thread each (Tesseract's own threads make a page slower
    here, 6.0 s against 3.2 s; pages run side by side instead)."""
    base = Path(tmp) / f"img{n}"
    # uncompressed (PPM): a PNG at 300 dpi took 4.5 s to write, a PPM 0.16 s. Colour is kept:
    # grey reads a second faster a page but misread a header word the colour page did not
    # the page size is the PDF's word: rendering and OCR run with the child's memory and CPU limits,
    # and no larger than a generous A3 (a 14,400-point page would ask for a gigapixel)
    dpi = OCR_DPI if not longest_pt else max(1, min(OCR_DPI, int(OCR_MAX_PX * 72 / max(longest_pt, 1))))
    try:
        subprocess.run(limited(["pdftoppm", "-r", str(dpi), "-f", str(n), "-l", str(n), "-singlefile", str(pdf),
                                str(base)]), capture_output=True, timeout=120)
        image = base.with_suffix(".ppm")
        if image.exists():
            subprocess.run(limited(["tesseract", str(image), str(Path(tmp) / "layers" / f"p{n}"), "-l", "vie",
                                    "-c", "textonly_pdf=1", "pdf"]), capture_output=True, timeout=300,
                           env={**os.environ, "OMP_THREAD_LIMIT": "1"})
            image.unlink()
    except (subprocess.TimeoutExpired, OSError):
        pass  # the page stays unread; the clerk is told it has no text
    return n


@dataclass
class OcrResult:
    texts: dict[int, str] = field(default_factory=dict)  # page number → text, read like a text layer
    searchable: bytes | None = None  # the whole PDF with the OCR text laid invisibly over its scans


def ocr_pages(path: Path, pages: list[int], progress=None, sizes: list[float] | None = None) -> OcrResult:
    """Scanned pages through Tesseract with Vietnamese data (Debian's tesseract-ocr-vie, which
    `make run` installs); `progress(done, total)` is told after each page. Each page's words come
    back as a PDF text layer, read by the same code as any PDF's (two columns kept apart, the
    signature part column by column) and laid over the scan: the PDF becomes searchable."""
    from concurrent.futures import ThreadPoolExecutor

    if not (shutil.which("tesseract") and shutil.which("pdftoppm")):
        return OcrResult()
    langs = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True).stdout.split()
    if "vie" not in langs:
        return OcrResult()
    pdf = Path(path).resolve()
    with tempfile.TemporaryDirectory(prefix="vanthu-ocr-") as tmp:
        (Path(tmp) / "layers").mkdir()
        with ThreadPoolExecutor(OCR_WORKERS) as pool:
            longest = (lambda n: sizes[n - 1] if sizes and n <= len(sizes) else None)
            for k, _n in enumerate(pool.map(lambda n: _ocr_one(pdf, n, tmp, longest(n)), pages), start=1):
                if progress:
                    progress(k, len(pages))
        out = Path(tmp) / "searchable.pdf"
        try:
            proc = _run_limited([sys.executable, "-m", "archive.pdftext", "--overlay", str(pdf),
                                 str(Path(tmp) / "layers"), str(out)], capture_output=True, text=True,
                                timeout=PDF_TIMEOUT_S, cwd=Path(__file__).resolve().parent.parent)
        except subprocess.TimeoutExpired:
            return OcrResult()
        if proc.returncode != 0 or not proc.stdout.strip():
            return OcrResult()
        texts = {int(k): v for k, v in json.loads(proc.stdout.strip().splitlines()[-1])["pages"].items()}
        return OcrResult(texts, out.read_bytes() if out.exists() else None)


KIND_WORDS = {".pdf": "tệp PDF", ".docx": "tệp Word (.docx)", ".txt": "văn bản thuần", ".zip": "tệp nén (zip)",
              ".bin": "tệp nhị phân (không phải văn bản)"}


def sniff(data: bytes) -> str:
    """What a file is by its first bytes: '.pdf', '.docx', '.zip' (another archive), '.bin' (other binary
    content: an executable, an image, an old .doc …) or '.txt'."""
    if data[:1024].lstrip()[:5] == b"%PDF-" or data.startswith(b"%PDF"):
        return ".pdf"
    if data.startswith(b"PK\x03\x04"):
        return ".docx" if b"word/" in data[:65536] or b"[Content_Types].xml" in data[:65536] else ".zip"
    if data.startswith(OLE_MAGIC):
        return ".docx"  # an old .doc or a password-protected .docx: docx_text says which, in Vietnamese
    head = data[:4096]
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 text has NULs too
        return ".bin"
    return ".txt"


def read_file(path: Path, name: str | None = None, progress=None) -> FileText:
    """Read and check one file; ReadError says why it is refused. `progress(done, total)` follows
    the OCR of a scanned PDF page by page."""
    path = Path(path)
    shown = display_name(name or path.name)
    suffix = Path(shown).suffix.lower()
    if suffix not in MEDIA:
        raise ReadError(f"chỉ nạp được tệp .docx, .pdf hoặc .txt, không nạp '{suffix or shown}'")
    if not path.is_file():
        raise ReadError("không có tệp này")
    try:
        size = os.path.getsize(path)
    except OSError as exc:
        raise ReadError("không mở được tệp (không có quyền đọc?)") from exc
    if size == 0:
        raise ReadError("tệp rỗng")
    if size > MAX_BYTES:
        raise ReadError(f"tệp lớn {size // (1024 * 1024)} MB, quá giới hạn {MAX_BYTES // (1024 * 1024)} MB")
    data = path.read_bytes()
    found = sniff(data)
    if found != suffix:  # judged by what the file is, not by what its name says
        raise ReadError(f"tệp không phải {KIND_WORDS[suffix]}: tên là {suffix} nhưng nội dung là {KIND_WORDS[found]}")
    notices: list[str] = []
    signatures: list[dict] = []
    searchable, starts, header = None, None, None
    if suffix == ".docx":
        text = docx_text(path)
    elif suffix == ".pdf":
        if not data.startswith(b"%PDF"):
            raise ReadError("tệp không phải PDF (thiếu phần đầu %PDF)")
        text, notices, signatures, searchable, starts, header = pdf_text(path, progress)
    else:
        text = decode_text(data)
    if "\x00" in text:
        raise ReadError("tệp văn bản chứa ký tự lạ (NUL): có thể không phải văn bản thuần")
    if not text.strip() and not notices:
        raise ReadError("tệp không có chữ nào")
    return FileText(shown, data, MEDIA[suffix], text, notices, signatures, searchable, starts, header)
