"""Comment rounds, first step: reading a draft and the reply letters (`vanthu round parse`), nothing filed.

The expectations on the 002 seed were written by reading the letters, one by one: how many comments
each of the five commenting letters makes, the part each names (as the letter names it — the draft in
the seed is the revised one, so Ban Tuyên giáo's "Khoản 5, Điều 7" is khoản 4 there), and words that
must be in each comment. The six others agree without comment.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from archive.rounds import (QUY_CHE, QUYET_DINH, Draft, parse_draft, parse_reference, parse_reply, parse_round,
                            pick, resolve)
from archive.rounds.draft import parse_body
from archive.split import split_documents

ROOT = Path(__file__).resolve().parent.parent
SEED = "seeds/002_c86d25cbeb24d76d.txt"
KEYS = {"agency", "so", "ky_hieu", "agrees_without_comment", "comments"}
COMMENT_KEYS = {"document", "target", "text", "proposed"}

AGREE = {(41, "CV/BDN"), (90, "PTTH-TCHC"), (1826, "UBND-VHTT"), (110, "CV-VHTT"), (853, "UBND-VH&TT"), (51, "VHTT")}

# (so, ky_hieu) → one (target, document or None when the letter leaves it open, words of the comment) per comment
COMMENTS = {
    (487, "STP-VP"): [  # Sở Tư pháp: two dashes
        ("tham_quyen_ky", QUYET_DINH, "thẩm quyền ký văn bản"),
        ("the_thuc", None, "Nghị định số 30/2020/NĐ-CP"),
    ],
    (1012, "UBND-VHTT"): [  # UBND Gia Nghĩa: two dashes, "đối với dự thảo Quyết định"
        ("can_cu", QUYET_DINH, "Tại phần căn cứ"),
        ("tham_quyen_ky", QUYET_DINH, "Tại phần ký văn bản"),
    ],
    (311, "CV/BTGTU"): [  # Ban Tuyên giáo: five numbered items
        ("Điều 1 khoản 1", QUY_CHE, "Khoản 01, Điều 1"),
        ("Điều 2 khoản 1", QUY_CHE, "Về phạm vi điều chỉnh"),
        ("Điều 4 khoản 1", QUY_CHE, "Ban Chi đạo của Tỉnh"),
        ("Điều 7 khoản 5", QUY_CHE, "Về nhiệm vụ của Ban Tuyên giáo"),
        ("Điều 9", QUY_CHE, "Sở Tài chính"),
    ],
    (180, "CV/BNCTU"): [  # Ban Nội chính: four dashes
        ("Điều 6 khoản 1", QUY_CHE, "thể lực thù địch"),
        ("Điều 7 khoản 4 điểm a", QUY_CHE, "Chuyển Điểm b, Khoản 4 (Điều 7) sang Khoản 2"),
        ("Điều 7 khoản 5", QUY_CHE, "(Bỏ điểm b)"),
        ("Điều 7 khoản 6", QUY_CHE, "sửa tiêu đề"),
    ],
    (709, "CAT-PA03"): [  # Công an tỉnh: six numbered items
        ("Điều 3 khoản 1", QUY_CHE, "khái niệm về không gian mạng"),
        ("Điều 3 khoản 2", QUY_CHE, "Điểm c: Điều 5, Nghị định số 72/2013/NĐ-CP"),
        ("Điều 4 khoản 2", QUY_CHE, "bảo vệ bí mật của Đảng và Nhà nước"),
        ("Điều 5", QUY_CHE, "Mocha35"),
        ("Điều 7 khoản 2", QUY_CHE, "b) Phối hợp với Sở Thông tin và Truyền thông"),
        ("the_thuc", None, "lỗi chính tả"),
    ],
}

# (so, ky_hieu, index) → how the proposed text starts (None: the comment gives no words to put in)
PROPOSED = {
    (487, 0): None,  # "là “Ủy ban nhân dân tỉnh” hay “Chủ tịch UBND tỉnh”?" asks to choose
    (487, 1): None,
    (1012, 0): "Căn cứ Luật sửa đổi, bổ sung một số điều của Luật tổ chức Chính phủ",
    (1012, 1): "TM. ỦY BAN NHÂN DÂN",
    (311, 0): "1. Thiết lập cơ chế hợp tác",
    (311, 1): "Quy chế này quy định trách nhiệm phối hợp",
    (311, 2): "Công tác phối hợp theo dõi",
    (311, 3): "a) Chủ trì việc nghiên cứu",
    (311, 4): None,
    (180, 0): None,  # "sau từ “thể lực thù địch”, bổ sung thêm …": an insertion, no new wording of the part
    (180, 1): "a) Tăng cường công tác chỉ đạo",
    (180, 2): "Chủ động phối hợp theo dõi",
    (180, 3): "Báo Đắc Nông, Đài Phát thanh",
    (709, 0): "Không gian mạng là mạng lưới",
    (709, 1): "- Điểm a: Điều 9, Luật Báo chí",
    (709, 2): "bảo vệ bí mật nhà nước",
    (709, 3): None,  # "có ý kiến như sau: …" is an opinion, not a wording
    (709, 4): "a) Tổ chức nắm tình hình",
    (709, 5): None,
}


@pytest.fixture(scope="module")
def seed_text(corpus) -> str:
    return (corpus / SEED).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def picked(seed_text):
    return pick(seed_text)


@pytest.fixture(scope="module")
def replies(picked) -> dict[tuple[int, str], dict]:
    out = parse_round(picked.draft, picked.replies)
    return {(r["so"], r["ky_hieu"]): r for r in out}


@pytest.fixture(scope="module")
def draft(picked):
    return parse_draft(picked.draft)


# --- the draft ------------------------------------------------------------------------------------

def test_draft_is_decision_and_quy_che_with_3_chapters_9_articles(draft):
    qc = draft.documents[QUY_CHE]
    chapters = [p for p in qc.children if p.kind == "chuong"]
    assert [c.number for c in chapters] == ["I", "II", "III"]
    assert [c.text for c in chapters] == ["QUY ĐỊNH CHUNG", "NỘI DUNG VÀ TRÁCH NHIỆM PHỐI HỢP", "TỔ CHỨC THỰC HIỆN"]
    assert [a.number for a in draft.articles(QUY_CHE)] == [str(n) for n in range(1, 10)]
    assert [len([a for a in c.children if a.kind == "dieu"]) for c in chapters] == [5, 2, 2]
    assert [a.number for a in draft.articles(QUYET_DINH)] == ["1", "2"]
    assert draft.name.startswith("Quy chế phối hợp theo dõi")


def test_parts_resolve_to_their_own_text(draft):
    assert resolve(draft, "Điều 3 khoản 1").text.startswith("Không gian mạng là mạng lưới kết nối")
    assert resolve(draft, "Điều 7 khoản 4 điểm a").text.startswith("Chủ trì việc nghiên cứu, theo dõi")
    # "c." instead of "c)" in the draft is still điểm c
    assert resolve(draft, "Điều 7 khoản 3 điểm c").text.startswith("Xử lý nghiêm đối với hội viên")
    khoan = resolve(draft, "Điều 5 khoản 1")
    assert "Các hình thức thông báo" in khoan.text  # its own lead-in paragraph …
    assert "Mocha35" not in khoan.text and "Mocha35" in khoan.full_text()  # … its điểm are children
    assert resolve(draft, "Điều 7 khoản 1 điểm a").text.count("\n- ") == 4  # the dash lines under điểm a
    assert resolve(draft, "Chương II").text == "NỘI DUNG VÀ TRÁCH NHIỆM PHỐI HỢP"
    assert "Luật An ninh mạng" in resolve(draft, "can_cu").text
    assert "TM. ỦY BAN NHÂN DÂN" in resolve(draft, "tham_quyen_ky").text
    assert resolve(draft, "Điều 1", QUYET_DINH).text.startswith("Ban hành kèm theo Quyết định này")


def test_parts_that_do_not_exist_resolve_to_none(draft):
    for target in ("Điều 10", "Điều 7 khoản 8", "Điều 7 khoản 4 điểm d", "Chương IV", "khoản 2"):
        assert resolve(draft, target) is None, target
    assert resolve(draft, "Điều 3", QUYET_DINH) is None  # the decision's last article has lost its label
    assert resolve(None, "Điều 1") is None


def test_body_ends_where_the_document_ends(draft):
    last = draft.articles(QUY_CHE)[-1].full_text()
    assert last.rstrip().endswith("cho phù hợp./.")
    assert "BẢN TỔNG HỢP" not in last
    assert "Nơi nhận" not in draft.documents[QUYET_DINH].full_text()


def test_a_bare_outline_is_read_too():
    d = parse_draft("Chương I\nQUY ĐỊNH CHUNG\nĐiều 1. Phạm vi\n1. Quy chế này …\na) một;\nb) hai.\n"
                    "Chương II\nTRÁCH NHIỆM\nĐiều 2. Trách nhiệm\nCác sở thực hiện.\n")
    assert [a.number for a in d.articles(QUY_CHE)] == ["1", "2"]
    assert resolve(d, "Điều 1 khoản 1 điểm b").text == "hai."
    assert resolve(d, "Điều 2").text == "Trách nhiệm\nCác sở thực hiện."


# --- references as letters write them ----------------------------------------------------------------

@pytest.mark.parametrize("written, target", [
    ("Khoản 01, Điều 1", "Điều 1 khoản 1"),
    ("khoản 2, Điều 7", "Điều 7 khoản 2"),
    ("khoản 2 Điều 7", "Điều 7 khoản 2"),
    ("Khoản 2 của Điều 07", "Điều 7 khoản 2"),
    ("Điểm a, Khoản 4 (Điều 7)", "Điều 7 khoản 4 điểm a"),
    ("điểm đ khoản 1 Điều 7", "Điều 7 khoản 1 điểm đ"),
    ("Điều 7, khoản 4, điểm a", "Điều 7 khoản 4 điểm a"),
    ("tại Điều 5", "Điều 5"),
    ("Điều 9. Tổ chức thực hiện", "Điều 9"),
    ("Chương II", "Chương II"),
    ("chương iii", "Chương III"),
    ("Tại phần căn cứ đề nghị bổ sung", "can_cu"),
    ("căn cứ", "can_cu"),
    ("các căn cứ pháp lý", "can_cu"),
    ("Về thẩm quyền ký văn bản", "tham_quyen_ky"),
    ("Tại phần ký văn bản đề nghị bổ sung TM. ỦY BAN NHÂN DÂN", "tham_quyen_ky"),
    ("Đề nghị rà soát lỗi chính tả, thể thức văn bản", "the_thuc"),
    ("Về thể thức (các căn cứ pháp lý viết đầy đủ; tên các Chương)", "the_thuc"),  # first named wins
    ("Về tổng thể, dự thảo đã khái quát được", "chung"),
    ("dự thảo", "chung"),
    ("toàn bộ dự thảo", "chung"),
    ("Đề nghị làm rõ hơn", "chung"),  # nothing named: a general comment
    # another act's parts are not the draft's
    ("Điều 5, Nghị định số 72/2013/NĐ-CP", "chung"),
    ("Khoản 1, Điều 8 của Luật An ninh mạng; khoản 3 Điều 2", "Điều 2 khoản 3"),
    # quoted words are not the reference
    ("Đề nghị sửa cụm từ “theo Điều 5” tại khoản 2 Điều 3", "Điều 3 khoản 2"),
])
def test_reference_target(written, target):
    assert parse_reference(written).target == target


@pytest.mark.parametrize("written, document", [
    ("Điều 2 dự thảo Quyết định", QUYET_DINH),
    ("khoản 1 Điều 3 của dự thảo Quy chế", QUY_CHE),
    ("Điều 1 Quyết định", QUYET_DINH),
    ("phần căn cứ", QUYET_DINH),  # only the decision has căn cứ and a signature
    ("thẩm quyền ký", QUYET_DINH),
    ("khoản 2, Điều 7", None),  # left open: the letter's subject or the draft decides
    ("Điều 2 Quyết định số 08/QĐ-STTTT", None),  # a cited decision is not the draft
])
def test_reference_document(written, document):
    assert parse_reference(written).document == document


# --- the replies of the seed ---------------------------------------------------------------------------

def test_dossier_gives_the_draft_and_the_11_replies(seed_text, picked):
    assert len(split_documents(seed_text)) == 17
    assert len(picked.replies) == 11
    assert picked.others == 4  # review 691, Tờ trình 40, cover letter 585, the summary
    assert "QUYẾT ĐỊNH" in picked.draft and "Điều 9. Tổ chức thực hiện" in picked.draft
    assert "BẢN TỔNG HỢP" not in picked.draft


def test_every_reply_is_read(replies):
    assert set(replies) == AGREE | set(COMMENTS)
    assert all(set(r) == KEYS for r in replies.values())
    agencies = [r["agency"] for r in replies.values()]
    assert len(set(agencies)) == 11  # the two "PHÒNG VĂN HÓA VÀ THÔNG TIN" told apart by their district
    assert replies[(110, "CV-VHTT")]["agency"] == "PHÒNG VĂN HÓA VÀ THÔNG TIN (UBND HUYỆN CƯ JÚT)"
    assert replies[(487, "STP-VP")]["agency"] == "SỞ TƯ PHÁP"


@pytest.mark.parametrize("key", sorted(AGREE))
def test_six_agree_without_comment(replies, key):
    r = replies[key]
    assert r["agrees_without_comment"] is True
    assert r["comments"] == []


@pytest.mark.parametrize("key", sorted(COMMENTS))
def test_comments_split_with_the_target_the_letter_names(replies, key):
    r = replies[key]
    want = COMMENTS[key]
    assert r["agrees_without_comment"] is False  # "cơ bản thống nhất … Tuy nhiên" is not agreement
    assert [c["target"] for c in r["comments"]] == [t for t, _, _ in want]
    for c, (target, document, words) in zip(r["comments"], want):
        assert set(c) == COMMENT_KEYS
        assert words in c["text"], (target, c["text"][:120])
        if document is not None:
            assert c["document"] == document, target
        assert c["document"] in (QUYET_DINH, QUY_CHE)


def test_comments_hold_no_preamble_or_closing(replies):
    for key in COMMENTS:
        for c in replies[key]["comments"]:
            for words in ("Công văn số 408", "Trên đây là", "Trân trọng", "trao đổi để các đồng chí", "Vậy, Sở"):
                assert words not in c["text"], (key, words)


@pytest.mark.parametrize("key", sorted(PROPOSED))
def test_proposed_text(replies, key):
    (so, index), start = key, PROPOSED[key]
    reply = next(r for (n, _), r in replies.items() if n == so)
    proposed = reply["comments"][index]["proposed"]
    if start is None:
        assert proposed is None
    else:
        assert proposed is not None and proposed.startswith(start), proposed


def test_proposed_keeps_every_line_of_a_multi_line_wording(replies):
    btg = replies[(311, "CV/BTGTU")]["comments"]
    assert "b) Chủ trì chỉ đạo, định hướng nội dung" in btg[3]["proposed"]
    assert btg[2]["proposed"].endswith("quy định của pháp luật.")  # an unclosed quotation runs to the end
    assert replies[(709, "CAT-PA03")]["comments"][2]["proposed"] == "bảo vệ bí mật nhà nước"


def test_letters_targets_against_the_revised_draft(replies, draft):
    """The seed's draft already took the replies in: what the letters name is resolved as named."""
    bnc = replies[(180, "CV/BNCTU")]["comments"]
    part = resolve(draft, bnc[1]["target"], bnc[1]["document"])
    assert part is not None and part.text.startswith("Chủ trì việc nghiên cứu")  # still Ban Tuyên giáo's duty
    # Ban Tuyên giáo wrote "Khoản 5, Điều 7" for its own duties, which are khoản 4 of the draft
    btg = replies[(311, "CV/BTGTU")]["comments"][3]
    assert btg["target"] == "Điều 7 khoản 5"
    assert "Ban Nội chính" in resolve(draft, btg["target"], btg["document"]).text


