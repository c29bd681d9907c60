"""A string with no character that starts a dictionary key is returned without a kernel call: the same
result as the kernel's, for every variant and with overrides, and the same as the official binding."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hanpipe.builtin.convert.opencc import OpenCCConverter

#: Simplified, Traditional, variant and plain characters, and ASCII: most strings mix kinds
CHARS = "汉字与词语软件信息大模型技术漢字與詞語軟體資訊為這個裏裡著着台臺后後干乾髮发 ab1,。"
VARIANTS = ["t2s", "s2t", "s2twp", "tw2sp", "hk2s", "t2jp", "jp2t"]


@pytest.mark.parametrize("variant", VARIANTS)
@settings(max_examples=150, deadline=None)
@given(text=st.text(st.sampled_from(CHARS), max_size=30))
def test_the_shortcut_equals_the_kernel(variant: str, text: str) -> None:
    runner = OpenCCConverter(variant=variant)._runner
    assert runner.run(text)[0] == runner.run_counted(text)[0][0]


@settings(max_examples=150, deadline=None)
@given(text=st.text(st.sampled_from(CHARS + "卡拉OK"), max_size=30))
def test_the_shortcut_knows_the_overrides(text: str) -> None:
    runner = OpenCCConverter(variant="t2s", overrides={"OK": "好", "a": "甲"})._runner
    assert runner.run(text)[0] == runner.run_counted(text)[0][0]
    assert OpenCCConverter(variant="t2s", overrides={"a": "甲"})("abc") == "甲bc"  # 'a' starts no OpenCC key


def test_the_shortcut_hand_checked() -> None:
    t2s = OpenCCConverter(variant="t2s")
    assert t2s("软件信息 ok") == "软件信息 ok"  # nothing to convert: returned as it is
    assert t2s("軟體資訊") == "软体资讯"
    opencc = pytest.importorskip("opencc")
    for text in ["大模型作为一种颠覆性技术", "大模型作為一種顛覆性技術", "ok", ""]:
        assert t2s(text) == opencc.OpenCC("t2s").convert(text)
