"""Read a .docx into paragraphs with their effective layout (styles, theme fonts, defaults resolved).

lxml straight on the zip parts rather than python-docx objects: the checker reads every run of
every paragraph, and this is several times faster.  Zip bombs and oversized parts are refused.
"""
from __future__ import annotations

import re

import zipfile
from dataclasses import dataclass, field

from lxml import etree

from .model import Para, Run
from .text import clean

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
NS = {"w": W, "r": R, "a": A}
FONT_ATTRS = ("ascii", "hAnsi", "cs", "eastAsia")
MAX_PART = 50 * 1024 * 1024  # uncompressed bytes of one XML part
MAX_RATIO = 200  # uncompressed / compressed: more is a zip bomb


def q(tag: str) -> str:
    prefix, name = tag.split(":")
    return f"{{{NS[prefix]}}}{name}"


class DocxError(ValueError):
    pass


@dataclass
class Section:
    width: int | None = None
    height: int | None = None
    orient: str | None = None
    margins: dict[str, int] = field(default_factory=dict)
    title_page: bool = False
    headers: dict[str, str] = field(default_factory=dict)  # type → part name
    footers: dict[str, str] = field(default_factory=dict)
    page_start: int | None = None


@dataclass
class HeaderPart:
    name: str
    paras: list[Para]
    has_page_field: bool


@dataclass
class DocxFile:
    paras: list[Para]
    sections: list[Section]
    parts: dict[str, HeaderPart]  # header/footer parts by name


def _bool(el) -> bool | None:
    if el is None:
        return None
    return el.get(q("w:val")) not in ("0", "false", "off", "none")


class _Styles:
    def __init__(self, styles_xml: bytes | None, theme_xml: bytes | None):
        self.by_id: dict[str, etree._Element] = {}
        self.default_rpr = None
        self.default_ppr = None
        self.default_para = None
        self.theme = {}
        self._chains: dict[str | None, list] = {}
        if theme_xml:
            theme = etree.fromstring(theme_xml)
            for kind, tag in (("minor", "a:minorFont"), ("major", "a:majorFont")):
                latin = theme.find(f".//{q(tag)}/{q('a:latin')}")
                if latin is not None:
                    self.theme[kind] = latin.get("typeface")
        if not styles_xml:
            return
        root = etree.fromstring(styles_xml)
        for s in root.findall(q("w:style")):
            self.by_id[s.get(q("w:styleId"))] = s
            if s.get(q("w:type")) == "paragraph" and _bool(s.find(q("w:default"))) is None \
                    and s.get(q("w:default")) in ("1", "true"):
                self.default_para = s.get(q("w:styleId"))
        dd = root.find(q("w:docDefaults"))
        if dd is not None:
            self.default_rpr = dd.find(f"{q('w:rPrDefault')}/{q('w:rPr')}")
            self.default_ppr = dd.find(f"{q('w:pPrDefault')}/{q('w:pPr')}")

    def chain(self, style_id: str | None) -> list:
        """The style and the styles it is based on, nearest first."""
        key = style_id or self.default_para
        if key in self._chains:
            return self._chains[key]
        out, seen, sid = [], set(), key
        while sid and sid in self.by_id and sid not in seen:
            seen.add(sid)
            out.append(self.by_id[sid])
            based = self.by_id[sid].find(q("w:basedOn"))
            sid = based.get(q("w:val")) if based is not None else None
        self._chains[key] = out
        return out

    def theme_font(self, name: str | None) -> str | None:
        if not name:
            return None
        return self.theme.get("major" if name.startswith("major") else "minor")


def _rpr_layers(styles: _Styles, run, para_chain: list) -> list:
    layers = []
    rpr = run.find(q("w:rPr"))
    if rpr is not None:
        layers.append(rpr)
        rs = rpr.find(q("w:rStyle"))
        if rs is not None:
            layers += [s.find(q("w:rPr")) for s in styles.chain(rs.get(q("w:val")))]
    layers += [s.find(q("w:rPr")) for s in para_chain]
    layers.append(styles.default_rpr)
    return [x for x in layers if x is not None]


