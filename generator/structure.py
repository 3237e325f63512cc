"""The body of a document as a tree: Chương > Điều > khoản > điểm, or Mục > khoản > điểm.

A node has an optional title (`tieu_de`), optional lead text (`text`) and an
ordered list of children (`noi_dung`): a string is a free paragraph, an object
is a numbered node of the next level.  Numbers and letters are never typed;
they follow from position, so inserting an article renumbers the rest.
`flatten` turns the tree into styled blocks for the template; `parse_outline`
reads the same tree from plain text, as a clerk pastes it in a form.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import rules


@dataclass
class Node:
    title: str | None = None
    text: str | None = None
    items: list["Node | str"] = field(default_factory=list)


@dataclass
class Table:
    """A table in a narrative body: {"bang": {"tieu_de", "cot": [...], "dong": [[...], ...]}}."""
    title: str | None
    columns: list[str]
    rows: list[list[str]]


@dataclass
class Chart:
    """A bar chart: {"bieu_do": {"tieu_de", "nhan": [...], "chuoi": [{"ten", "gia_tri": [...]}]}}."""
    title: str | None
    labels: list[str]
    series: list[tuple[str, list[float]]]


MAX_COLUMNS, MAX_ROWS, MAX_LABELS, MAX_SERIES = 12, 400, 36, 4


def _is_free(x) -> bool:
    """A paragraph, a table or a chart: not numbered among the nodes beside it."""
    return isinstance(x, (str, Table, Chart))


def _cell(value, path: str) -> str:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise StructureError(path, "ô của bảng phải là chuỗi hoặc số")
    return value if isinstance(value, str) else (f"{value:,}".replace(",", ".") if isinstance(value, int) else str(value))


def table_from_json(value, path: str) -> Table:
    if not isinstance(value, dict) or set(value) - {"tieu_de", "cot", "dong"}:
        raise StructureError(path, "bảng là đối tượng {tieu_de, cot, dong}")
    cols = value.get("cot")
    if not isinstance(cols, list) or not cols or len(cols) > MAX_COLUMNS or not all(isinstance(c, str) and c.strip() for c in cols):
        raise StructureError(f"{path}.cot", f"cần từ 1 đến {MAX_COLUMNS} tên cột (chuỗi)")
    rows = value.get("dong") or []
    if not isinstance(rows, list) or len(rows) > MAX_ROWS:
        raise StructureError(f"{path}.dong", f"cần danh sách dòng (tối đa {MAX_ROWS})")
    out = []
    for i, r in enumerate(rows):
        if not isinstance(r, list) or len(r) != len(cols):
            raise StructureError(f"{path}.dong[{i}]", f"mỗi dòng cần đúng {len(cols)} ô")
        out.append([_cell(c, f"{path}.dong[{i}][{j}]") for j, c in enumerate(r)])
    title = value.get("tieu_de")
    if title is not None and not isinstance(title, str):
        raise StructureError(f"{path}.tieu_de", "phải là chuỗi văn bản")
    return Table(title or None, [c.strip() for c in cols], out)


def chart_from_json(value, path: str) -> Chart:
    if not isinstance(value, dict) or set(value) - {"tieu_de", "nhan", "chuoi"}:
        raise StructureError(path, "biểu đồ là đối tượng {tieu_de, nhan, chuoi}")
    labels = value.get("nhan")
    if not isinstance(labels, list) or not labels or len(labels) > MAX_LABELS or not all(isinstance(x, str) for x in labels):
        raise StructureError(f"{path}.nhan", f"cần từ 1 đến {MAX_LABELS} nhãn (chuỗi)")
    series = value.get("chuoi")
    if not isinstance(series, list) or not series or len(series) > MAX_SERIES:
        raise StructureError(f"{path}.chuoi", f"cần từ 1 đến {MAX_SERIES} chuỗi số liệu")
    out = []
    for i, x in enumerate(series):
        vals = x.get("gia_tri") if isinstance(x, dict) else None
        if not isinstance(x, dict) or not isinstance(x.get("ten"), str) or not isinstance(vals, list) \
                or len(vals) != len(labels) or not all(isinstance(v, (int, float)) and not isinstance(v, bool)
                                                       and 0 <= v < 1e12 for v in vals):
            raise StructureError(f"{path}.chuoi[{i}]", f"cần tên (ten) và {len(labels)} giá trị số không âm (gia_tri)")
        out.append((x["ten"], [float(v) for v in vals]))
    title = value.get("tieu_de")
    if title is not None and not isinstance(title, str):
        raise StructureError(f"{path}.tieu_de", "phải là chuỗi văn bản")
    return Chart(title or None, labels, out)


@dataclass
class Chapter:
    title: str
    articles: list[Node] = field(default_factory=list)


# Levels of the two schemes; a node's level is its depth.
LEGAL = ("dieu", "khoan", "diem")  # Quyết định articles, Quy chế / Quy định
NARRATIVE = ("muc", "khoan", "diem")  # Tờ trình, Báo cáo, Công văn, Kế hoạch…
NARRATIVE_FLAT = ("khoan", "diem", "diem")  # the same without Mục: "1. …", "a) …" at the top


def narrative_levels(nodes: list) -> tuple[str, ...]:
    """A Mục has a heading (tieu_de); where no top-level item has one, the top level is khoản."""
    return NARRATIVE if any(isinstance(n, Node) and n.title for n in nodes) else NARRATIVE_FLAT


class StructureError(ValueError):
    def __init__(self, path: str, message: str):
        super().__init__(message)
        self.path = path
        self.message = message


def _text(value, path: str) -> str:
    if not isinstance(value, str):
        raise StructureError(path, "phải là chuỗi văn bản")
    return value


def node_from_json(value, path: str, depth: int, max_depth: int) -> Node | str:
    if isinstance(value, str):
        return value
    if not isinstance(value, dict):
        raise StructureError(path, "phải là chuỗi (một đoạn) hoặc đối tượng {tieu_de, text, noi_dung}")
    if "bang" in value and len(value) == 1:
        return table_from_json(value["bang"], f"{path}.bang")
    if "bieu_do" in value and len(value) == 1:
        return chart_from_json(value["bieu_do"], f"{path}.bieu_do")
    if depth >= max_depth:
        raise StructureError(path, "lồng quá sâu: dưới điểm chỉ có các đoạn văn (chuỗi)")
    unknown = set(value) - {"tieu_de", "text", "noi_dung"}
    if unknown:
        raise StructureError(path, f"trường không được hỗ trợ: {', '.join(sorted(unknown))}")
    title = _text(value["tieu_de"], f"{path}.tieu_de") if value.get("tieu_de") is not None else None
    text = _text(value["text"], f"{path}.text") if value.get("text") is not None else None
    items = value.get("noi_dung") or []
    if not isinstance(items, list):
        raise StructureError(f"{path}.noi_dung", "phải là danh sách")
    children = [node_from_json(x, f"{path}.noi_dung[{i}]", depth + 1, max_depth) for i, x in enumerate(items)]
    if not (title or text or children):
        raise StructureError(path, "trống: cần tiêu đề, nội dung hoặc các mục con")
    return Node(title, text, children)


def nodes_from_json(values, path: str, max_depth: int = 3, allow_strings: bool = True) -> list[Node | str]:
    if not isinstance(values, list):
        raise StructureError(path, "phải là danh sách")
    out = []
    for i, v in enumerate(values):
        if isinstance(v, str) and not allow_strings:
            raise StructureError(f"{path}[{i}]", "phải là đối tượng {tieu_de, text, noi_dung}")
        out.append(node_from_json(v, f"{path}[{i}]", 0, max_depth))
    return out


def chapters_from_json(values, path: str) -> list[Chapter]:
    if not isinstance(values, list):
        raise StructureError(path, "phải là danh sách")
    out = []
    for i, v in enumerate(values):
        p = f"{path}[{i}]"
        if not isinstance(v, dict) or not isinstance(v.get("tieu_de"), str) or not v["tieu_de"].strip():
            raise StructureError(p, "mỗi chương cần tiêu đề (tieu_de) và danh sách điều (dieu)")
        unknown = set(v) - {"tieu_de", "dieu"}
        if unknown:
            raise StructureError(p, f"trường không được hỗ trợ: {', '.join(sorted(unknown))}")
        articles = nodes_from_json(v.get("dieu") or [], f"{p}.dieu", allow_strings=False)
        if not articles:
            raise StructureError(f"{p}.dieu", "chương phải có ít nhất một điều")
        out.append(Chapter(v["tieu_de"], articles))
    return out


# --- flattening to blocks ------------------------------------------------------------------

def block(style: str, text: str = "", label: str = "") -> dict:
    return {"style": style, "label": label, "text": text}


def _flatten(node: Node | str, levels: tuple[str, ...], depth: int, index: int,
             out: list[dict], counter: list[int]) -> None:
    if isinstance(node, str):
        out.append(block("body", node))
        return
    if isinstance(node, (Table, Chart)):  # made into Word objects when rendering (generator/tables.py)
        out.append({"style": "table" if isinstance(node, Table) else "chart", "label": "", "text": node.title or "",
                    "node": node})
        return
    level = levels[depth]
    if level == "dieu":
        counter[0] += 1
        label = f"Điều {counter[0]}."
        if node.title:
            out.append(block("dieu_title", f" {node.title}", label))
            if node.text:
                out.append(block("body", node.text))
        else:
            out.append(block("dieu_text", f" {node.text}" if node.text else "", label))
    elif level == "muc":
        title = (node.title or node.text or "").upper()
        out.append(block("muc", f"{rules.roman(index + 1)}. {title}"))
        if node.title and node.text:
            out.append(block("body", node.text))
    else:
        label = f"{index + 1}." if level == "khoan" else rules.diem_label(index)
        if node.title:
            out.append(block("khoan_tieu_de", f"{label} {node.title}"))
            if node.text:
                out.append(block("body", node.text))
        else:
            out.append(block(level, f"{label} {node.text or ''}".rstrip()))
    numbered = 0
    for child in node.items:
        _flatten(child, levels, depth + 1, numbered, out, counter)
        if not _is_free(child):
            numbered += 1


def flatten(nodes: list[Node | str], levels: tuple[str, ...], counter: list[int] | None = None) -> list[dict]:
    """Blocks in reading order; `counter` carries the Điều number across chapters."""
    counter = counter if counter is not None else [0]
    out: list[dict] = []
    numbered = 0
    for node in nodes:
        _flatten(node, levels, 0, numbered, out, counter)
        if not _is_free(node):
            numbered += 1
    return out


def flatten_chapters(chapters: list[Chapter]) -> list[dict]:
    out: list[dict] = []
    counter = [0]
    for i, ch in enumerate(chapters):
        out.append(block("chuong", f"Chương {rules.roman(i + 1)}"))
        out.append(block("chuong_ten", ch.title.upper()))
        out += flatten(ch.articles, LEGAL, counter)
    return out


def _reads_as_title(article: Node) -> bool:
    """'Điều 1. Phạm vi điều chỉnh' over khoản is a title; 'Điều 1. Giao các cơ quan sau:' is a lead."""
    text = article.text or ""
    if len(text) >= 120 or text.endswith((".", ";", ":", ",")):
        return False
    return bool(article.items)


# --- plain text outline (web forms) ----------------------------------------------------------

_CHUONG = re.compile(r"^chương\s+[IVXLC\d]+\.?\s*[:.\-–]?\s*(.*)$", re.IGNORECASE)
_DIEU = re.compile(r"^điều\s+\d+\s*[.:]\s*(.*)$", re.IGNORECASE)
_MUC = re.compile(r"^([IVXLC]+)\.\s+(.+)$")
_KHOAN = re.compile(r"^\d{1,3}\.\s+(.+)$")
_DIEM = re.compile(r"^(?:[a-zđ])\)\s+(.+)$")


def parse_outline(text: str, legal: bool) -> tuple[list[Chapter], list[Node | str]]:
    """Read 'Chương I' / 'Điều 1. …' / '1. …' / 'a) …' lines (or 'I. …' in a narrative).

    Typed numbers are dropped: position gives the number.  A line under
    'Chương I' is its title.  A legal outline's 'Điều' line keeps what follows
    the number as the article's text (its title if a khoản follows)."""
    chapters: list[Chapter] = []
    top: list[Node | str] = []
    stack: list[Node] = []  # open nodes, by depth
    expect_chapter_title = False
    seen_muc = False

    def container(depth: int) -> list:
        if depth == 0:
            return chapters[-1].articles if (legal and chapters) else top
        return stack[depth - 1].items

    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if legal and (m := _CHUONG.match(line)):
            chapters.append(Chapter(m.group(1).strip()))
            expect_chapter_title = not m.group(1).strip()
            stack.clear()
            continue
        if expect_chapter_title:
            chapters[-1].title = line
            expect_chapter_title = False
            continue
        if legal and (m := _DIEU.match(line)):
            node = Node(text=m.group(1).strip() or None)
            depth = 0
        elif not legal and (m := _MUC.match(line)):
            node = Node(title=m.group(2).strip())
            depth = 0
            seen_muc = True
        elif (m := _KHOAN.match(line)) and (stack or not legal):
            node = Node(text=m.group(1).strip())
            # under a Mục (narrative) or an Điều (legal) a khoản is one level down; without Mục it is the top
            depth = 1 if (legal or seen_muc) and stack else 0
        elif (m := _DIEM.match(line)) and stack:
            node = Node(text=m.group(1).strip())
            depth = min(len(stack), 2) if (legal or seen_muc) else 1
            if legal and len(stack) < 2:
                (stack[-1].items).append(line)
                continue
        else:
            (stack[-1].items if stack else container(0)).append(line)
            continue
        container(depth).append(node)
        del stack[depth:]
        stack.append(node)
    # An article line followed by khoản is a title ("Điều 1. Mục đích"), else it is the article's text.
    for article in [a for ch in chapters for a in ch.articles] + [n for n in top if isinstance(n, Node)]:
        if legal and article.text and not article.title and _reads_as_title(article):
            article.title, article.text = article.text, None
    return chapters, top


