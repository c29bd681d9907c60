from __future__ import annotations

import bisect
import json
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any

import hanpipe_webclean
import opencc
import pytest
from hanpipe_webclean import KINDS, WebCleaner, _rules
from hypothesis import given, settings
from hypothesis import strategies as st

import hanpipe
from hanpipe import Document
from hanpipe.testing import CleanerContract, check_alignment

HERE = Path(__file__).resolve().parent
SEEDS = HERE.parents[2] / "seeds"
LABELS: dict[str, list[int]] = json.loads((HERE / "furniture_labels.json").read_text(encoding="utf-8"))
#: the default clean-up passes, then this one: what a corpus builder runs
CLEAN = ["mojibake", "entities", "newlines", "spaces", "width", "pinyin", "damaged"]


class TestContract(CleanerContract):
    def make_engine(self) -> WebCleaner:
        return WebCleaner()


def seed_bytes(name: str) -> bytes:
    path = SEEDS / name
    if not path.is_file():
        pytest.skip("the seeds live in the hanpipe repository")
    return path.read_bytes()


def pipeline(*clean: Any) -> hanpipe.Pipeline:
    return hanpipe.Pipeline(clean=[*CLEAN, *clean], convert=None, segment=None, extract=None)


def removed_lines(doc: Document) -> dict[int, str]:
    """1-based source line -> kind, for each line that ``meta["webclean"]`` says was removed.

    Each recorded source span must be exactly the content of one source line
    (the line without its surrounding white space).
    """
    starts = [0]
    for m in re.finditer("\n", doc.source):
        starts.append(m.end())
    out = {}
    for entry in doc.meta.get("webclean", []):
        s, e = entry["source_span"]
        line = bisect.bisect_right(starts, s)
        begin, end = starts[line - 1], (starts[line] - 1 if line < len(starts) else len(doc.source))
        content = doc.source[begin:end]
        assert doc.source[s:e] == content.strip(), (line, doc.source[s:e], content)
        out[line] = entry["kind"]
    return out


def scores(name: str) -> tuple[float, float, int, int, int]:
    """(precision, recall, true positives, predicted, labelled) of the removed lines of one seed."""
    doc = pipeline("webclean").decode(seed_bytes(name))
    predicted = set(removed_lines(doc))
    labelled = set(LABELS[name])
    hits = len(predicted & labelled)
    return hits / max(len(predicted), 1), hits / max(len(labelled), 1), hits, len(predicted), len(labelled)


def test_webclean_labels_name_non_empty_lines_of_the_seeds() -> None:
    assert sorted(LABELS) == sorted(p.name for p in SEEDS.glob("*.txt"))
    for name, numbers in LABELS.items():
        lines = seed_bytes(name).decode("utf-8").split("\n")
        assert numbers == sorted(set(numbers))
        assert all(1 <= n <= len(lines) and lines[n - 1].strip() for n in numbers), name


def test_webclean_precision_and_recall_on_the_hand_labelled_seeds() -> None:
    total_hits = total_predicted = total_labelled = 0
    print()
    for name in sorted(LABELS):
        precision, recall, hits, predicted, labelled = scores(name)
        total_hits += hits
        total_predicted += predicted
        total_labelled += labelled
        print(f"{name}: precision {precision:.3f} ({hits}/{predicted}), recall {recall:.3f} ({hits}/{labelled})")
        assert precision >= 0.9, name  # the article body stays
    precision, recall = total_hits / total_predicted, total_hits / total_labelled
    print(f"overall: precision {precision:.3f} ({total_hits}/{total_predicted}), "
          f"recall {recall:.3f} ({total_hits}/{total_labelled})")
    assert precision >= 0.9
    assert recall >= 0.9


@pytest.mark.parametrize("name", sorted(LABELS))
def test_webclean_keeps_every_line_not_labelled_furniture(name: str) -> None:
    data = seed_bytes(name)
    before = pipeline().decode(data)
    after = pipeline("webclean").decode(data)
    check_alignment(after)
    assert after.source == before.source
    lines = before.text.split("\n")  # the passes before keep the source's lines, one for one
    assert len(lines) == before.source.count("\n") + 1
    removed = removed_lines(after)
    kept = [line for n, line in enumerate(lines, 1) if line.strip() and n not in removed]
    assert [line for line in after.text.split("\n") if line.strip()] == kept
    body = [line for n, line in enumerate(lines, 1) if line.strip() and n not in LABELS[name]]
    missing = [line[:30] for line in body if line not in kept]
    assert not missing