# --- letters written other ways --------------------------------------------------------------------------

def letter(*body: str) -> str:
    return "\n\n".join(["UBND TỈNH ĐẮK NÔNG", "SỞ TÀI CHÍNH", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                        "Độc lập - Tự do - Hạnh phúc", "Số: 123/STC-VP", "Đắk Nông, ngày 12 tháng 5 năm 2021",
                        "V/v góp ý dự thảo Quy chế phối hợp", "Kính gửi: Sở Thông tin và Truyền thông.",
                        "Sở Tài chính nhận được Công văn số 408/STTTT-TTBCXB ngày 29/4/2021 về việc góp ý dự thảo.",
                        *body, "Nơi nhận:\n- Như trên;\n- Lưu: VT, VP.", "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC",
                        "Nguyễn Văn An"])


def test_agreement_written_as_a_list_is_agreement():
    r = parse_reply(letter("Sở Tài chính có ý kiến như sau:", "- Thống nhất nội dung dự thảo Quyết định và Quy chế.",
                           "- Nhất trí với toàn bộ dự thảo.", "- Không có ý kiến khác.",
                           "Trên đây là ý kiến của Sở Tài chính."))
    assert (r["so"], r["ky_hieu"], r["agency"]) == (123, "STC-VP", "SỞ TÀI CHÍNH")
    assert r["agrees_without_comment"] is True and r["comments"] == []


