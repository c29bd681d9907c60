from __future__ import annotations

from pathlib import Path

import opencc
import pytest
from hanpipe_opencc_ref import OpenCCRefConverter

from hanpipe import ConfigError, Document, Entity, Pipeline
from hanpipe.testing import ConverterContract, check_alignment

SEEDS = Path(__file__).resolve().parents[3] / "seeds"
TRADITIONAL = ("001_8a7838785014c413.txt", "004_5f3c4ba81d80bda7.txt")


class TestContract(ConverterContract):
    def make_engine(self) -> OpenCCRefConverter:
        return OpenCCRefConverter()


@pytest.mark.parametrize("variant", ["t2s", "tw2s", "tw2sp", "hk2s"])
@pytest.mark.parametrize("name", TRADITIONAL)
def test_opencc_ref_equals_the_binding_on_the_seeds(variant: str, name: str) -> None:
    path = SEEDS / name
    if not path.is_file():
        pytest.skip("the seeds live in the hanpipe repository")
    text = path.read_bytes().decode("utf-8", errors="replace")
    assert OpenCCRefConverter(variant)(text) == opencc.OpenCC(variant).convert(text)


def test_opencc_ref_is_found_through_the_entry_point() -> None:
    p = Pipeline(convert={"engine": "opencc-ref", "variant": "tw2sp"}, segment=None, extract=None)
    doc = p("軟體資訊")
    assert doc.text == "软件信息"
    assert doc.meta["variant"] == "tw2sp"


def test_opencc_ref_passes_surrogates_and_nul_through() -> None:
    engine = OpenCCRefConverter()
    assert engine("頭\ud800髮\x00頭髮\udfff") == "头\ud800发\x00头发\udfff"


def test_opencc_ref_alignment_where_a_phrase_changes_length() -> None:
    engine = OpenCCRefConverter("tw2sp")
    text = "第一行\n使用網際網路演算法\n最後"
    doc = engine.convert(Document.from_text(text))
    check_alignment(doc)
    assert doc.text.splitlines()[1] == "使用互联网算法"
    assert doc.alignment is not None
    assert doc.text.splitlines()[2] == "最后"
    end = len(doc.text)
    placed = doc.with_entities([Entity("x", end - 2, end, "最后")]).entities[0]
    assert text[placed.source_start : placed.source_end] == "最後"
    first = doc.with_entities([Entity("x", 0, 3, "第一行")]).entities[0]
    assert (first.source_start, first.source_end) == (0, 3)


def test_opencc_ref_unknown_variant_lists_the_configurations() -> None:
    with pytest.raises(ConfigError, match="t2s") as info:
        OpenCCRefConverter("klingon")
    assert "tw2sp" in str(info.value)
