"""One reply letter → who wrote it, whether it simply agrees, and its comments one by one.

A reply opens by citing the request letter, lists its comments (numbered "1.", dashes, or paragraphs
that start "Tại khoản …"), and closes with "Trên đây là …" / "Vậy, …". Each comment keeps its words as
written; its `target` is the part it names first (references.py), its `proposed` the text it asks to
put in (a quotation after "sửa thành", "như sau", or the lines after "như sau:"), null when it asks
for something without giving the words.

Why the body is taken from the layout checker's reader: it already knows where the Kính gửi ends and
the Nơi nhận begins, so the header, the incoming-document stamp and the signature are never comments.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.checker.sources import paras_from_text
from generator.checker.text import analyse

from ..extract import _prepare, extract_metadata
from .draft import QUY_CHE, QUYET_DINH, Draft
from .references import CHUNG, DOC_NAMED, Reference, find_reference, make_target, mask_quotes

_F = re.IGNORECASE
_MARKERS = (
    ("roman", re.compile(r"^[IVX]{1,4}\.\s+")),
    ("num", re.compile(r"^\d{1,2}\s*[.)]\s+")),
    ("dash", re.compile(r"^[-–—•]\s*")),
    ("plus", re.compile(r"^\+\s*")),
    ("letter", re.compile(r"^[a-zđ]\)\s+")),
)
# an unnumbered paragraph that opens on the part it is about: "Tại khoản 2, Điều 3, …", "Về thể thức, …"
_REF_START = re.compile(r"^(?:(?:Tại|Về|Đối với|Ở|Sửa|Bổ sung)\s+(?:các\s+)?)?(?:Khoản|Điều|Điểm|Chương)\s+[0-9IVXa-zđ]"
                        r"|^(?:Tại|Về|Đối với)\s+(?:phần\s+)?(?:căn cứ|thể thức|thẩm quyền ký|phần ký)\b", _F)
_AGREE = re.compile(r"\b(thống nhất|nhất trí|đồng ý|đồng tình|không có ý kiến|không (?:tham gia )?góp ý|"
                    r"không có góp ý)", _F)
_SUGGESTS = re.compile(r"\b(đề nghị|đề xuất|kiến nghị|cần|nên)\b.*\b(sửa|bổ sung|bỏ|thay|điều chỉnh|chỉnh lý|"
                       r"làm rõ|xem xét lại|rà soát|viết lại|trích dẫn|chuyển|thống nhất là)", _F | re.DOTALL)
_ASKS = re.compile(r"\b(đề nghị|đề xuất|kiến nghị|sửa|bổ sung|bỏ|thay|điều chỉnh|chỉnh|làm rõ|rà soát|"
                   r"trích dẫn|chuyển|viết lại|cần)\b", _F)
_TERMINAL = (".", ";", ":", "!", "?", "”", "\"", "»", ")")
# the words just before a quotation that make it the text proposed ("sửa thành “…”", "như sau: “…”")
_TRIGGER = re.compile(r"(?:thành|là|như sau|sau đây|bổ sung(?:\s+thêm)?|sửa(?:\s+lại)?|viết lại|:)\s*$", _F)
# … and those that make it the text to be replaced ("sau từ “…”", "cụm từ “…”")
_OLD_TEXT = re.compile(r"(?:từ|cụm từ|chữ|câu)\s*:?\s*$", _F)
_QUOTE = re.compile(r"“(?P<a>[^”]*)(?:”|$)|\"(?P<b>[^\"]*)(?:\"|$)|«(?P<c>[^»]*)(?:»|$)", re.DOTALL)
_AS_FOLLOWS = re.compile(r"(?<!ý kiến )(?:như sau|sau đây|thành|là)\s*:\s*\n", _F)
_CAPS_AFTER = re.compile(r"\b(?:bổ sung(?:\s+thêm)?|sửa thành|thành|là)\s+(?P<run>(?:\S+\s*){1,8})", _F)


@dataclass
class Item:
    paras: list[str]
    document: str | None = None  # named by the section heading it sits under
    subs: list["Item"] = field(default_factory=list)


def marker(text: str, prev: str | None = None) -> str | None:
    """The list mark a paragraph opens with; an unmarked paragraph naming a part counts as one unless it
    merely continues a broken sentence ("… đề xuất sửa đổi" / "Khoản 5, Điều 7 như sau:")."""
    for name, pattern in _MARKERS:
        if pattern.match(text):
            return name
    if _REF_START.match(text) and (prev is None or prev.rstrip().endswith(_TERMINAL)):
        return "ref"
    return None


def _strip_marker(text: str) -> str:
    for _, pattern in _MARKERS:
        m = pattern.match(text)
        if m:
            return text[m.end():]
    return text


def join(paras: list[str]) -> str:
    """Paragraphs of one comment as one text: a line broken mid-sentence is joined with a space."""
    out = ""
    for p in paras:
        out += ("" if not out else "\n" if out.rstrip().endswith(_TERMINAL) else " ") + p
    return out


def _open_quote(text: str) -> bool:
    return text.count("“") > text.count("”") or text.count("\"") % 2 == 1


def _continues(item: Item, p: str, kind: str | None) -> bool:
    """After the last comment: does this paragraph still belong to it, or does the closing start?"""
    last = join(item.paras)
    return (kind is not None and kind != "roman") or last.rstrip().endswith(":") or _open_quote(last) \
        or not last.rstrip().endswith(_TERMINAL) or p[:1] in "“\"«" or p[:1].islower()


def split_items(paras: list[str]) -> tuple[list[str], list[Item]]:
    """(preamble, items): the paragraphs before the list, and the list's items in order."""
    kinds = [marker(p, paras[i - 1] if i else None) for i, p in enumerate(paras)]
    first = next((i for i, k in enumerate(kinds) if k is not None), None)
    if first is None:
        return paras, []
    rest = kinds[first:]
    heads = "roman" if rest[0] == "roman" and any(k not in (None, "roman") for k in rest) else None
    level = rest[0] if heads is None else next(k for k in rest if k not in (None, "roman"))
    last_item = max(i for i, k in enumerate(kinds) if k == level)
    items: list[Item] = []
    section_doc = None
    current: Item | None = None
    for i in range(first, len(paras)):
        p, k = paras[i], kinds[i]
        if heads and k == "roman":
            named = list(DOC_NAMED.finditer(mask_quotes(p)))
            section_doc = _doc_word(named[-1].group("doc")) if named else None
            current = None
            continue
        if k == level:
            current = Item([_strip_marker(p)], section_doc)
            items.append(current)
            continue
        if current is None:
            continue  # words under a section heading, before its first item
        if i > last_item and not _continues(current, p, k):
            break  # the closing: "Trên đây là …", "Vậy, …", "Trân trọng!"
        current.paras.append(p)
        if k is not None:
            current.subs.append(Item([_strip_marker(p)], section_doc))
        elif current.subs:
            current.subs[-1].paras.append(p)
    return paras[:first], items


