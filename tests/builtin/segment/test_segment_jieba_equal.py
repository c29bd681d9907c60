"""The ``jieba`` engine against jieba itself: HMM on, off, search mode and full mode (``cut_all``)."""

from __future__ import annotations

import jieba
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hanpipe import Document, Pipeline
from hanpipe.builtin.segment.jieba import JiebaSegmenter
from tests.builtin.segment import segment_support  # noqa: F401  (sets jieba log level)
from tests.reference import segment_jieba as ref

MODES = [
    pytest.param(True, "default", id="hmm"),
    pytest.param(False, "default", id="no-hmm"),
    pytest.param(True, "search", id="search"),
    pytest.param(False, "search", id="search-no-hmm"),
    pytest.param(True, "full", id="full"),
]
FULL = MODES[-1]


def oracle(text: str, hmm: bool, mode: str) -> list[str]:
    if mode == "full":
        return jieba.lcut(text, cut_all=True)
    if mode == "search":
        return jieba.lcut_for_search(text, HMM=hmm)
    return jieba.lcut(text, HMM=hmm)


@pytest.fixture(scope="module")
def engine() -> JiebaSegmenter:
    return JiebaSegmenter()


# jieba's own test sentences (a representative set, written out here)
SENTENCES = [
    "这是一个伸手不见五指的黑夜。我叫孙悟空，我爱北京，我爱Python和C++。",
    "我不喜欢日本和服。",
    "雷猴回归人间。",
    "工信处女干事每月经过下属科室都要亲口交代24口交换机等技术性器件的安装工作",
    "我需要廉租房",
    "永和服装饰品有限公司",
    "我爱北京天安门",
    "abc",
    "隐马尔可夫",
    "雷猴是个好网站",
    "“Microsoft”一词由“MICROcomputer（微型计算机）”和“SOFTware（软件）”两部分组成",
    "草泥马和欺实马是今年的流行词汇",
    "伊藤洋华堂总府店",
    "中国科学院计算技术研究所",
    "罗密欧与朱丽叶",
    "我购买了道具和服装",
    "PS: 我觉得开源有一个好处，就是能够敦促自己不断改进，避免敞帚自珍",
    "湖北省石首市",
    "湖北省十堰市",
    "总经理完成了这件事情",
    "电脑修好了",
    "做好了这件事情就一了百了了",
    "人们审美的观点是不同的",
    "我们买了一个美的空调",
    "线程初始化时我们要注意",
    "一个分子是由好多原子组织成的",
    "祝你马到功成",
    "他掉进了无底洞里",
    "中国的首都是北京",
    "孙君意",
    "外交部发言人马朝旭",
    "领导人会议和第四届东亚峰会",
    "在过去的这五年",
    "还需要很长的路要走",
    "60周年首都阅兵",
    "你好人们审美的观点是不同的",
    "买水果然后来世博园",
    "买水果然后去世博园",
    "但是后来我才知道你是对的",
    "存在即合理",
    "的的的的的在的的的的就以和和和",
    "I love你，不以为耻，反以为rong",
    "因",
    "",
    "hello你好人们审美的观点是不同的",
    "很好但主要是基于网页形式",
    "为什么我不能拥有想要的生活",
    "后来我才",
    "此次来中国是为了",
    "使用了它就可以解决一些问题",
    ",使用了它就可以解决一些问题",
    "其实使用了它就可以解决一些问题",
    "好人使用了它就可以解决一些问题",
    "是因为和国家",
    "老年搜索还支持",
    "干脆就把那部蒙人的闲法给废了拉倒！RT @laoshipukong : 27日，"
    "全国人大常委会第三次审议侵权责任法草案，删除了有关医疗损害责任“举证倒置”的规定。",
    "大",
    "他说的确实在理",
    "长春市长春节讲话",
    "结婚的和尚未结婚的",
    "结合成分子时",
    "旅游和服务是最好的",
    "这件事情的确是我的错",
    "供大家参考指正",
    "哈尔滨政府公布塌桥原因",
    "我在机场入口处",
    "邢永臣摄影报道",
    "BP神经网络如何训练才能在分类时增加区分度？",
    "南京市长江大桥",
    "应一些使用者的建议，也为了便于利用NiuTrans用于SMT研究",
    "长春市长春药店",
    "邓颖超生前最喜欢的衣服",
    "胡锦涛是热爱世界和平的政治局常委",
    "程序员祝海林和朱会震是在孙健的左面和右面, 范凯在最右面.再往左是李松洪",
    "一次性交多少钱",
    "两块五一套，三块八一斤，四块七一本，五块六一条",
    "小和尚留了一个像大和尚一样的和尚头",
    "我是中华人民共和国公民;我爸爸是共和党党员; 地铁和平门站",
    "张晓梅去人民医院做了个B超然后去买了件T恤",
    "AT&T是一件不错的公司，给你发offer了吗？",
    "C++和c#是什么关系？11+122=133，是吗？PI=3.14159",
    "你认识那个和主席握手的的哥吗？他开一辆黑色的士。",
    "枪杆子中出政权",
    "张三风同学走上了不归路",
    "阿Q腰间挂着BB机手里拿着大哥大，说：我一般吃饭不AA制的。",
    "在1号店能买到小S和大S八卦的书，还有3D电视。",
    "GPT-4和ChatGPT-3发布，增长了3.14%，v1.2.3版本",
    "1.5a 1.a 3.14.15% ab12.34%x 12%%",
    "line one\r\nline two\r\r\n\n\tend  \u3000全角空格",
]