def node_to_json(node: Node | str):
    if isinstance(node, str):
        return node
    if isinstance(node, Table):
        return {"bang": {**({"tieu_de": node.title} if node.title else {}), "cot": node.columns, "dong": node.rows}}
    if isinstance(node, Chart):
        return {"bieu_do": {**({"tieu_de": node.title} if node.title else {}), "nhan": node.labels,
                            "chuoi": [{"ten": n, "gia_tri": v} for n, v in node.series]}}
    out = {}
    if node.title:
        out["tieu_de"] = node.title
    if node.text:
        out["text"] = node.text
    if node.items:
        out["noi_dung"] = [node_to_json(x) for x in node.items]
    return out


def outline_to_json(text: str, legal: bool) -> dict:
    """A pasted outline as the JSON the model takes: {'chuong': …} or {'dieu': …} for legal text,
    {'noi_dung': …} for a narrative."""
    chapters, top = parse_outline(text, legal)
    if not legal:
        return {"noi_dung": [node_to_json(x) for x in top]}
    # nothing typed may vanish: a legal text holds only articles, or only chapters of articles
    stray = [x for x in top if isinstance(x, str)]
    if stray:
        short = stray[0] if len(stray[0]) <= 60 else stray[0][:60] + "…"
        raise StructureError("dieu", f"dòng “{short}” không thuộc điều nào: mỗi điều bắt đầu bằng "
                                     f"“Điều 1.”, “Điều 2.” …")
    if chapters and top:
        raise StructureError("chuong", "có điều đứng trước “Chương I”: khi đã chia chương, mọi điều phải "
                                       "nằm trong một chương")
    if chapters:
        return {"chuong": [{"tieu_de": c.title, "dieu": [node_to_json(a) for a in c.articles]}
                           for c in chapters]}
    return {"dieu": [node_to_json(x) for x in top if not isinstance(x, str)]}