def test_webclean_records_kinds_and_source_spans_in_traditional_pages() -> None:
    doc = pipeline("webclean").decode(seed_bytes("001_8a7838785014c413.txt"))
    kinds = removed_lines(doc)
    assert kinds[4] == "credit" and kinds[8] == "editor" and kinds[85] == "copyright"
    spans = {e["kind"]: e["source_span"] for e in doc.meta["webclean"]}
    s, e = spans["copyright"]
    # the source keeps the pinyin the page inserted; the span covers the line as the page had it
    assert doc.source[s:e].startswith("Copyright © 2010-2024 AiLab Team. 人工智能實(shí)驗(yàn)室 版權(quán)所有")
    assert {"kind": "teaser", "source_span": doc.meta["webclean"][1]["source_span"]} in doc.meta["webclean"]
    assert doc.meta["repairs"][-1]["step"] == "webclean"


def test_webclean_removes_the_link_farm_at_the_end_of_seed_003() -> None:
    doc = pipeline("webclean").decode(seed_bytes("003_c76b33a41cce0777.txt"))
    assert doc.text.endswith("AIGC在未来也许会再经历一次或多次技术范式的颠覆。” \n")
    assert "相关文章" not in doc.text and "单片机" not in doc.text
    kinds = removed_lines(doc)
    assert [kinds[n] for n in (115, 117, 119, 121)] == ["disclaimer", "report", "links", "links"]


# -- hand-checked lines of each kind ------------------------------------------

CASES = [
    ("分享到微信", "share"),
    ("分享到：微博 QQ空间", "share"),
    ("打开微信,点击底部的“发现”,", "share"),
    ("使用“扫一扫”即可将网页分享至朋友圈。", "share"),
    ("微信扫码关注公众号", "share"),
    ("首页 > 视听 > 中国经营者", "breadcrumb"),
    ("当前位置：首页 > 新闻 > 正文", "breadcrumb"),
    ("您的位置: 科技 » 人工智能", "breadcrumb"),
    ("责任编辑:kj005", "editor"),
    ("责编：程蕾", "editor"),
    ("每經記者:蘭素英每經編輯:高涵", "editor"),
    ("（编辑：王五）", "editor"),
    ("来源:互联网   发布日期:2023-05-20 13:21:01   浏览:4059次", "credit"),
    ("图片来源:主办方供图", "credit"),
    ("昆侖萬維CEO方漢 圖片來源:主辦方供圖", "credit"),
    ("第一财经2023-07-26 16:00:55", "credit"),
    ("新华网 2023年07月26日 16:00", "credit"),
    ("免责声明:市场有风险,选择需谨慎!此文仅供参考,不作买卖依据。", "disclaimer"),
    ("本文来自互联网用户投稿,该文观点仅代表作者本人,不代表本站立场。", "disclaimer"),
    ("Copyright © 2010-2024 AiLab Team. 版权所有", "copyright"),
    ("版權所有 © 某某网", "copyright"),
    ("本文系觀察者網獨家稿件,未經授權,不得轉載。", "copyright"),
    ("转载请注明出处", "copyright"),
    ("文章投诉热线:156 0057 2229 投诉邮箱:29132 36@qq.com", "report"),
    ("如若内容造成侵权/违法违规/事实不符,请联系我们进行投诉反馈", "report"),
    ("举报", "report"),
    ("点击关闭", "ui"),
    ("展開", "ui"),
    ("上一篇：大模型时代", "ui"),
    ("导读:据花旗最新报告,保守估计生成式AI未来发展规模...", "teaser"),
]


@pytest.mark.parametrize(("line", "kind"), CASES)
def test_webclean_line_kinds(line: str, kind: str) -> None:
    first, last = "大模型正在改变许多行业的工作方式，这一点已经成为业内共识。", "它的影响还会继续扩大，值得长期关注。"
    doc = WebCleaner().clean(Document.from_text(f"{first}\n{line}\n{last}"))
    assert doc.text == f"{first}\n{last}"
    assert doc.meta["webclean"] == [{"kind": kind, "source_span": [30, 30 + len(line)]}]
    check_alignment(doc)