@pytest.mark.parametrize(("hmm", "mode"), MODES)
def test_jieba_equal_sentences(engine: JiebaSegmenter, hmm: bool, mode: str) -> None:
    for text in SENTENCES:
        assert engine.cut(text, hmm=hmm, mode=mode) == oracle(text, hmm, mode), text


@pytest.mark.parametrize(("hmm", "mode"), MODES)
def test_jieba_equal_seed_lines(engine: JiebaSegmenter, seed_lines: list[str], hmm: bool, mode: str) -> None:
    mismatches = [line for line in seed_lines if engine.cut(line, hmm=hmm, mode=mode) != oracle(line, hmm, mode)]
    assert mismatches == []


@pytest.mark.parametrize(("hmm", "mode"), MODES)
def test_jieba_equal_whole_seeds(engine: JiebaSegmenter, seed_texts: dict[str, str], hmm: bool, mode: str) -> None:
    for name, text in seed_texts.items():
        assert engine.cut(text, hmm=hmm, mode=mode) == oracle(text, hmm, mode), name


def _t2s() -> object:
    try:
        pipe = Pipeline(clean=None, convert="opencc", segment=None, extract=None, entry_points=False)
        return lambda text: pipe.convert(Document.from_text(text)).text
    except Exception:  # the converter is another stage's; fall back to the official binding
        import opencc

        return opencc.OpenCC("t2s").convert


@pytest.mark.parametrize(("hmm", "mode"), [*MODES[:3], FULL])
def test_jieba_equal_seed_lines_after_t2s(engine: JiebaSegmenter, seed_lines: list[str], hmm: bool, mode: str) -> None:
    convert = _t2s()
    converted = [convert(line) for line in seed_lines]  # type: ignore[operator]
    mismatches = [line for line in converted if engine.cut(line, hmm=hmm, mode=mode) != oracle(line, hmm, mode)]
    assert mismatches == []


@pytest.mark.parametrize(("hmm", "mode"), MODES)
def test_jieba_equal_offsets(engine: JiebaSegmenter, seed_texts: dict[str, str], hmm: bool, mode: str) -> None:
    text = next(iter(seed_texts.values()))
    tokens = JiebaSegmenter(hmm=hmm, mode=mode).segment(text)
    if mode == "full":  # jieba gives no offsets in full mode: the plain-Python reference does
        jieba.dt.check_initialized()
        expected = [span for token in ref.full_spans(text, jieba.dt.FREQ) for span in token]
        assert tokens.strings(text) == jieba.lcut(text, cut_all=True)
    else:
        tokenize_mode = "search" if mode == "search" else "default"
        expected = [(s, e) for _, s, e in jieba.tokenize(text, mode=tokenize_mode, HMM=hmm)]
    assert list(zip(tokens.starts.tolist(), tokens.ends.tolist())) == expected
    assert tokens.starts.dtype.name == "int32" and tokens.ends.dtype.name == "int32"