def test_a_letter_that_neither_agrees_nor_comments_is_not_agreement():
    r = parse_reply(letter("Sở Tài chính đã nhận được dự thảo và sẽ trả lời sau."))
    assert r["agrees_without_comment"] is False and r["comments"] == []


def test_comments_under_an_article_heading_are_split_and_inherit_the_article():
    r = parse_reply(letter("Sở Tài chính góp ý như sau:", "1. Tại Điều 5:",
                           "- Khoản 1: đề nghị sửa thành “Các cơ quan phối hợp chặt chẽ.”",
                           "- Khoản 3, điểm b: đề nghị bỏ.",
                           "2. Khoản 2 Điều 8 dự thảo Quyết định: đề nghị sửa lại là “Định kỳ hằng quý”.",
                           "3. Khoản 4: đề nghị bổ sung thời hạn báo cáo.",
                           "Trên đây là ý kiến của Sở Tài chính."))
    assert [c["target"] for c in r["comments"]] == ["Điều 5 khoản 1", "Điều 5 khoản 3 điểm b", "Điều 8 khoản 2",
                                                    "Điều 8 khoản 4"]
    assert [c["proposed"] for c in r["comments"]] == ["Các cơ quan phối hợp chặt chẽ.", None, "Định kỳ hằng quý",
                                                      None]
    assert r["comments"][2]["document"] == QUYET_DINH
    assert r["comments"][0]["document"] == QUY_CHE  # the subject says "dự thảo Quy chế"
    assert "Trên đây" not in r["comments"][-1]["text"]


