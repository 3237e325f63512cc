"""Move a whole archive: `export DIR` writes every table as sorted JSON lines and every blob as a
file; `import DIR` rebuilds an empty archive from it.  Both are deterministic, so
export(import(export A)) equals export A, file for file.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from pathlib import Path

from sqlalchemy import Date, DateTime, func, insert, select

from generator import rules

from . import blobs, db
from .schema import TABLES, blob

FORMAT = "vanthu-archive-1"


class TransferError(ValueError):
    pass


def _plain(value):
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def _write(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def export_archive(target: Path) -> dict:
    target = Path(target)
    if target.exists() and any(target.iterdir()):
        raise TransferError(f"thư mục {target} không trống: chọn một thư mục mới để xuất")
    (target / "tables").mkdir(parents=True, exist_ok=True)
    counts = {}
    with db.reading() as conn:
        revision = db.current_revision(conn)
        for table in TABLES:
            key = list(table.primary_key.columns)
            rows = conn.execute(select(table).order_by(*key)).all()
            lines = [json.dumps({c: _plain(v) for c, v in r._mapping.items()}, ensure_ascii=False, sort_keys=True)
                     for r in rows]
            _write(target / "tables" / f"{table.name}.jsonl", "".join(x + "\n" for x in lines))
            counts[table.name] = len(rows)
        digests = conn.execute(select(blob.c.sha256).order_by(blob.c.sha256)).scalars().all()
    for digest in digests:
        dst = target / "blobs" / digest[:2] / digest[2:]
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(blobs.path_for(digest), dst)
    manifest = {"format": FORMAT, "schema": revision, "counts": counts, "blobs": len(digests)}
    _write(target / "manifest.json", json.dumps(manifest, ensure_ascii=False, sort_keys=True, indent=1) + "\n")
    return manifest


def _typed(table, row: dict) -> dict:
    out = {}
    for col in table.columns:
        value = row.get(col.name)
        if value is not None and isinstance(col.type, DateTime):
            value = dt.datetime.fromisoformat(value)
        elif value is not None and isinstance(col.type, Date):
            value = dt.date.fromisoformat(value)
        out[col.name] = value
    return out


def import_archive(source: Path) -> dict:
    source = Path(source)
    try:
        manifest = json.loads((source / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise TransferError(f"{source} không phải bản xuất của vanthu (thiếu manifest.json)") from exc
    if manifest.get("format") != FORMAT:
        raise TransferError(f"bản xuất định dạng '{manifest.get('format')}', vanthu đọc được '{FORMAT}'")
    db.upgrade()
    with db.reading() as conn:
        # the units a new archive took from vanthu.toml do not count: the export's own replace them
        if any(conn.execute(select(func.count()).select_from(t)).scalar() for t in TABLES if t.name != "unit"):
            raise TransferError("kho hiện tại đã có dữ liệu: chỉ nhập vào một kho trống (thư mục dữ liệu mới)")
    # blobs first, each checked against its name, then every row in one transaction
    blob_dir = source / "blobs"
    for sub in sorted(blob_dir.iterdir()) if blob_dir.is_dir() else []:
        for f in sorted(sub.iterdir()):
            data = f.read_bytes()
            if blobs.sha256(data) != sub.name + f.name:
                raise TransferError(f"tệp {sub.name}{f.name[:10]}… trong bản xuất đã bị sửa hoặc hỏng")
            blobs.put(data)
    with db.writing() as conn:
        for table in TABLES:
            path = source / "tables" / f"{table.name}.jsonl"
            if not path.exists() and table.name not in manifest["counts"]:
                continue  # an export made before this table existed (units: keep those of vanthu.toml)
            if table.name == "unit":
                conn.execute(table.delete())
            rows = [_typed(table, json.loads(line)) for line in path.read_text(encoding="utf-8").splitlines() if line]
            if table.name == "citation":  # an export made before citations had their key
                for r in rows:
                    r["number_key"] = r.get("number_key") or rules.canonical_number(r["number"])
            if rows:
                conn.execute(insert(table), rows)
            if len(rows) != manifest["counts"].get(table.name, 0):
                raise TransferError(f"bảng {table.name}: có {len(rows)} dòng, bản xuất ghi {manifest['counts'].get(table.name)}")
    db.reset_sequences()
    return manifest
