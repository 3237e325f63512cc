"""Turn a validated Document into the values the .docx templates print.

All wording and punctuation comes from `rules`; all lengths from `layout` and
`metrics`.  The templates only place these values.
"""
from __future__ import annotations

from itertools import combinations

from . import layout, linebreak, metrics, rules
from .model import Attachment, Document
from .structure import LEGAL, block, flatten, flatten_chapters, narrative_levels

CELL_PADDING = 2 * 108  # Word's default left + right cell margins, twips
KINH_GUI_LABEL = "Kính gửi: "


def _lines(text: str | None) -> list[str]:
    return [x.strip().upper() for x in (text or "").splitlines() if x.strip()]


# A body name breaks before these words (the place, or the second half of "… VÀ …"), never after.
_BREAK_BEFORE = ("VÀ", "TỈNH", "THÀNH PHỐ", "HUYỆN", "QUẬN", "THỊ XÃ", "XÃ", "PHƯỜNG", "THỊ TRẤN", "ĐẶC KHU")


def name_lines(text: str | None, comp_name: str, width: int) -> list[str]:
    """A body name as it prints in the header: the lines typed, or, for a name typed on one line that
    does not fit, broken by meaning — before the place or a "VÀ", never leaving one word alone on a
    line, the lines as even as they can be — instead of wherever the cell ends."""
    typed = _lines(text)
    if len(typed) != 1:
        return typed
    comp = layout.COMPONENTS[comp_name]
    line = typed[0]

    def fits(t: str) -> bool:
        return metrics.text_width_twips(t, comp.size, comp.bold) <= width

    if fits(line):
        return [line]
    words = line.split()

    def width_of(t: str) -> int:
        return metrics.text_width_twips(t, comp.size, comp.bold)

    best, best_score = None, None
    for count in (2, 3):  # the fewest lines it fits in
        for cuts in combinations(range(1, len(words)), count - 1):
            bounds = (0, *cuts, len(words))
            parts = [" ".join(words[a:b]) for a, b in zip(bounds, bounds[1:])]
            if not all(fits(x) for x in parts) or (len(words) > count and any(" " not in x for x in parts)):
                continue  # too wide, or one word left alone on a line
            score = max(width_of(x) for x in parts)
            score -= width * sum(any(x == w or x.startswith(w + " ") for w in _BREAK_BEFORE) for x in parts[1:])
            if best_score is None or score < best_score:
                best, best_score = parts, score
        if best:
            return best
    return best or metrics.wrap(line, comp.size, width, comp.bold)


def parent_lines(text: str | None, width: int) -> list[str]:
    """The parent body, with "UBND" for "ỦY BAN NHÂN DÂN" where the full name needs two lines and the
    short one fits on one (Phụ lục I, II.3: the parent body's name may shorten the usual words)."""
    lines = name_lines(text, "parent_body", width)
    if len(lines) == 2 and lines[0].startswith("ỦY BAN NHÂN DÂN"):
        short = name_lines("UBND" + " ".join(lines)[len("ỦY BAN NHÂN DÂN"):], "parent_body", width)
        if len(short) == 1:
            return short
    return lines


def header(doc: Document) -> dict:
    width = layout.HEADER_LEFT - CELL_PADDING
    body_lines = name_lines(doc.issuing_body, "issuing_body", width)
    size = layout.COMPONENTS["issuing_body"].size
    left, right = rules.rule_indents(body_lines, size, True, width)
    return {
        "parent_body_lines": parent_lines(doc.parent_body, width),
        "issuing_body_lines": body_lines,
        "body_rule": {"left": left, "right": right},
    }


def _subject_rule(lines: list[str]) -> dict:
    comp = layout.COMPONENTS["trich_yeu"]
    left, right = rules.rule_indents(lines, comp.size, True, layout.TEXT_WIDTH)
    return {"left": left, "right": right}


def title_lines(text: str, comp_name: str, width: int = layout.TEXT_WIDTH) -> list[str]:
    """A trích yếu (or "V/v …", or "Ban hành kèm theo …") broken into lines by meaning."""
    comp = layout.COMPONENTS[comp_name]
    return linebreak.meaning_lines(text, comp.size, width, comp.bold, comp.italic)