def test_unnumbered_paragraphs_that_open_on_a_part_are_comments():
    r = parse_reply(letter("Sở Tài chính cơ bản thống nhất, tuy nhiên đề nghị:",
                           "Tại khoản 2 Điều 3, đề nghị sửa “trong ngày” thành “trong 24 giờ”.",
                           "Về thể thức, đề nghị viết hoa đúng quy định.",
                           "Trân trọng!"))
    assert [(c["target"], c["proposed"]) for c in r["comments"]] == [("Điều 3 khoản 2", "trong 24 giờ"),
                                                                      ("the_thuc", None)]
    assert r["agrees_without_comment"] is False


def test_a_comment_without_a_list_is_still_found():
    r = parse_reply(letter("Sau khi nghiên cứu, Sở Tài chính đề nghị bổ sung vào Điều 9 trách nhiệm của Sở Tài chính "
                           "trong việc bố trí kinh phí.", "Đề nghị Sở Thông tin và Truyền thông tổng hợp./."))
    assert [(c["target"], c["document"]) for c in r["comments"]] == [("Điều 9", QUY_CHE)]
    assert r["agrees_without_comment"] is False


def test_an_article_only_the_decision_has_belongs_to_the_decision():
    text = letter("Ý kiến như sau:", "- Điều 3: đề nghị ghi rõ các cơ quan thi hành.", "- Điều 5: đề nghị làm rõ.")
    text = text.replace("V/v góp ý dự thảo Quy chế phối hợp", "V/v góp ý")  # the letter names no document
    both = Draft({QUYET_DINH: parse_body(["Điều 1. Ban hành.", "Điều 2. Hiệu lực.", "Điều 3. Thi hành."], QUYET_DINH),
                  QUY_CHE: parse_body(["Điều 1. Phạm vi", "Điều 5. Trách nhiệm"], QUY_CHE)})
    r = parse_reply(text, both)
    assert [(c["target"], c["document"]) for c in r["comments"]] == [("Điều 3", QUYET_DINH), ("Điều 5", QUY_CHE)]
    # without a draft to look in, an article is the Quy chế's
    assert [c["document"] for c in parse_reply(text)["comments"]] == [QUY_CHE, QUY_CHE]


