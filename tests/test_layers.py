"""The layers of docs/architecture.md, held by the imports themselves: a module may import from its
own layer and those below it, never above — function-level imports included, since a lazy import
is still a dependency."""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# bottom first: each may import only the packages before it in this list (and itself)
LAYERS = ["generator", "templates", "archive", "index", "webui"]
ALLOWED = {
    "generator": {"generator", "templates"},  # the renderer finds its built templates
    "templates": {"templates", "generator"},  # the template builder takes sizes from the layout
    "archive": {"archive", "generator", "templates"},
    "index": {"index", "archive", "generator"},
    "webui": set(LAYERS),
}


def imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(node.lineno, a.name.split(".")[0]) for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            out.append((node.lineno, node.module.split(".")[0]))
    return out


def test_no_module_imports_a_layer_above_its_own():
    wrong = []
    for layer in LAYERS:
        for path in sorted((ROOT / layer).rglob("*.py")):
            for line, top in imports(path):
                if top in LAYERS and top not in ALLOWED[layer]:
                    wrong.append(f"{path.relative_to(ROOT)}:{line} imports {top}")
    assert not wrong, wrong


def test_the_checker_and_the_bottom_layer_need_no_search_library():
    """Folding and the cited-number key are generator's: reading a document never loads whoosh."""
    wrong = [f"{p.relative_to(ROOT)}:{line}" for p in sorted((ROOT / "generator").rglob("*.py"))
             for line, top in imports(p) if top in ("whoosh", "tantivy", "flask", "sqlalchemy")]
    assert not wrong, wrong
