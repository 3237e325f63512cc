"""DOCX → PDF through LibreOffice, many files per LibreOffice start (one file: the kept LibreOffice).

Starting LibreOffice costs about 1.5 s, so a batch is converted by one
`soffice --convert-to pdf` call.  Each call has its own throw-away profile so
two conversions at once never share (and lock) one.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path


class PdfError(RuntimeError):
    pass


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_pdf(docx_paths: list[Path], out_dir: Path | None = None, timeout_per_file: float = 20) -> list[Path]:
    """Convert every file in one LibreOffice run; return the PDFs, in input order, beside each input
    (or in `out_dir`)."""
    paths = [Path(p).resolve() for p in docx_paths]
    if not paths:
        return []
    if len(paths) == 1 and paths[0].is_file():  # one document: the kept LibreOffice, if it runs
        from . import office

        if office.available():
            try:
                pdf = office.convert(paths[0].read_bytes())
            except office.OfficeUnavailable:
                pdf = None
            if pdf is not None:
                target = (Path(out_dir) if out_dir else paths[0].parent) / f"{paths[0].stem}.pdf"
                target.parent.mkdir(parents=True, exist_ok=True)
                tmp = target.with_name(f".{target.name}.tmp")
                tmp.write_bytes(pdf)
                os.replace(tmp, target)
                return [target]
    soffice = soffice_path()
    if not soffice:
        raise PdfError("Không tìm thấy LibreOffice (soffice) để xuất PDF; chạy 'make run' hoặc cài "
                       "gói libreoffice-writer-nogui.")
    with tempfile.TemporaryDirectory(prefix="vanthu-pdf-") as work:
        work_dir = Path(work)
        src, dst, profile = work_dir / "in", work_dir / "out", work_dir / "profile"
        for d in (src, dst, profile):
            d.mkdir()
        # unique names: two inputs called "to_trinh.docx" in different folders must not collide
        for i, p in enumerate(paths):
            if not p.is_file():
                raise PdfError(f"Không đọc được tệp {p}")
            os.symlink(p, src / f"{i:05d}.docx")
        cmd = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
               "--nolockcheck", "--nodefault", "--convert-to", "pdf:writer_pdf_Export", "--outdir", str(dst),
               *[str(src / f"{i:05d}.docx") for i in range(len(paths))]]
        env = {**os.environ, "HOME": str(profile)}
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, env=env,
                                  timeout=30 + timeout_per_file * len(paths))
        except subprocess.TimeoutExpired as exc:
            raise PdfError("LibreOffice không xuất xong PDF trong thời gian cho phép.") from exc
        out = []
        for i, p in enumerate(paths):
            made = dst / f"{i:05d}.pdf"
            if not made.exists():
                raise PdfError(f"LibreOffice không xuất được PDF cho {p.name}: "
                               f"{(proc.stderr or proc.stdout).strip()[:500]}")
            target = (Path(out_dir) if out_dir else p.parent) / f"{p.stem}.pdf"
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(f".{target.name}.tmp")
            shutil.copyfile(made, tmp)
            os.replace(tmp, target)
            out.append(target)
        return out


def pdf_bytes(docx: bytes) -> bytes:
    """One Word file held in memory as a PDF (PdfError if LibreOffice cannot make it): through the
    kept LibreOffice (generator/office.py) where it runs, else one LibreOffice start."""
    from . import office

    if office.available():
        try:
            return office.convert(docx)
        except office.OfficeUnavailable:
            pass  # the batch path below still makes it
    with tempfile.TemporaryDirectory(prefix="vanthu-pdf1-") as work:
        path = Path(work) / "van_ban.docx"
        path.write_bytes(docx)
        return convert_to_pdf([path])[0].read_bytes()
