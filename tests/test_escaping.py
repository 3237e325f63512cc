"""Text comes out exactly as typed: '&', '<', '>', quotes and Jinja-looking text in every field."""
from __future__ import annotations

import copy

import pytest

import generator
from tests.conftest import example_inputs
from tests.docx_inspect import all_text

NASTY = ['A & B', '<b>đậm</b>', 'x > y', '"kép" và \'đơn\'', '{{ x }}', '{% if 1 %}có{% endif %}',
         '{#ghi chú#}', '853/UBND-VH&TT', '</w:t><w:t>', '&amp;']


def stuffed(name: str, i: int) -> dict:
    """An example with a nasty string in every free-text field (codes keep their own rules).

    A word follows each one, so the rules' own end punctuation never touches it."""
    data = copy.deepcopy(example_inputs()[name])
    n = iter(NASTY[i:] + NASTY[:i])

    def nxt() -> str:
        nonlocal n
        try:
            return next(n) + " nữa"
        except StopIteration:
            n = iter(NASTY)
            return next(n) + " nữa"

    for key in ("issuing_body", "parent_body", "place", "trich_yeu", "theo_de_nghi"):
        if key in data or key in ("issuing_body", "place", "trich_yeu"):
            data[key] = f"{data.get(key) or ''} {nxt()}".strip()
    for key in ("kinh_gui", "can_cu", "noi_nhan"):
        if data.get(key):
            data[key] = [f"{x} {nxt()}" for x in data[key]]
    if data.get("tham_quyen"):
        data["tham_quyen"] += " " + nxt()
    data["signer"] = {**data["signer"], "name": f"{data['signer']['name']} {nxt()}",
                      "title": f"{data['signer'].get('title') or 'GIÁM ĐỐC'} {nxt()}"}

    def walk(nodes):
        out = []
        for node in nodes:
            if isinstance(node, str):
                out.append(f"{node} {nxt()}")
            else:
                node = dict(node)
                for k in ("tieu_de", "text"):
                    if node.get(k):
                        node[k] = f"{node[k]} {nxt()}"
                if node.get("noi_dung"):
                    node["noi_dung"] = walk(node["noi_dung"])
                out.append(node)
        return out

    for key in ("noi_dung", "dieu"):
        if data.get(key):
            data[key] = walk(data[key])
    att = data.get("van_ban_kem_theo")
    if att:
        att["trich_yeu"] += " " + nxt()
        att["cua"] += " " + nxt()
        for ch in att.get("chuong", []):
            ch["tieu_de"] += " " + nxt()
            ch["dieu"] = walk(ch["dieu"])
    data["ky_hieu"] = "UBND-VH&TT" if name == "cong_van" else data.get("ky_hieu") or None
    return {k: v for k, v in data.items() if v is not None}


def typed_strings(data) -> list[str]:
    out = []
    if isinstance(data, dict):
        for k, v in data.items():
            if k not in ("kind", "date", "so", "body_code", "unit_code", "luu", "mode", "ve_viec"):
                out += typed_strings(v)
    elif isinstance(data, list):
        for v in data:
            out += typed_strings(v)
    elif isinstance(data, str):
        out.append(data)
    return out


@pytest.mark.parametrize("name", sorted(example_inputs()))
def test_every_field_comes_out_exactly(tmp_path, name):
    for i in range(0, len(NASTY), 3):  # each field sees several of the nasty strings
        data = stuffed(name, i)
        path = generator.render_docx(generator.load_document(data), tmp_path / f"{name}-{i}.docx")
        text = all_text(path).replace("\n", " ")
        for nasty in NASTY:
            if any(nasty in s for s in typed_strings(data)):
                assert nasty in text or nasty.upper() in text, (name, nasty)
        assert "<w:" not in text.replace("</w:t><w:t>", "")
    if name == "cong_van":
        assert "UBND-VH&TT" in text


def test_ampersand_symbol_survives_in_number_line(tmp_path):
    data = copy.deepcopy(example_inputs()["cong_van"]) | {"so": 853, "date": "2021-07-06", "ky_hieu": "UBND-VH&TT"}
    text = all_text(generator.render_docx(generator.load_document(data), tmp_path / "cv.docx"))
    assert "Số: 853/UBND-VH&TT" in text