# --- the command line ---------------------------------------------------------------------------------------

def run(*args):
    return subprocess.run([sys.executable, "-m", "webui.cli", "round", "parse", *map(str, args)],
                          capture_output=True, text=True, cwd=ROOT)


def test_cli_dossier_json(corpus, data_dir):
    proc = run(corpus / SEED, "--from-dossier", "--json")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert len(out) == 11 and all(set(r) == KEYS for r in out)
    assert sum(r["agrees_without_comment"] for r in out) == 6
    assert sum(len(r["comments"]) for r in out) == sum(len(v) for v in COMMENTS.values())
    assert all(set(c) == COMMENT_KEYS for r in out for c in r["comments"])
    assert "Điều 7 khoản 4 điểm a" in proc.stdout  # not escaped: ensure_ascii=False
    # nothing was filed: no archive, no blobs
    assert not (data_dir / "vanthu.sqlite").exists() and not (data_dir / "blobs").exists()


def test_cli_draft_and_reply_files(corpus, tmp_path, seed_text, picked):
    draft = tmp_path / "du_thao.txt"
    draft.write_text(picked.draft, encoding="utf-8")
    reply = tmp_path / "stp.txt"
    reply.write_text(next(t for t in picked.replies if "487/STP-VP" in t), encoding="utf-8")
    proc = run(draft, reply, "--json")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert [(r["agency"], r["so"]) for r in out] == [("SỞ TƯ PHÁP", 487)]
    # the same letter as a Word file
    import docx

    word = docx.Document()
    for line in reply.read_text(encoding="utf-8").splitlines():
        word.add_paragraph(line)
    word.save(tmp_path / "stp.docx")
    proc = run(draft, tmp_path / "stp.docx", "--json")
    assert proc.returncode == 0, proc.stderr
    assert [c["target"] for c in json.loads(proc.stdout)[0]["comments"]] == ["tham_quyen_ky", "the_thuc"]
    # a REPLY file holding the whole dossier gives the replies in it, not the draft or the summary
    proc = run(draft, corpus / SEED, "--json")
    assert proc.returncode == 0, proc.stderr
    assert len(json.loads(proc.stdout)) == 11


def test_cli_readable_report_shows_the_current_text(corpus):
    proc = run(corpus / SEED, "--from-dossier")
    assert proc.returncode == 0, proc.stderr
    assert "11 văn bản góp ý; 6 thống nhất" in proc.stdout
    assert "Dự thảo hiện nay: 1. Không gian mạng là" in proc.stdout
    assert "311-CV/BTGTU" in proc.stdout  # a Party letter's number written its own way


def test_cli_unreadable_file_exit_2(tmp_path, data_dir):
    proc = run(tmp_path / "khong_co.txt", tmp_path / "cung_khong.txt", "--json")
    assert proc.returncode == 2
    assert "Không đọc được tệp" in proc.stderr and "không có tệp này" in proc.stderr
    assert proc.stdout == ""
    bad = tmp_path / "cu.doc"
    bad.write_bytes(b"\xd0\xcf\x11\xe0")
    proc = run(bad, bad)
    assert proc.returncode == 2 and ".doc" in proc.stderr
    assert not (data_dir / "vanthu.sqlite").exists()


def test_cli_one_file_without_dossier_flag_is_refused(corpus):
    proc = run(corpus / SEED, "--json")
    assert proc.returncode == 1
    assert "--from-dossier" in proc.stderr
