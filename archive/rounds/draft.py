"""A draft's structure read from its text: Chương > Điều > khoản > điểm, each part with its own text.

Why: a comment names a part ("khoản 4, Điều 7"); whoever answers it must see what that part says now.
The parts keep the numbers as printed (the letters cite what they read, not what the numbering
should have been). Where a document's body starts and ends is decided by the layout checker's reader
(`generator.checker.text.analyse`), the same code `archive.extract` uses, so the Nơi nhận and the
signature never run into the last article.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterator

from generator.checker.sources import paras_from_text
from generator.checker.text import analyse, is_upper

from ..extract import _prepare, extract_metadata
from generator.checker import split_documents

# the two documents of a draft dossier (interfaces.md `document`); an attached Quy định counts as `quy_che`
QUYET_DINH, QUY_CHE = "quyet_dinh", "quy_che"
_ATTACHED_KINDS = ("quy_che", "quy_dinh")

_CHUONG = re.compile(r"^Chương\s+(?P<num>[IVXLC]+|\d{1,2})\b\.?\s*[:.\-–]?\s*(?P<rest>.*)$")
# "Điều 7." / "Điều 7:" — without the mark it is a sentence that starts by citing an article
_DIEU = re.compile(r"^Điều\s+0*(?P<num>\d{1,3})\s*(?:[.:]\s*(?P<rest>.*))?$")
_KHOAN = re.compile(r"^0*(?P<num>\d{1,2})\s*[.)]\s+(?P<rest>.*)$")
# "a)" as Nghị định 30 writes it; "c." as drafts slip into (the seed's Điều 7 khoản 3)
_DIEM = re.compile(r"^(?P<num>[a-zđ])\s*[).]\s+(?P<rest>.*)$")


@dataclass
class Part:
    kind: str  # "van_ban" (a whole document), "chuong", "dieu", "khoan", "diem", "can_cu", "tham_quyen_ky"
    number: str = ""  # as printed: "II", "7", "4", "a"
    label: str = ""  # the label as printed: "Chương II", "Điều 7.", "4.", "a)"
    lines: list[str] = field(default_factory=list)  # own text: the rest of the label line, then its paragraphs
    children: list["Part"] = field(default_factory=list)
    target: str = ""  # interfaces.md form: "Điều 7 khoản 4 điểm a"
    document: str = QUY_CHE

    @property
    def text(self) -> str:
        """The part's own words, without its children."""
        return "\n".join(x for x in self.lines if x)

    def full_text(self) -> str:
        """The part as printed, with everything under it."""
        head = " ".join(x for x in (self.label, self.lines[0] if self.lines else "") if x)
        out = [head] if head else []
        out += [x for x in self.lines[1:] if x]
        out += [c.full_text() for c in self.children]
        return "\n".join(out)

    def walk(self) -> Iterator["Part"]:
        yield self
        for c in self.children:
            yield from c.walk()

    def child(self, kind: str, number: str) -> "Part | None":
        return next((c for c in self.children if c.kind == kind and c.number == number), None)


@dataclass
class Draft:
    documents: dict[str, Part]  # QUYET_DINH and/or QUY_CHE
    name: str | None = None  # "Quy chế phối hợp theo dõi, …": what the letters call the draft

    def articles(self, document: str) -> list[Part]:
        root = self.documents.get(document)
        return [p for p in root.walk() if p.kind == "dieu"] if root else []

    def has_article(self, document: str, number: str) -> bool:
        return any(p.number == number for p in self.articles(document))


def _target(dieu: str | None, khoan: str | None = None, diem: str | None = None) -> str:
    parts = [f"Điều {dieu}" if dieu else None, f"khoản {khoan}" if khoan else None, f"điểm {diem}" if diem else None]
    return " ".join(p for p in parts if p)