# -- generated text -------------------------------------------------------------

_WORDS = st.sampled_from(
    ["中国", "北京", "清华大学", "研究生", "模型", "大模型", "人工智能", "的", "了", "和", "是", "在", "长江大桥",
     "南京市", "市长", "结婚", "尚未", "和尚", "分子", "发布会", "增长率", "亿元", "美元", "公司", "科技", "数据"]
)
_HAN_CHARS = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FD5)
_ASCII_WORDS = st.sampled_from(["GPT", "ChatGPT", "AI", "v2", "iPhone", "C++", "c#", "AT&T", "a_b", "x-y", "Q"])
_NUMBERS = st.from_regex(r"[0-9]{1,4}(\.[0-9]{1,3})?%?", fullmatch=True)
_PUNCT = st.sampled_from(list("，。、：；！？“”‘’（）《》【】—…·,.;:!?()[]{}<>/\\|@$^*=~`'\"-+#&_%"))
_SPACE = st.sampled_from([" ", "  ", "\t", "\n", "\r\n", "\r", "\u3000", "\xa0", "\u2028", "\x0b", "\x1c"])
_RARE = st.sampled_from(["\U00020000", "\U0002a6d6", "\U00030000", "😀", "👍🏽", "\u3007", "\uffff", "\x00",
                         "\x07", "\ud800", "\udfff", "\u200b", "\u9fd5", "\u9fd6", "\u4dff", "ａ", "１", "Ⅻ", "²"])
PIECES = st.one_of(_WORDS, _WORDS, _HAN_CHARS, _HAN_CHARS, _ASCII_WORDS, _NUMBERS, _PUNCT, _SPACE, _RARE)
TEXTS = st.lists(PIECES, max_size=30).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXTS)
def test_jieba_equal_generated(engine: JiebaSegmenter, text: str) -> None:
    for hmm, mode in ((True, "default"), (False, "default"), (True, "search"), (True, "full")):
        assert engine.cut(text, hmm=hmm, mode=mode) == oracle(text, hmm, mode)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(st.characters(codec=None, exclude_categories=()), max_size=40))
def test_jieba_equal_any_code_points(engine: JiebaSegmenter, text: str) -> None:
    assert engine.cut(text) == jieba.lcut(text)
    assert engine.cut(text, mode="full") == jieba.lcut(text, cut_all=True)
    tokens = engine.segment(text)
    assert "".join(tokens.strings(text)) == text


def test_jieba_segment_matches_cut(engine: JiebaSegmenter, seed_texts: dict[str, str]) -> None:
    text = "\n".join(seed_texts.values())
    assert engine.segment(text).strings(text) == engine.cut(text)
    assert JiebaSegmenter(mode="full").segment(text).strings(text) == engine.cut(text, mode="full")


def test_jieba_full_mode_through_the_pipeline(seed_texts: dict[str, str]) -> None:
    pipe = Pipeline(segment={"engine": "jieba", "mode": "full"}, clean=None, convert=None, extract=None,
                    entry_points=False)
    ref_pipe = Pipeline(segment={"engine": "jieba-ref", "mode": "full"}, clean=None, convert=None, extract=None,
                        entry_points=False)
    for text in [*SENTENCES, *seed_texts.values()]:
        expected = jieba.lcut(text, cut_all=True)
        assert pipe(text).words == expected
        assert ref_pipe(text).words == expected


def test_jieba_full_mode_tokens_overlap_and_may_be_empty(engine: JiebaSegmenter) -> None:
    text = "我爱北京天安门  ok"
    tokens = JiebaSegmenter(mode="full").segment(text)
    spans = list(zip(tokens.starts.tolist(), tokens.ends.tolist()))
    assert spans == [(0, 1), (1, 2), (2, 4), (4, 6), (4, 7), (7, 7), (7, 8), (8, 8), (8, 9), (9, 9), (9, 11)]
    assert tokens.strings(text) == jieba.lcut(text, cut_all=True)