def _doc_word(word: str) -> str:
    return QUYET_DINH if word.lower().startswith("quyết") else QUY_CHE


def proposed_text(text: str, ref: Reference | None) -> str | None:
    """The words the comment proposes, as written; None when it gives none."""
    plain = mask_quotes(text)
    candidates: list[tuple[int, str]] = []
    quotes = list(_QUOTE.finditer(text))
    for n, q in enumerate(quotes):
        before = plain[:q.start()].rstrip()
        inner = next(g for g in q.groups() if g is not None).strip()
        if not inner or _OLD_TEXT.search(before):
            continue
        after = text[q.end():q.end() + 16]
        if re.match(r"^\s*(hay|hoặc)\b", after, _F):
            continue  # "là “A” hay “B”?" asks to choose, proposes neither
        if re.match(r"^\s*(thành|bằng)\s*:?\s*[“\"«]", after, _F):
            continue  # "sửa “A” thành “B”": A is the old wording
        after_ref = ref is not None and not ref.is_topic and ref.end <= q.start() and \
            re.fullmatch(r"[\s,:()\-–]*", plain[ref.end:q.start()]) is not None
        if _TRIGGER.search(before) or after_ref:
            candidates.append((q.start(), inner))
            break
    m = _AS_FOLLOWS.search(text)
    if m and text[m.end():].strip():
        candidates.append((m.start(), text[m.end():].strip()))
    if candidates:
        return min(candidates)[1]
    long_quotes = [q for q in quotes if len(next(g for g in q.groups() if g is not None)) >= 60
                   and not _OLD_TEXT.search(plain[:q.start()].rstrip())]
    if len(long_quotes) == 1:  # one whole sentence quoted: the wording it asks for
        return next(g for g in long_quotes[0].groups() if g is not None).strip()
    for m in _CAPS_AFTER.finditer(plain):
        words = []
        for w in m.group("run").split():
            if not (w.isupper() or re.fullmatch(r"(TM|KT|TL|TUQ|Q)\.", w)):
                break
            words.append(w)
        if len(words) >= 2:  # "bổ sung TM. ỦY BAN NHÂN DÂN": an authority line in capitals
            return " ".join(words)
    return None


def _reference_only(lead: str, ref: Reference | None) -> bool:
    """'Điều 3:' / 'Tại Điều 5:' — a lead that only says where the comments below are."""
    if ref is None or ref.is_topic:
        return False
    rest = (lead[:ref.start] + lead[ref.end:]).strip(" :.,-–")
    return len(re.sub(r"\b(Tại|Về|Đối với|của|dự thảo|Quy chế|Quyết định)\b", "", rest, flags=_F).split()) <= 2