def _run(styles: _Styles, r, text: str, para_chain: list) -> Run:
    layers = _rpr_layers(styles, r, para_chain)
    fonts: dict[str, str | None] = {}
    for attr in FONT_ATTRS:
        value = None
        for layer in layers:
            f = layer.find(q("w:rFonts"))
            if f is None:
                continue
            theme = f.get(q(f"w:{attr}Theme"))
            if theme:
                value = styles.theme_font(theme) or f"theme:{theme}"
                break
            if f.get(q(f"w:{attr}")):
                value = f.get(q(f"w:{attr}"))
                break
        fonts[attr] = value
    size = None
    for layer in layers:
        sz = layer.find(q("w:sz"))
        if sz is not None and sz.get(q("w:val")):
            size = int(sz.get(q("w:val"))) / 2
            break
    bold = next((v for layer in layers if (v := _bool(layer.find(q("w:b")))) is not None), False)
    italic = next((v for layer in layers if (v := _bool(layer.find(q("w:i")))) is not None), False)
    color = next((c.get(q("w:val")) for layer in layers if (c := layer.find(q("w:color"))) is not None), None)
    return Run(text, fonts, size if size is not None else 10.0, bold, italic, color)


def _ppr_value(layers: list, path: str, attr: str) -> str | None:
    for layer in layers:
        el = layer.find(path)
        if el is not None and el.get(q(attr)) is not None:
            return el.get(q(attr))
    return None


_LINE_SHAPES = ("line", "straightConnector1")
_UNDERLINE_TEXT = re.compile(r"^[_\u2014\u2500-]{5,}$")


def _has_rule(p, players: list) -> bool:
    """A solid rule drawn with this paragraph: its bottom border (direct or from its style), a line
    shape anchored in it (DrawingML or VML), or a paragraph of underscores."""
    for layer in players:
        bdr = layer.find(q("w:pBdr"))
        if bdr is not None and (b := bdr.find(q("w:bottom"))) is not None:
            return b.get(q("w:val")) not in ("nil", "none")
    for el in p.iter():
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag.endswith("}prstGeom") and el.get("prst") in _LINE_SHAPES:
            return True
        if tag == "{urn:schemas-microsoft-com:vml}line":
            return True
    text = "".join(t.text or "" for t in p.iter(q("w:t"))).strip()
    return bool(_UNDERLINE_TEXT.match(text))


def _para(styles: _Styles, p, index: int, where: str, in_table, section: int) -> Para:
    ppr = p.find(q("w:pPr"))
    style = None
    if ppr is not None and (ps := ppr.find(q("w:pStyle"))) is not None:
        style = ps.get(q("w:val"))
    chain = styles.chain(style)
    players = ([ppr] if ppr is not None else []) + [s.find(q("w:pPr")) for s in chain] + [styles.default_ppr]
    players = [x for x in players if x is not None]
    runs = []
    texts = []
    for r in p.iter(q("w:r")):
        # a line break is kept as "\n" for clean(), which drops it inside a symbol ("NĐ-" ⏎ "CP")
        t = "".join((x.text or "") if x.tag == q("w:t") else "\n" if x.tag == q("w:br") else " " for x in r
                    if x.tag in (q("w:t"), q("w:tab"), q("w:br")))
        if not t:
            continue
        texts.append(t)
        runs.append(_run(styles, r, t, chain))
    align = _ppr_value(players, q("w:jc"), "w:val")
    first = _ppr_value(players, q("w:ind"), "w:firstLine")
    hanging = _ppr_value(players, q("w:ind"), "w:hanging")
    first_line = int(first) if first else (-int(hanging) if hanging else 0)
    before = _ppr_value(players, q("w:spacing"), "w:before")
    after = _ppr_value(players, q("w:spacing"), "w:after")
    line = _ppr_value(players, q("w:spacing"), "w:line")
    rule = _ppr_value(players, q("w:spacing"), "w:lineRule")
    return Para(index, clean("".join(texts)), where, runs, align={"start": "left", "end": "right"}.get(align, align),
                first_line=first_line, before=int(before or 0), after=int(after or 0),
                line=int(line) if line else None, line_rule=rule or ("auto" if line else None),
                in_table=in_table, section=section, rule_below=_has_rule(p, players))