def test_jieba_cut_without_separator_fallback(engine: JiebaSegmenter) -> None:
    # every separator the fast path could use occurs in the text: token strings are sliced instead
    text = "我爱北京\x00天安门\uffff大模型\U0010ffff发布\ufdd0了"
    assert engine.cut(text) == jieba.lcut(text)


@pytest.mark.parametrize(("hmm", "mode"), MODES)
def test_jieba_equal_on_both_sides_of_the_one_call_limit(engine: JiebaSegmenter, seed_texts: dict[str, str],
                                                         hmm: bool, mode: str) -> None:
    """Texts up to ``JOINED`` characters get their words from one kernel call (one string per
    distinct word above ``DISTINCT_FROM``), longer ones from the chunked path: all equal jieba, at
    the limits and around them."""
    from hanpipe.builtin.segment.jieba import DISTINCT_FROM, JOINED, JOINED_BUFFER

    text = "\n".join(seed_texts.values()) * 2
    for size in (1, 2, DISTINCT_FROM, DISTINCT_FROM + 1, JOINED_BUFFER + 1, JOINED - 1, JOINED, JOINED + 1):
        for start in (0, 1000, 5003):
            piece = text[start : start + size]
            words = engine.cut(piece, hmm=hmm, mode=mode)
            assert words == oracle(piece, hmm, mode), (size, start)
            if size > DISTINCT_FROM:
                assert len({id(w) for w in words}) == len(set(words)), (size, start)


