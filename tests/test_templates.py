"""The .docx templates are built by templates/build.py, byte for byte, and hold only docxtpl tags."""
from __future__ import annotations

import re
import zipfile

import pytest

from generator.rules import KINDS
from templates import build, template_path

BUILT = [k for k in KINDS if template_path(k).exists()]


def test_rebuild_is_byte_identical_to_committed(tmp_path):
    made = build.build_all(tmp_path)
    assert {p.stem for p in made} == set(BUILT)
    for path in made:
        assert path.read_bytes() == template_path(path.stem).read_bytes(), (
            f"{path.name} khác bản trong kho: chạy 'make templates' rồi commit")


def test_two_builds_are_identical(tmp_path):
    a, b = build.build_all(tmp_path / "a"), build.build_all(tmp_path / "b")
    assert [p.read_bytes() for p in a] == [p.read_bytes() for p in b]


@pytest.mark.parametrize("kind", BUILT)
def test_zip_has_fixed_times_and_no_unused_parts(kind):
    with zipfile.ZipFile(template_path(kind)) as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        names = set(z.namelist())
        assert "word/document.xml" in names and "word/styles.xml" in names
        assert not any("stylesWithEffects" in n or "customXml" in n or "thumbnail" in n for n in names)
        xml = z.read("word/document.xml").decode()
    # every Jinja tag is whole inside one text run, so docxtpl sees it
    for tag in re.findall(r"\{[{%][^}]*[}%]\}", xml):
        assert "<" not in tag, tag
    assert "asciiTheme" not in xml  # theme fonts would override Times New Roman in Word
