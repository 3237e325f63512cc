"""The body tree: numbering from position, and outlines pasted as plain text."""
from __future__ import annotations

from generator.structure import (LEGAL, NARRATIVE, NARRATIVE_FLAT, Node, flatten, narrative_levels,
                                 outline_to_json, parse_outline)


def test_narrative_without_muc_keeps_khoan_at_the_top():
    out = outline_to_json("1. Phòng Kinh tế\na) rà soát\nb) báo cáo\n2. Các xã", legal=False)
    assert [n["text"] for n in out["noi_dung"]] == ["Phòng Kinh tế", "Các xã"]
    assert [n["text"] for n in out["noi_dung"][0]["noi_dung"]] == ["rà soát", "báo cáo"]


def test_flat_narrative_prints_khoan_not_muc_in_capitals():
    _, top = parse_outline("1. Phòng Kinh tế rà soát\n2. Các xã báo cáo", legal=False)
    assert narrative_levels(top) == NARRATIVE_FLAT
    blocks = flatten(top, narrative_levels(top))
    assert [b["text"] for b in blocks] == ["1. Phòng Kinh tế rà soát", "2. Các xã báo cáo"]
    assert {b["style"] for b in blocks} == {"khoan"}


def test_narrative_with_muc():
    _, top = parse_outline("I. Kết quả\n1. Văn thư\na) tốt\nII. Nhiệm vụ\n1. Lưu trữ", legal=False)
    assert narrative_levels(top) == NARRATIVE
    texts = [b["text"] for b in flatten(top, NARRATIVE)]
    assert texts == ["I. KẾT QUẢ", "1. Văn thư", "a) tốt", "II. NHIỆM VỤ", "1. Lưu trữ"]


def test_article_lead_ending_in_colon_is_not_a_title():
    _, top = parse_outline("Điều 1. Giao các cơ quan sau:\n1. Sở A\n2. Sở B\nĐiều 2. Phạm vi\n1. x", legal=True)
    assert top[0].title is None and top[0].text == "Giao các cơ quan sau:"
    assert top[1].title == "Phạm vi"
    styles = [b["style"] for b in flatten(top, LEGAL)]
    assert styles[0] == "dieu_text" and "dieu_title" in styles


def test_numbers_follow_position_and_skip_free_paragraphs():
    nodes = [Node(text="a", items=["đoạn", Node(text="k1"), "đoạn", Node(text="k2", items=[Node(text="d")])])]
    texts = [b["text"] for b in flatten(nodes, NARRATIVE_FLAT)]
    assert texts == ["1. a", "đoạn", "a) k1", "đoạn", "b) k2", "a) d"]


def test_legal_outline_never_drops_a_line():
    import pytest

    from generator.structure import StructureError

    with pytest.raises(StructureError, match="không thuộc điều nào"):
        outline_to_json("Ban hành quy chế.\nĐiều 1. Phạm vi\n1. x", legal=True)
    with pytest.raises(StructureError, match="trước “Chương I”"):
        outline_to_json("Điều 1. Phạm vi\nChương I\nQUY ĐỊNH CHUNG\nĐiều 2. Đối tượng", legal=True)