def parse_body(paras: list[str], document: str) -> Part:
    """The tree of one document's body paragraphs (already cleaned, one paragraph each)."""
    root = Part("van_ban", document=document)
    chuong = dieu = khoan = diem = None
    chapter_title_due = False
    for t in paras:
        m = _CHUONG.match(t)
        if m and (not m.group("rest") or is_upper(m.group("rest"))):
            chuong = Part("chuong", m.group("num"), f"Chương {m.group('num')}", [m.group("rest").strip()] if
                          m.group("rest").strip() else [], target=f"Chương {m.group('num')}", document=document)
            root.children.append(chuong)
            dieu = khoan = diem = None
            chapter_title_due = not m.group("rest").strip()
            continue
        if chapter_title_due and is_upper(t):  # "Chương I" over "QUY ĐỊNH CHUNG"
            chuong.lines.append(t)
            chapter_title_due = False
            continue
        chapter_title_due = False
        if m := _DIEU.match(t):
            n = m.group("num")
            dieu = Part("dieu", n, f"Điều {n}.", [(m.group("rest") or "").strip()], target=_target(n),
                        document=document)
            (chuong or root).children.append(dieu)
            khoan = diem = None
            continue
        if dieu is not None and (m := _KHOAN.match(t)):
            n = m.group("num")
            khoan = Part("khoan", n, f"{n}.", [m.group("rest").strip()], target=_target(dieu.number, n),
                         document=document)
            dieu.children.append(khoan)
            diem = None
            continue
        if dieu is not None and (m := _DIEM.match(t)):
            n = m.group("num")
            holder = khoan or dieu  # an article may list điểm without khoản
            diem = Part("diem", n, f"{n})", [m.group("rest").strip()],
                        target=_target(dieu.number, khoan.number if khoan else None, n), document=document)
            holder.children.append(diem)
            continue
        # a free paragraph (a dash line, a lead-in, a sentence after a list) belongs to the innermost open part
        (diem or khoan or dieu or chuong or root).lines.append(t)
    return root


def _body_paras(text: str) -> tuple[list[str], object]:
    a = analyse(paras_from_text(_prepare(text)))
    body = [a.text(i) for i in a.body] or [p.text for p in a.paras]
    return body, a


def _decision(text: str) -> Part:
    body, a = _body_paras(text)
    root = parse_body(body, QUYET_DINH)
    # the decision also holds the parts comments name without an article: its căn cứ and its signing authority
    can_cu = [a.text(i) for i in a.can_cu]
    if can_cu:
        root.children.insert(0, Part("can_cu", label="", lines=can_cu, target="can_cu", document=QUYET_DINH))
    signer = [a.text(i) for i in a.signer]
    if a.signer_name is not None and a.signer_name not in a.signer:
        signer.append(a.text(a.signer_name))
    if signer:
        root.children.append(Part("tham_quyen_ky", lines=signer, target="tham_quyen_ky", document=QUYET_DINH))
    return root


def _name(kind: str, trich_yeu: str | None) -> str | None:
    if not trich_yeu:
        return None
    if kind in _ATTACHED_KINDS:
        word = "Quy chế" if kind == "quy_che" else "Quy định"
        return f"{word} {trich_yeu[:1].lower()}{trich_yeu[1:]}"
    return re.sub(r"^(Về việc\s+)?[Bb]an hành\s+", "", trich_yeu)


def parse_draft(text: str) -> Draft:
    """The draft Quyết định and its attached Quy chế (or either alone) found in a text.

    A text that holds more (a whole dossier) gives the first draft decision and the attachments that
    follow it; a text with no header at all is read as one body (an outline pasted as it is)."""
    docs: dict[str, Part] = {}
    name = None
    segments = split_documents(text)
    metas = [extract_metadata(s.text) for s in segments]
    start = next((i for i, m in enumerate(metas) if m["kind"] == "quyet_dinh" and m["status"] == "draft"), None)
    if start is None:
        start = next((i for i, m in enumerate(metas) if m["kind"] in ("quyet_dinh", *_ATTACHED_KINDS)), None)
    if start is None:
        body = [p.text for p in paras_from_text(_prepare(text))]
        root = parse_body(body, QUY_CHE)
        return Draft({QUY_CHE: root}, None)
    for seg, meta in zip(segments[start:], metas[start:]):
        if meta["kind"] == "quyet_dinh" and QUYET_DINH not in docs and QUY_CHE not in docs:
            docs[QUYET_DINH] = _decision(seg.text)
            name = name or _name("quyet_dinh", meta["trich_yeu"])
        elif meta["kind"] in _ATTACHED_KINDS and QUY_CHE not in docs:
            body, _ = _body_paras(seg.text)
            docs[QUY_CHE] = parse_body(body, QUY_CHE)
            name = _name(meta["kind"], meta["trich_yeu"]) or name
        else:
            break  # the draft ends where another document starts
    return Draft(docs, name)
