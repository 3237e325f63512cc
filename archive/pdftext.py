"""Text of a PDF, read in a child process: a PDF made to crash or hang a parser takes down only
the child, which has a memory and time limit.  `python -m archive.pdftext FILE` prints JSON."""
from __future__ import annotations

import json
import sys


def main(path: str) -> None:
    from pypdf import PdfReader

    out: dict = {"pages": [], "encrypted": False}
    try:
        reader = PdfReader(path, strict=False)
        if reader.is_encrypted:
            out["encrypted"] = True
            try:
                if not reader.decrypt(""):  # an owner password alone still lets the text be read
                    print(json.dumps(out))
                    return
            except Exception:  # noqa: BLE001 — any failure to decrypt means: locked
                print(json.dumps(out))
                return
        for page in reader.pages:
            out["pages"].append(page.extract_text() or "")
    except Exception as exc:  # noqa: BLE001 — a broken PDF is reported, not raised
        out["error"] = f"{type(exc).__name__}: {exc}"[:300]
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1])
