#!/usr/bin/env bash
# Vẽ lại docs/<ví dụ>.png (trang 1, 80 dpi) từ examples/*.json; quyet_dinh_quy_che có thêm trang 2
# (Quy chế ban hành kèm theo) là docs/quyet_dinh_quy_che-2.png.
#
#   docs/make_pngs.sh        (chạy từ bất kỳ đâu; cần .venv, LibreOffice và poppler-utils)
#
# Soạn bằng đúng các hàm mà `vanthu generate` gọi (load_document → render_docx → convert_to_pdf),
# mọi tệp trong một lần chạy LibreOffice, với cài đặt mặc định trong một thư mục dữ liệu tạm
# (không đụng tới ./data).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TMP="$(mktemp -d "${TMPDIR:-/tmp}/vanthu-pngs.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT
export VANTHU_DATA="$TMP/data"

"$ROOT/.venv/bin/python" - "$ROOT/examples" "$TMP" <<'EOF'
import json, sys
from pathlib import Path
import generator

examples, out = Path(sys.argv[1]), Path(sys.argv[2])
settings = generator.load_settings()
made = []
for src in sorted(examples.glob("*.json")):
    doc = generator.load_document(json.loads(src.read_text(encoding="utf-8")), settings=settings)
    made.append(generator.render_docx(doc, out / f"{src.stem}.docx"))
generator.convert_to_pdf(made)
EOF

for pdf in "$TMP"/*.pdf; do
    name="$(basename "$pdf" .pdf)"
    pdftoppm -r 80 -png -f 1 -l 1 -singlefile "$pdf" "$ROOT/docs/$name"
    echo "docs/$name.png"
done
pdftoppm -r 80 -png -f 2 -l 2 -singlefile "$TMP/quyet_dinh_quy_che.pdf" "$ROOT/docs/quyet_dinh_quy_che-2"
echo "docs/quyet_dinh_quy_che-2.png"
