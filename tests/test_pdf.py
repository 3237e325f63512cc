"""Rendered through real LibreOffice and read back with pypdf."""
from __future__ import annotations

import copy
import re

import pytest
from pypdf import PdfReader

import generator
from tests.conftest import example_inputs, has_soffice
from tests.docx_inspect import paragraph_texts

pytestmark = pytest.mark.pdf


def pdf_text(path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(str(path)).pages]


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


def fonts(path) -> set[str]:
    names = set()
    for page in PdfReader(str(path)).pages:
        res = page.get("/Resources") or {}
        for font in (res.get("/Font") or {}).values():
            names.add(str(font.get_object().get("/BaseFont")))
    return names


@pytest.mark.parametrize("name", sorted(example_inputs()))
def test_pdf_has_the_words_of_the_docx(rendered_examples, name):
    paths = rendered_examples[name]
    pages = pdf_text(paths["pdf"])
    pdf_words = words(" ".join(pages))
    docx_words = words(" ".join(paragraph_texts(paths["docx"])))
    missing = [w for w in set(docx_words) if w not in pdf_words]
    assert not missing, missing[:20]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in pages[0]


@pytest.mark.parametrize("name", sorted(example_inputs()))
def test_pdf_fonts_are_liberation_serif(rendered_examples, name):
    names = fonts(rendered_examples[name]["pdf"])
    assert names and all("LiberationSerif" in n for n in names), names


def test_page_number_from_page_two_only(tmp_path):
    if not has_soffice():
        pytest.skip("Không có LibreOffice (soffice)")
    data = copy.deepcopy(example_inputs()["to_trinh"])
    para = data["noi_dung"][0]["noi_dung"][0]
    data["noi_dung"] = [para] * 40  # three pages or more
    path = generator.render_docx(generator.load_document(data), tmp_path / "dai.docx")
    (pdf,) = generator.convert_to_pdf([path])
    pages = pdf_text(pdf)
    assert len(pages) >= 3
    assert not re.match(r"\s*1\s", pages[0])
    for n, text in enumerate(pages[1:], start=2):
        assert text.lstrip().startswith(str(n)), text[:40]  # the number sits at the top, centred


def test_batch_keeps_order_and_same_names_apart(tmp_path):
    if not has_soffice():
        pytest.skip("Không có LibreOffice (soffice)")
    a, b = tmp_path / "a", tmp_path / "b"
    inputs = example_inputs()
    pa = generator.render_docx(generator.load_document(inputs["to_trinh"]), a / "van_ban.docx")
    pb = generator.render_docx(generator.load_document(inputs["cong_van"]), b / "van_ban.docx")
    out = generator.convert_to_pdf([pa, pb])
    assert out == [a / "van_ban.pdf", b / "van_ban.pdf"]
    assert "TỜ TRÌNH" in pdf_text(out[0])[0] and "V/v" in pdf_text(out[1])[0]


def test_unreadable_input_is_a_clear_error(tmp_path):
    if not has_soffice():
        pytest.skip("Không có LibreOffice (soffice)")
    with pytest.raises(generator.PdfError, match="Không đọc được"):
        generator.convert_to_pdf([tmp_path / "khong_co.docx"])