@pytest.mark.parametrize("config", ["s2t", "s2tw", "s2hk"])
@pytest.mark.parametrize(("line", "kind"), CASES)
def test_webclean_line_kinds_in_traditional_script(line: str, kind: str, config: str) -> None:
    traditional = opencc.OpenCC(config).convert(line)
    assert _rules.classify(_rules.fold(traditional)) == kind


def _phrases() -> list[str]:
    tables = [
        value for name, value in vars(_rules).items()
        if name.isupper() and isinstance(value, (tuple, frozenset)) and all(isinstance(x, str) for x in value)
    ]
    return sorted({p for table in tables for p in table if re.search(r"[\u4e00-\u9fff]", p)})


@pytest.mark.parametrize("config", ["s2t", "s2tw", "s2hk"])
def test_webclean_every_phrase_folds_back_from_traditional(config: str) -> None:
    cc = opencc.OpenCC(config)
    phrases = _phrases()
    assert len(phrases) > 150
    assert [p for p in phrases if _rules.fold(cc.convert(p)) != _rules.fold(p)] == []


# -- what must stay -------------------------------------------------------------

PROSE = [
    "他把照片分享到朋友圈后，引来了上千条评论，其中不少是关于这家餐馆的服务质量。",
    "顾客用手机扫一扫二维码就能付款。",
    "编辑：你怎么看这个问题？",
    "记者:您认为大模型的下一步是什么?",
    "该作品的版权所有人是张三。",
    "市民可拨打12345投诉热线反映问题。",
    "会议时间:2023-07-26 16:00",
    "会议于2023-07-26 16:00开始",
    "在首页 > 设置中打开这个选项",
    "3 > 2 > 1",
    "上一篇文章提到了这个问题。",
    "推荐阅读",
    "这是一段很长的正文，它在“推荐阅读”这个标题之后，说明这里不是一串链接，而是文章自己的一节，所以应当保留下来。",
    "《大模型历史机遇与挑战》",
    "01 大模型概述",
    "本期嘉宾",
]


def test_webclean_leaves_prose_that_mentions_furniture_words() -> None:
    text = "\n".join(PROSE)
    doc = WebCleaner().clean(Document.from_text(text))
    assert doc is not None and doc.text == text
    assert "webclean" not in doc.meta


@pytest.mark.parametrize("name", sorted(LABELS))
def test_webclean_leaves_the_article_bodies_unchanged(name: str) -> None:
    lines = seed_bytes(name).decode("utf-8").split("\n")
    body = "\n".join(line for n, line in enumerate(lines, 1) if n not in LABELS[name])
    assert WebCleaner().clean(Document.from_text(body)).text == body


def test_webclean_keep_leaves_the_kinds_named() -> None:
    text = "首页 > 新闻\n正文第一段，内容很长，这里是文章本身。\n责任编辑:张三"
    doc = WebCleaner(keep=("editor",)).clean(Document.from_text(text))
    assert doc.text == "正文第一段，内容很长，这里是文章本身。\n责任编辑:张三"
    assert [e["kind"] for e in doc.meta["webclean"]] == ["breadcrumb"]
    with pytest.raises(hanpipe.ConfigError, match="links"):
        WebCleaner(keep=("adverts",))  # type: ignore[arg-type]


def test_webclean_found_through_the_entry_point() -> None:
    p = pipeline({"engine": "webclean", "keep": ["ui"]})
    assert p.registry.info("clean", "webclean").distribution == "hanpipe-webclean"
    doc = p.process("正文。\n\n责任编辑:张三\n展开")
    assert doc.text == "正文。\n\n展开"
    with pytest.raises(hanpipe.ConfigError, match="keep"):
        pipeline({"engine": "webclean", "keep": ["nothing"]})


# -- properties -----------------------------------------------------------------