def kinh_gui_blocks(items: list[str]) -> list[dict]:
    """'Kính gửi:' and its recipients as one block a line, dashes aligned, the block centred."""
    if not items:
        return []
    size = layout.COMPONENTS["kinh_gui"].size
    lines = rules.kinh_gui_lines(items)
    label_w = metrics.text_width_twips(KINH_GUI_LABEL, size)
    widest = max(metrics.text_width_twips(x, size) for x in lines)
    start = max((layout.TEXT_WIDTH - label_w - widest) // 2, 0)
    out = []
    if len(lines) > 1:  # Phụ lục I: "Kính gửi:" stands alone, the recipients' dashes below, after its colon
        head = block("kinh_gui", "", KINH_GUI_LABEL.rstrip())
        head["indent"], head["hanging"] = start + label_w, label_w
        out.append(head)
    for i, line in enumerate(lines):
        first = i == 0 and len(lines) == 1
        b = block("kinh_gui", line, KINH_GUI_LABEL if first else "")
        b["indent"] = start + label_w
        b["hanging"] = label_w if first else 0
        out.append(b)
    return out


def _close(blocks: list[dict]) -> list[dict]:
    """'./.' after the last words of the body."""
    for b in reversed(blocks):
        if b["style"] in ("table", "chart"):
            break  # a body that ends on a table or chart: the checker asks for a closing line after it
        if b["text"].strip():
            b["text"] = rules.with_closing_mark(b["text"])
            b["keep"] = 1  # on the signature's page (templates/build.py KEEP)
            break
    return blocks


def body_blocks(doc: Document) -> list[dict]:
    blocks = kinh_gui_blocks(doc.kinh_gui)
    if doc.kind == "quyet_dinh":
        blocks.append(block("tham_quyen", doc.tham_quyen.upper()))
    blocks += [block("can_cu", x) for x in rules.can_cu_lines(doc.can_cu, doc.theo_de_nghi)] \
        if (doc.can_cu or doc.theo_de_nghi) else []
    if doc.kind == "quyet_dinh":
        blocks.append(block("heading", "QUYẾT ĐỊNH:"))
        blocks += _close(flatten(doc.articles, LEGAL))
    else:
        blocks += _close(flatten(doc.noi_dung, narrative_levels(doc.noi_dung)))
    return blocks


def stamps(doc: Document) -> list[dict]:
    """Độ mật and độ khẩn in a box under the number, the box just wider than the word."""
    comp = layout.COMPONENTS["stamp"]
    width = layout.HEADER_LEFT - CELL_PADDING
    out = []
    for text in (x for x in (doc.do_mat, doc.do_khan) if x):
        inner = metrics.text_width_twips(text, comp.size, bold=True) + 2 * 120
        side = max((width - inner) // 2, 0)
        out.append({"text": text, "left": side, "right": side})
    return out


def number_text(doc: Document) -> str:
    return rules.number_line(doc.so, doc.ky_hieu)


def attachment_context(doc: Document, att: Attachment) -> dict:
    so = f"{doc.so:02d}" if doc.so is not None else rules.BLANK
    kem_theo = (f"(Ban hành kèm theo {rules.TYPE_NAMES[doc.kind].capitalize()} số {so}/{doc.ky_hieu} "
                f"{rules.date_words(doc.date)} của {att.cua})")
    subject = att.trich_yeu[:1].upper() + att.trich_yeu[1:]
    blocks = flatten_chapters(att.chapters) if att.chapters else flatten(att.articles, LEGAL)
    subject_lines, kem_theo_lines = title_lines(subject, "trich_yeu"), title_lines(kem_theo, "kem_theo")
    return {
        "type_name": rules.TYPE_NAMES[att.kind],
        "subject": subject,
        "subject_lines": subject_lines,
        "kem_theo": kem_theo,
        "kem_theo_lines": kem_theo_lines,
        "subject_rule": _subject_rule(subject_lines + kem_theo_lines),
        "blocks": _close(blocks),
    }


def build_context(doc: Document) -> dict:
    subject = rules.subject_line(doc.kind, doc.trich_yeu, doc.ve_viec)
    subject_lines = title_lines(subject, "trich_yeu_cv", layout.HEADER_LEFT - CELL_PADDING) \
        if doc.kind == "cong_van" else title_lines(subject, "trich_yeu")
    ctx = {
        **header(doc),
        "number_line": number_text(doc),
        "date_line": rules.date_line(doc.place, doc.date),
        "subject": subject,
        "subject_lines": subject_lines,
        "subject_rule": _subject_rule(subject_lines),
        "stamps": stamps(doc),
        "blocks": body_blocks(doc),
        "noi_nhan": rules.noi_nhan_lines(doc.noi_nhan, doc.luu, nhu_tren=bool(doc.kinh_gui),
                                         copies=doc.so_ban_luu),
        "signer_lines": doc.signer.lines(),
        "signer_name": doc.signer.name,
        "attachment": attachment_context(doc, doc.attachment) if doc.attachment else None,
    }
    return ctx