def _inherit(ref: Reference | None, context: Reference | None) -> Reference | None:
    """'khoản 3' after a comment on Điều 5 is khoản 3 of Điều 5."""
    if ref is None or ref.is_topic or ref.dieu or not context or not context.dieu:
        return ref
    khoan = ref.khoan or (context.khoan if ref.diem else None)
    return Reference(make_target(context.dieu, khoan, ref.diem), ref.document or context.document,
                     ref.start, ref.end, context.dieu, khoan, ref.diem)


def _document(ref: Reference | None, text: str, item_doc: str | None, letter_doc: str | None,
              draft: Draft | None) -> str:
    plain = mask_quotes(text)
    if ref is not None and ref.document:
        return ref.document
    named = DOC_NAMED.search(plain)
    if named:
        return _doc_word(named.group("doc"))
    if item_doc or letter_doc:
        return item_doc or letter_doc
    if draft is not None and ref is not None and ref.dieu:
        in_qc, in_qd = draft.has_article(QUY_CHE, ref.dieu), draft.has_article(QUYET_DINH, ref.dieu)
        if in_qd and not in_qc:
            return QUYET_DINH
    if draft is not None and QUY_CHE not in draft.documents and QUYET_DINH in draft.documents:
        return QUYET_DINH
    return QUY_CHE


def _comment(paras: list[str], item_doc, letter_doc, draft, context: Reference | None) -> tuple[dict, Reference | None]:
    text = join(paras)
    ref = _inherit(find_reference(text), context)
    return {"document": _document(ref, text, item_doc, letter_doc, draft),
            "target": ref.target if ref else CHUNG,
            "text": text,
            "proposed": proposed_text(text, ref)}, ref


def _agreement_only(text: str) -> bool:
    """"Thống nhất với toàn bộ dự thảo." agrees; it names the whole draft, no part, and asks for nothing."""
    ref = find_reference(text)
    return bool(_AGREE.search(text)) and (ref is None or ref.target == CHUNG) and not _SUGGESTS.search(text)


def comments_of(paras: list[str], letter_doc: str | None = None, draft: Draft | None = None) -> list[dict]:
    _, items = split_items(paras)
    out: list[dict] = []
    context: Reference | None = None
    for item in items:
        lead_ref = find_reference(item.paras[0])
        subs = [s for s in item.subs if find_reference(join(s.paras)) is not None]
        if _reference_only(item.paras[0], lead_ref) and len(subs) >= 2:
            # "1. Điều 3:" over "- khoản 1: …", "- khoản 2: …": one comment per line, each under Điều 3
            context = lead_ref
            out += [_comment(s.paras, item.document, letter_doc, draft, context)[0] for s in subs]
            continue
        text = join(item.paras)
        if _agreement_only(text) or not text.strip():
            continue  # "- Thống nhất nội dung dự thảo." is agreement, not a comment
        c, ref = _comment(item.paras, item.document, letter_doc, draft, context)
        out.append(c)
        context = ref if ref is not None and ref.dieu else context
    if not items:
        # no list: a paragraph that asks for a change is a comment (the request and the closing never do)
        for p in paras:
            if _SUGGESTS.search(p) and not re.search(r"\bsố\s*:?\s*\d+\s*/", p) and not _agreement_only(p) \
                    and (find_reference(p) is not None or not _AGREE.search(p)):
                out.append(_comment([p], None, letter_doc, draft, None)[0])
    return out


def _letter_document(preamble: list[str], trich_yeu: str | None) -> str | None:
    for text in [*reversed(preamble), trich_yeu or ""]:
        named = list(DOC_NAMED.finditer(mask_quotes(text)))
        if named:
            return _doc_word(named[-1].group("doc"))
    return None


def read_reply(text: str, draft: Draft | None = None) -> tuple[dict, dict]:
    """(the reply as parse_reply gives it, the letter's metadata from archive.extract)."""
    meta = extract_metadata(text)
    a = analyse(paras_from_text(_prepare(text)))
    # a letter that opens "Căn cứ đề nghị của …" has that line read as a căn cứ; it is the preamble here
    lead = [a.text(i) for i in a.can_cu if not a.body or i < a.body[0]]
    body = lead + [a.text(i) for i in a.body]
    preamble, _ = split_items(body)
    letter_doc = _letter_document(preamble, meta.get("trich_yeu"))
    comments = comments_of(body, letter_doc, draft)
    agrees = not comments and bool(_AGREE.search(" ".join(body)))
    return {"agency": meta.get("issuing_body"), "so": meta.get("so"), "ky_hieu": meta.get("ky_hieu"),
            "agrees_without_comment": agrees, "comments": comments}, meta


def parse_reply(text: str, draft: Draft | None = None) -> dict:
    """interfaces.md: {agency, so, ky_hieu, agrees_without_comment, comments: [{document, target, text, proposed}]}."""
    return read_reply(text, draft)[0]