BODY = [
    line
    for name, numbers in LABELS.items()
    if (SEEDS / name).is_file()
    for n, line in enumerate((SEEDS / name).read_text(encoding="utf-8").split("\n"), 1)
    if n not in numbers and len(line.strip()) > 60 and line.rstrip().endswith("。")
]
FURNITURE = [line for line, _ in CASES]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.booleans(), st.integers(0, 10_000), st.sampled_from(["", "\n", "  \n"])),
        min_size=1,
        max_size=25,
    )
)
def test_webclean_removes_exactly_the_furniture_mixed_into_a_page(parts: list[tuple[bool, int, str]]) -> None:
    if not BODY:
        pytest.skip("the seeds live in the hanpipe repository")
    lines = []
    for is_furniture, k, blank in parts:
        lines.append((is_furniture, FURNITURE[k % len(FURNITURE)] if is_furniture else BODY[k % len(BODY)]))
        if blank:
            lines.append((False, blank.rstrip("\n")))
    text = "\n".join(line for _, line in lines)
    doc = WebCleaner().clean(Document.from_text(text))
    check_alignment(doc)
    body = [line for furniture, line in lines if not furniture and line.strip()]
    assert [line for line in doc.text.split("\n") if line.strip()] == body
    spans = [e["source_span"] for e in doc.meta.get("webclean", [])]
    assert [text[s:e] for s, e in spans] == [line for furniture, line in lines if furniture]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("首页>相关文章举报\n 。…编辑:责分享到微信a1")), max_size=200))
def test_webclean_any_text_keeps_a_true_alignment(text: str) -> None:
    doc = WebCleaner().clean(Document.from_text(text))
    check_alignment(doc)
    assert doc.source == text
    for entry in doc.meta.get("webclean", []):
        s, e = entry["source_span"]
        assert entry["kind"] in KINDS
        assert text[s:e].strip() == text[s:e] and "\n" not in text[s:e]
        assert text[s:e] not in doc.text.split("\n")


# -- linear work ---------------------------------------------------------------

PACKAGE = str(Path(hanpipe_webclean.__file__).resolve().parent)


@contextmanager
def counting_lines() -> Iterator[list[int]]:
    """Count the lines of this package's Python run (a loop over lines, or over lines per line, shows up)."""
    tally = [0]

    def local(frame: FrameType, event: str, arg: object) -> Callable[..., Any] | None:
        if event == "line":
            tally[0] += 1
        return local

    def trace(frame: FrameType, event: str, arg: object) -> Callable[..., Any] | None:
        return local if frame.f_code.co_filename.startswith(PACKAGE) else None

    old = sys.gettrace()
    sys.settrace(trace)
    try:
        yield tally
    finally:
        sys.settrace(old)


HOSTILE = {
    "headings": "相关文章\n",
    "heading-title-prose": "相关文章\n标题\n正文很长的一句话。\n",
    "heading-then-prose": "推荐阅读\n正文很长的一句话。\n",
    "short-lines-above-headings": "短标题\n\n举报\n相关文章\n标题\n正文很长的一句话。\n",
    "breadcrumbs": "首页 > 视听 > 中国经营者\n",
    "blank-lines": "\n\n\n举报\n",
    "one-long-line": "首页>分享到微信相关文章…",
}


@pytest.mark.parametrize("shape", sorted(HOSTILE))
def test_webclean_work_grows_linearly(shape: str) -> None:
    unit = HOSTILE[shape]
    cleaner = WebCleaner()
    per_char = []
    for n in (2_000, 4_000, 8_000, 16_000):
        text = unit * (n // len(unit) + 1)
        with counting_lines() as tally:
            cleaner.clean(Document.from_text(text))
        per_char.append(tally[0] / len(text))
    assert per_char[-1] <= 1.25 * per_char[0] + 0.5, [round(x, 2) for x in per_char]


def test_webclean_line_counting_sees_a_quadratic_scan() -> None:
    # the counter itself: a scan back to the start from every line would fail the test above
    source = "def quadratic(text):\n    lines = text.split('\\n')\n    for i in range(len(lines)):\n" \
        "        for _ in range(i):\n            pass\n"
    namespace: dict[str, Any] = {}
    exec(compile(source, PACKAGE + "/probe.py", "exec"), namespace)  # counted as if it lived in the package
    per_char = []
    for n in (2_000, 16_000):
        text = "相关文章\n" * (n // 5)
        with counting_lines() as tally:
            namespace["quadratic"](text)
        per_char.append(tally[0] / len(text))
    assert per_char[-1] > 1.25 * per_char[0] + 0.5
