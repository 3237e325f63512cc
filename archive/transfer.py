"""Move a whole archive: `export DIR` writes every table as sorted JSON lines and every blob as a
file; `import DIR` rebuilds an empty archive from it.  Both are deterministic, so
export(import(export A)) equals export A, file for file.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import Date, DateTime, func, insert, select

from generator import rules

from . import blobs, db
from .schema import TABLES, blob

FORMAT = "vanthu-archive-1"
CHUNK = 1000  # rows read, written or inserted at a time by export and import


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


def _line(row) -> str:
    return json.dumps({c: _plain(v) for c, v in row._mapping.items()}, ensure_ascii=False, sort_keys=True) + "\n"


def _export_table(conn, table, path: Path, chunk: int) -> int:
    """One table as JSON lines, written as it is read; returns the number of rows."""
    [key] = table.primary_key.columns  # every table has a one-column key (keyset pagination needs one)
    tmp = path.with_name(f".{path.name}.tmp")
    n = 0
    with open(tmp, "w", encoding="utf-8") as out:
        for rows in db.chunks(conn, select(table), key, chunk):
            out.writelines(_line(r) for r in rows)
            n += len(rows)
    os.replace(tmp, path)
    return n


def export_archive(target: Path, chunk: int = CHUNK) -> dict:
    """Every table, then every blob, read a chunk at a time inside one read transaction (one
    consistent moment of the archive); memory does not grow with the archive."""
    target = Path(target)
    if target.exists() and any(target.iterdir()):
        raise TransferError(f"thư mục {target} không trống: chọn một thư mục mới để xuất")
    (target / "tables").mkdir(parents=True, exist_ok=True)
    counts = {}
    n_blobs = 0
    with db.reading() as conn:
        revision = db.current_revision(conn)
        for table in TABLES:
            counts[table.name] = _export_table(conn, table, target / "tables" / f"{table.name}.jsonl", chunk)
        for rows in db.chunks(conn, select(blob.c.sha256), blob.c.sha256, chunk):
            for (digest,) in rows:
                dst = target / "blobs" / digest[:2] / digest[2:]
                dst.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(blobs.path_for(digest), dst)  # copied a block at a time
            n_blobs += len(rows)
    manifest = {"format": FORMAT, "schema": revision, "counts": counts, "blobs": n_blobs}
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


def _read_rows(table, path: Path, chunk: int) -> Iterator[list[dict]]:
    """The rows of one table's JSON lines, typed, `chunk` at a time (split on "\\n" only: a text may
    hold U+2028, which str.splitlines would take for a line break)."""
    batch = []
    with open(path, encoding="utf-8", newline="\n") as f:
        for line in f:
            if not line.strip():
                continue
            row = _typed(table, json.loads(line))
            if table.name == "citation":  # an export made before citations had their key
                row["number_key"] = row.get("number_key") or rules.canonical_number(row["number"])
            batch.append(row)
            if len(batch) >= chunk:
                yield batch
                batch = []
    if batch:
        yield batch


def import_archive(source: Path, chunk: int = CHUNK) -> dict:
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
            n = 0
            for rows in _read_rows(table, path, chunk):
                conn.execute(insert(table), rows)
                n += len(rows)
            if n != manifest["counts"].get(table.name, 0):
                raise TransferError(f"bảng {table.name}: có {n} dòng, bản xuất ghi {manifest['counts'].get(table.name)}")
    db.reset_sequences()
    return manifest