def _section(sect, rels: dict[str, str]) -> Section:
    s = Section()
    pg = sect.find(q("w:pgSz"))
    if pg is not None:
        s.width = int(pg.get(q("w:w")) or 0) or None
        s.height = int(pg.get(q("w:h")) or 0) or None
        s.orient = pg.get(q("w:orient"))
    mar = sect.find(q("w:pgMar"))
    if mar is not None:
        for side in ("top", "bottom", "left", "right"):
            if mar.get(q(f"w:{side}")) is not None:
                s.margins[side] = abs(int(mar.get(q(f"w:{side}"))))
    s.title_page = _bool(sect.find(q("w:titlePg"))) or False
    for tag, target in (("w:headerReference", s.headers), ("w:footerReference", s.footers)):
        for ref in sect.findall(q(tag)):
            part = rels.get(ref.get(q("r:id")))
            if part:
                target[ref.get(q("w:type")) or "default"] = part
    num = sect.find(q("w:pgNumType"))
    if num is not None and num.get(q("w:start")):
        s.page_start = int(num.get(q("w:start")))
    return s


def _read_zip(path) -> dict[str, bytes]:
    try:
        z = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise DocxError("không phải tệp Word .docx hợp lệ (không mở được như tệp nén)") from exc
    with z:
        parts = {}
        for info in z.infolist():
            if not info.filename.endswith((".xml", ".rels")):
                continue
            if info.file_size > MAX_PART or (info.compress_size and info.file_size / info.compress_size > MAX_RATIO
                                             and info.file_size > 1_000_000):
                raise DocxError(f"phần {info.filename} quá lớn hoặc nén bất thường (nghi là tệp nén độc hại)")
            parts[info.filename] = z.read(info)
    if "word/document.xml" not in parts:
        raise DocxError("không có word/document.xml: không phải tệp Word .docx")
    return parts


def read_docx(path) -> DocxFile:
    parts = _read_zip(path)
    try:
        styles = _Styles(parts.get("word/styles.xml"), parts.get("word/theme/theme1.xml"))
        rels = {}
        if "word/_rels/document.xml.rels" in parts:
            for rel in etree.fromstring(parts["word/_rels/document.xml.rels"]):
                target = rel.get("Target", "")
                rels[rel.get("Id")] = "word/" + target.lstrip("/").removeprefix("word/")
        root = etree.fromstring(parts["word/document.xml"], etree.XMLParser(resolve_entities=False, huge_tree=False))
    except etree.XMLSyntaxError as exc:
        raise DocxError(f"XML trong tệp Word bị hỏng: {exc}") from exc
    body = root.find(q("w:body"))
    if body is None:
        raise DocxError("tệp Word không có phần thân (w:body)")
    paras: list[Para] = []
    sections: list[Section] = []
    table_no = [0]

    def walk(container, in_table=None):
        for el in container:
            if el.tag == q("w:p"):
                n = len(paras)
                paras.append(_para(styles, el, n, f"đoạn {n + 1}", in_table, len(sections)))
                ppr = el.find(q("w:pPr"))
                if ppr is not None and (sect := ppr.find(q("w:sectPr"))) is not None:
                    sections.append(_section(sect, rels))
            elif el.tag == q("w:tbl"):
                t = table_no[0]
                table_no[0] += 1
                for ri, row in enumerate(el.findall(q("w:tr"))):
                    for ci, cell in enumerate(row.findall(q("w:tc"))):
                        walk(cell, (t, ri, ci))
            elif el.tag == q("w:sdt"):
                content = el.find(q("w:sdtContent"))
                if content is not None:
                    walk(content, in_table)

    walk(body)
    final = body.find(q("w:sectPr"))
    if final is not None:
        sections.append(_section(final, rels))
    header_parts = {}
    for sect in sections:
        for name in list(sect.headers.values()) + list(sect.footers.values()):
            if name in header_parts or name not in parts:
                continue
            hroot = etree.fromstring(parts[name])
            hparas = [_para(styles, p, i, f"đầu trang ({name.rsplit('/', 1)[-1]})", None, 0)
                      for i, p in enumerate(hroot.iter(q("w:p")))]
            instr = " ".join([x.text or "" for x in hroot.iter(q("w:instrText"))] +
                             [x.get(q("w:instr")) or "" for x in hroot.iter(q("w:fldSimple"))])
            header_parts[name] = HeaderPart(name, hparas, "PAGE" in instr.split())
    return DocxFile(paras, sections, header_parts)
