"""Reading a generated .docx back: every run with its effective font, size, bold and italic."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import docx
from docx.oxml.ns import qn

FONT_ATTRS = ("ascii", "hAnsi", "cs", "eastAsia")


@dataclass
class Run:
    part: str  # "body" or "header"
    style: str | None
    text: str
    fonts: dict[str, str | None]
    size: float | None
    bold: bool
    italic: bool


def _style_props(styles_el) -> tuple[dict, dict]:
    """rPr of every style (with basedOn) and the docDefaults rPr."""
    by_id = {s.get(qn("w:styleId")): s for s in styles_el.findall(qn("w:style"))}
    defaults = styles_el.find(qn("w:docDefaults"))
    rpr_default = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")) if defaults is not None else None
    return by_id, {"default": rpr_default}


def _flag(rpr, tag: str) -> bool | None:
    if rpr is None:
        return None
    el = rpr.find(qn(f"w:{tag}"))
    if el is None:
        return None
    return el.get(qn("w:val")) not in ("0", "false", "off")


def _chain(by_id: dict, style_id: str | None) -> list:
    out, seen = [], set()
    while style_id and style_id in by_id and style_id not in seen:
        seen.add(style_id)
        style = by_id[style_id]
        out.append(style.find(qn("w:rPr")))
        based = style.find(qn("w:basedOn"))
        style_id = based.get(qn("w:val")) if based is not None else None
    return out


def runs(path: Path) -> list[Run]:
    d = docx.Document(str(path))
    by_id, extra = _style_props(d.styles.element)
    normal = "Normal"
    roots = [("body", d.element.body)]
    for rel in d.part.rels.values():
        if rel.reltype.endswith("/header") or rel.reltype.endswith("/footer"):
            roots.append(("header", rel.target_part.element))
    out = []
    for part, root in roots:
        for p in root.iter(qn("w:p")):
            ppr = p.find(qn("w:pPr"))
            ps = ppr.find(qn("w:pStyle")) if ppr is not None else None
            style = ps.get(qn("w:val")) if ps is not None else None
            layers_base = _chain(by_id, style or normal) + [extra["default"]]
            for r in p.iter(qn("w:r")):
                text = "".join((t.text or "") for t in r.iter(qn("w:t")))
                layers = [r.find(qn("w:rPr"))] + layers_base
                fonts = {}
                for attr in FONT_ATTRS:
                    fonts[attr] = next((f.get(qn(f"w:{attr}")) for l in layers if l is not None
                                        for f in [l.find(qn("w:rFonts"))]
                                        if f is not None and f.get(qn(f"w:{attr}"))), None)
                    theme = next((f.get(qn(f"w:{attr}Theme")) for l in layers if l is not None
                                  for f in [l.find(qn("w:rFonts"))]
                                  if f is not None and f.get(qn(f"w:{attr}Theme"))), None)
                    if theme:  # a theme font would win over the named one in Word
                        fonts[attr] = f"theme:{theme}"
                size = next((int(s.get(qn("w:val"))) / 2 for l in layers if l is not None
                             for s in [l.find(qn("w:sz"))] if s is not None), None)
                bold = next((v for l in layers if (v := _flag(l, "b")) is not None), False)
                italic = next((v for l in layers if (v := _flag(l, "i")) is not None), False)
                out.append(Run(part, style, text, fonts, size, bold, italic))
    return out


def para_text(p) -> str:
    """A paragraph's text as a reader sees it: a line break (a title broken by meaning) or a tab is a space."""
    return "".join((x.text or "") if x.tag == qn("w:t") else " " for x in p.iter(qn("w:t"), qn("w:br"), qn("w:tab")))


def paragraph_texts(path: Path) -> list[str]:
    d = docx.Document(str(path))
    return [para_text(p) for p in d.element.body.iter(qn("w:p"))]


def all_text(path: Path) -> str:
    return "\n".join(x for x in paragraph_texts(path) if x)