def test_jieba_one_call_limit_raised_after_a_buffer_was_made(engine: JiebaSegmenter, seed_texts: dict[str, str],
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """The per-thread buffer serves the limit it was made for; a text above it gets a larger one."""
    from hanpipe.builtin.segment import jieba as engine_module

    size = 3 * engine_module.JOINED
    text = ("\n".join(seed_texts.values()) * (1 + size // 20000))[:size]
    assert engine.cut(text[:10]) == jieba.lcut(text[:10])  # this thread's buffer exists
    monkeypatch.setattr(engine_module, "JOINED", 4 * engine_module.JOINED)
    assert engine.cut(text) == jieba.lcut(text)
    assert engine.cut(text, mode="search") == jieba.lcut_for_search(text)


@pytest.mark.parametrize(
    "text",
    [
        "我爱北京\x00天安门",  # the first separator occurs: the next is used
        "\x00\uffff大模型\x00发布",  # the first two occur
        "\x00\uffff\U0010ffff南京市长江大桥",  # the first three occur
        "\x00",
        "\x00\x00 \x00",
        "大\ud800模型\udfff了",  # lone surrogates
        "𠀀𠀁字😀笑\U0010ffff",
    ],
)
@pytest.mark.parametrize(("hmm", "mode"), MODES)
def test_jieba_equal_with_separator_characters_in_the_text(engine: JiebaSegmenter, text: str, hmm: bool,
                                                          mode: str) -> None:
    assert engine.cut(text, hmm=hmm, mode=mode) == oracle(text, hmm, mode)


def test_jieba_cut_rejects_what_is_not_text(engine: JiebaSegmenter) -> None:
    from hanpipe.errors import InputError

    for value in (b"\xe4\xb8\xad", None, 12, ["中国"]):
        with pytest.raises(InputError, match="takes str"):
            engine.cut(value)  # type: ignore[arg-type]
    assert engine.cut("") == jieba.lcut("") == []


def test_jieba_options_changed_after_construction() -> None:
    """``hmm`` and ``mode`` set on an engine are checked, and cut follows them."""
    from hanpipe.errors import ConfigError

    text = "南京市长江大桥的研究生命起源，I love你"
    engine = JiebaSegmenter()
    engine.hmm = False
    assert engine.cut(text) == jieba.lcut(text, HMM=False)
    engine.mode = "search"
    assert engine.cut(text) == jieba.lcut_for_search(text, HMM=False)
    assert engine.cut(text, hmm=True) == jieba.lcut_for_search(text)
    engine.mode = "full"
    assert engine.cut(text) == jieba.lcut(text, cut_all=True)
    assert engine.cut(text, mode="default") == jieba.lcut(text, HMM=False)
    for name, value in (("hmm", 1), ("hmm", None), ("mode", "fast")):
        with pytest.raises(ConfigError):
            setattr(engine, name, value)
    assert (engine.hmm, engine.mode) == (False, "full")
    with pytest.raises(ConfigError, match="default mode only"):
        JiebaSegmenter(pos=True).mode = "search"


def test_jieba_lcut_aliases(engine: JiebaSegmenter) -> None:
    text = "南京市长江大桥的研究生命起源"
    assert engine.lcut(text) == jieba.lcut(text)
    assert engine.lcut(text, HMM=False) == jieba.lcut(text, HMM=False)
    assert engine.lcut_for_search(text) == jieba.lcut_for_search(text)
    assert engine.lcut(text, cut_all=True) == jieba.lcut(text, cut_all=True)


@settings(max_examples=80, deadline=None)
@given(text=TEXTS, chunk=st.integers(1, 12))
def test_jieba_equal_in_small_chunks(text: str, chunk: int) -> None:
    """Chunk ends fall after a character outside the blocks, never inside a token or a \\r\\n."""
    from hanpipe.builtin.segment import jieba as engine_module

    engine = _chunk_engine()
    saved = engine_module.CHUNK, engine_module.JOINED
    engine_module.CHUNK = chunk
    engine_module.JOINED = 0  # short texts too take the chunked path
    try:
        assert engine.cut(text) == jieba.lcut(text)
        assert engine.cut(text, mode="search") == jieba.lcut_for_search(text)
    finally:
        engine_module.CHUNK, engine_module.JOINED = saved


_ENGINE: list[JiebaSegmenter] = []


def _chunk_engine() -> JiebaSegmenter:
    if not _ENGINE:
        _ENGINE.append(JiebaSegmenter())
    return _ENGINE[0]


@pytest.mark.slow
def test_jieba_equal_long_text_across_chunks(engine: JiebaSegmenter, seed_texts: dict[str, str]) -> None:
    text = "\r\n".join(seed_texts.values()) * 7
    assert len(text) > 2 * 65536
    assert engine.cut(text) == jieba.lcut(text)


# -- segment(text): spans from one kernel call up to JOINED characters --------------------------


def offsets_oracle(text: str, hmm: bool, mode: str) -> list[tuple[int, int]]:
    """jieba's token spans: ``jieba.tokenize``; in full mode, which jieba gives no offsets, the plain-Python
    reference's pieces (whose strings the caller checks against ``jieba.lcut(text, cut_all=True)``)."""
    if mode == "full":
        jieba.dt.check_initialized()
        return [span for token in ref.full_spans(text, jieba.dt.FREQ) for span in token]
    return [(s, e) for _, s, e in jieba.tokenize(text, mode="search" if mode == "search" else "default", HMM=hmm)]


def assert_offsets_equal_jieba(engine: JiebaSegmenter, text: str, hmm: bool, mode: str) -> None:
    tokens = engine.segment(text)
    assert list(zip(tokens.starts.tolist(), tokens.ends.tolist())) == offsets_oracle(text, hmm, mode)
    assert tokens.strings(text) == oracle(text, hmm, mode)
    assert tokens.starts.dtype.name == "int32" and tokens.ends.dtype.name == "int32"
    assert tokens.tag_codes is None


@pytest.mark.parametrize(("hmm", "mode"), MODES)
def test_jieba_segment_offsets_equal_jieba_on_short_texts(seed_lines: list[str], hmm: bool, mode: str) -> None:
    engine = JiebaSegmenter(hmm=hmm, mode=mode)
    for text in [*SENTENCES, *seed_lines[::7], "", "中", "\r\n", " "]:
        assert_offsets_equal_jieba(engine, text, hmm, mode)


@pytest.mark.parametrize(("hmm", "mode"), MODES)
def test_jieba_segment_offsets_equal_jieba_around_the_one_call_limit(seed_texts: dict[str, str], hmm: bool,
                                                                     mode: str) -> None:
    """Up to ``JOINED`` characters one kernel call, above it the chunked path; the thread's buffer
    grows on the way (its first size, and one past it): all equal jieba."""
    from hanpipe.builtin.segment.jieba import JOINED, JOINED_BUFFER

    engine = JiebaSegmenter(hmm=hmm, mode=mode)
    text = "\n".join(seed_texts.values()) * 2
    for size in (1, 2, 67, JOINED_BUFFER, JOINED_BUFFER + 1, JOINED - 1, JOINED, JOINED + 1):
        for start in (0, 5003):
            assert_offsets_equal_jieba(engine, text[start : start + size], hmm, mode)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXTS)
def test_jieba_segment_offsets_equal_jieba_generated(text: str) -> None:
    for hmm, mode in ((True, "default"), (False, "default"), (True, "search"), (False, "search"), (True, "full")):
        assert_offsets_equal_jieba(_mode_engine(hmm, mode), text, hmm, mode)


@settings(max_examples=60, deadline=None)
@given(text=st.text(st.characters(codec=None, exclude_categories=()), max_size=40))
def test_jieba_segment_offsets_equal_jieba_any_code_points(text: str) -> None:
    # lone surrogates, astral characters, U+0000 and the other separators cut uses: spans need none
    assert_offsets_equal_jieba(_mode_engine(True, "default"), text, True, "default")
    assert_offsets_equal_jieba(_mode_engine(True, "full"), text, True, "full")


_MODE_ENGINES: dict[tuple[bool, str], JiebaSegmenter] = {}


def _mode_engine(hmm: bool, mode: str) -> JiebaSegmenter:
    if (hmm, mode) not in _MODE_ENGINES:
        _MODE_ENGINES[hmm, mode] = JiebaSegmenter(hmm=hmm, mode=mode)
    return _MODE_ENGINES[hmm, mode]


def test_jieba_segment_results_own_their_arrays(engine: JiebaSegmenter) -> None:
    """The spans are copied out of the thread's buffer: a later call, shorter or longer, leaves them be."""
    first_text = "南京市长江大桥的研究生命起源"
    first = engine.segment(first_text)
    spans = list(zip(first.starts.tolist(), first.ends.tolist()))
    assert spans == offsets_oracle(first_text, True, "default")
    for text in ("我爱北京天安门", "中" * 3000, "大模型" * 500):
        engine.segment(text)
        JiebaSegmenter(mode="search").segment(text)
    assert list(zip(first.starts.tolist(), first.ends.tolist())) == spans
    for a in (first.starts, first.ends):
        assert a.base is None and a.flags.c_contiguous and a.flags.writeable and a.shape == (len(spans),)


def test_jieba_segment_in_threads_equals_jieba(seed_texts: dict[str, str]) -> None:
    """Each thread has its own buffer: threads segmenting texts of many sizes at once get jieba's spans."""
    from concurrent.futures import ThreadPoolExecutor

    text = "\n".join(seed_texts.values())
    pieces = [text[i * 97 : i * 97 + size] for i, size in enumerate([5, 60, 300, 1500, 2500, 8000] * 6)]
    expected = [offsets_oracle(p, True, "default") for p in pieces]
    engine = JiebaSegmenter()

    def spans(piece: str) -> list[tuple[int, int]]:
        tokens = engine.segment(piece)
        return list(zip(tokens.starts.tolist(), tokens.ends.tolist()))

    with ThreadPoolExecutor(4) as pool:
        assert list(pool.map(spans, pieces)) == expected


def test_jieba_segment_pos_keeps_its_tags() -> None:
    """``pos=True`` keeps its own path: tagged tokens of ``jieba.posseg.lcut``."""
    import jieba.posseg

    text = "南京市长江大桥的研究生命起源，GPT-4发布了3.5%"
    tokens = JiebaSegmenter(pos=True).segment(text)
    assert tokens.tag_codes is not None
    assert list(zip(tokens.strings(text), tokens.tags())) == [tuple(p) for p in jieba.posseg.lcut(text)]
