"""The line rules of the ``webclean`` pass: phrase tables and one classifier per line.

Every rule reads one line a bounded number of times (``in``, ``startswith``,
``endswith``, ``find`` of fixed phrases, and one anchored pattern without
nested repetition on lines of at most 40 characters), and most only run on
short lines, so the pass costs time in proportion to the text.

Lines are folded before they are matched: Traditional forms of the
characters in the phrase tables become Simplified (so ``責任編輯`` reads as
``责任编辑``), full-width ``：`` ``＞`` ``｜`` become ASCII, and ASCII letters
are lowered. The folding is for matching only; the text is never changed
except by removing whole lines.
"""

from __future__ import annotations

import re

#: Traditional (and variant) forms of the characters in the phrase tables below, and their Simplified forms:
#: the characters where OpenCC's s2t, s2tw and s2hk change a phrase (the tests check that every phrase folds back)
_TRADITIONAL = (
    "嚴個爲為舉習書買僅們儲關興內冊擊刪別製賣發臺號員圖場聲處複實審對導佈開張歸當錄擴掃報擔據攝時權來構標欄覈歡註濟"
    "瀏點熱現電監碼籤簡繫糾線經絕維編網聯薦觀覽議訊記許論評訴話請讀謝財責資賞贊讚轉載輯違郵鄭鏈錯門閉間聞閱閲險頁頂顧頻風饋衆眾進"
)
_SIMPLIFIED = (
    "严个为为举习书买仅们储关兴内册击删别制卖发台号员图场声处复实审对导布开张归当录扩扫报担据摄时权来构标栏核欢注济"
    "浏点热现电监码签简系纠线经绝维编网联荐观览议讯记许论评诉话请读谢财责资赏赞赞转载辑违邮郑链错门闭间闻阅阅险页顶顾频风馈众众进"
)
FOLD = str.maketrans(
    {
        **dict(zip(_TRADITIONAL, _SIMPLIFIED)),
        "：": ":", "＞": ">", "›": ">", "»": ">", "｜": "|", "（": "(", "）": ")",
        "\u3000": " ", "\xa0": " ", "\t": " ",
    }
)

#: a sentence ends here: a line ending so is prose, not a title, a label or a button
SENTENCE_END = ("。", "！", "!", "；", ";")

#: lines that are only a button or a link of the page frame
UI_LINES = frozenset(
    {
        "点击关闭", "关闭", "展开", "展开全文", "收起", "阅读全文", "查看全文", "全文", "返回顶部", "回到顶部",
        "返回首页", "返回列表", "返回", "赞助本站", "打赏", "赞赏", "点赞", "收藏", "评论", "我要评论",
        "发表评论", "查看评论", "加载更多", "查看更多", "点击加载更多", "更多", "打印", "打印本页", "分享",
        "分享到", "复制链接", "关注我们", "纠错", "我要纠错", "登录", "注册", "字号", "字号:大中小",
        "微信", "微博", "qq空间", "朋友圈", "扫码关注", "下载app", "打开app", "app内打开", "上一篇", "下一篇",
        "上一页", "下一页", "举报", "我要举报", "投诉", "我要投诉",
    }
)
NAV_PREFIXES = ("上一篇", "下一篇", "上一页", "下一页")

SHARE_VERBS = ("分享到", "分享至", "转发到", "转发至")
SHARE_TARGETS = ("微信", "朋友圈", "微博", "qq", "空间", "豆瓣", "facebook", "twitter", "好友")
#: what a page asks you to scan a code for (a shop's "扫一扫付款" is not furniture)
SCAN_WORDS = ("分享", "网页", "本页", "本文", "文章", "朋友圈", "关注", "公众号", "阅读", "下载")

HOME = frozenset({"首页", "主页", "网站首页", "本站首页", "home", "首页频道"})
POSITION_LABELS = ("您现在的位置", "您当前的位置", "您的位置", "当前位置", "所在位置", "位置")

TEASER_LABELS = ("导读", "摘要", "内容提要", "核心提示", "提要", "简介")
ELLIPSES = ("...", "…", "。。。")

DISCLAIMER_STARTS = ("免责声明", "特别声明", "郑重声明", "声明:")
DISCLAIMER_PHRASES = (
    "不代表本站立场", "不代表本网立场", "不代表本站观点", "不代表本网观点", "不代表本平台",
    "仅代表作者本人", "仅代表作者个人", "不作买卖依据", "不构成投资建议", "据此操作风险自担",
    "本站仅提供信息存储空间", "不承担相关法律责任",
)

COPYRIGHT_PHRASES = ("版权所有", "版权归", "all rights reserved", "copyright", "©")
REPRINT_PHRASES = ("转载请注明", "如需转载", "禁止转载", "谢绝转载", "如若转载", "严禁转载")
UNAUTHORISED = ("未经授权", "未经许可", "未经允许", "未经书面")

#: where to send a complaint: only with a colon after it ("投诉热线:156..."), so prose about a hotline stays
REPORT_CONTACTS = (
    "投诉热线:", "投诉邮箱:", "投诉电话:", "举报电话:", "举报邮箱:", "举报热线:", "不良信息举报", "举报中心:",
)
#: notices that a page removes content on complaint
REPORT_NOTICES = ("如若内容造成侵权", "如有侵权", "侵权请联系", "侵删", "进行投诉反馈")

#: people credited for the page: "责任编辑:张三", "每经记者:李四"
EDITOR_LABELS = (
    "责任编辑", "责编", "编辑", "主编", "记者", "作者", "撰文", "撰稿", "通讯员", "实习生", "校对", "审核",
    "审校", "监制", "编审", "摄影", "摄像",
)
#: where the page says its text or image came from
SOURCE_LABELS = ("文章来源", "本文来源", "新闻来源", "稿件来源", "稿源", "来源", "出处", "图片来源", "图源")
IMAGE_CREDITS = ("图片来源", "图源:", "图片来自")
#: publication details: two of them, each with a colon, make a byline
META_LABELS = (
    "发布日期", "发布时间", "发表时间", "更新时间", "时间", "日期", "浏览", "阅读", "点击", "作者", "编辑",
    "来源", "字号", "评论",
)

#: link-farm headings: a short line holding one of these starts a block of links
HEADINGS = (
    "相关文章", "相关阅读", "相关新闻", "相关内容", "相关推荐", "相关链接", "推荐阅读", "延伸阅读", "扩展阅读",
    "热门文章", "热门推荐", "热门阅读", "热门栏目", "热门标签", "热门新闻", "热点推荐", "热点文章", "精彩推荐",
    "猜你喜欢", "最新文章", "最新资讯", "往期回顾", "往期推荐", "阅读排行", "点击排行", "为您推荐", "更多阅读",
    "你可能感兴趣", "您可能感兴趣",
)
HEADING_ENDS = ("最热", "热读", "排行", "排行榜")

#: a page's dateline ends the line: "第一财经2023-07-26 16:00:55"; only tried on lines of <= 40 characters
_DATELINE = re.compile(r"\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日? ?\d{1,2}:\d{2}(?::\d{2})?$")
DATELINE_MAX = 40


def fold(line: str) -> str:
    """``line`` stripped, with the phrase tables' Traditional characters and full-width marks folded."""
    return line.strip().translate(FOLD).lower()


def _after(s: str, label: str, limit: int) -> str | None:
    """The text after ``label:`` when the label starts within the first ``limit`` characters, else None."""
    at = s.find(label, 0, limit + len(label))
    if at < 0 or at > limit:
        return None
    rest = s[at + len(label) :]
    if rest.startswith(":"):
        return rest[1:].strip()
    return None


def _credit(s: str) -> str | None:
    n = len(s)
    if n > 80:
        return None
    labels = sum(1 for label in META_LABELS if label + ":" in s)
    if labels >= 2:
        return "credit"
    if n > 60:
        return None
    if any(c in s for c in IMAGE_CREDITS):
        return "credit"
    for kind, table in (("editor", EDITOR_LABELS), ("credit", SOURCE_LABELS)):
        for label in table:
            value = _after(s, label, 4)
            if value is None:
                continue
            # a credit names someone or somewhere: short, not a sentence, not a question to someone
            if value and len(value) <= 20 and not value.endswith((*SENTENCE_END, "?", "？")):
                return kind
    if n <= DATELINE_MAX:
        m = _DATELINE.search(s)
        # the name of a paper or a site before the date; a labelled date ("会议时间:") is the article's
        if m and m.start() <= 12 and not any(p in s[: m.start()] for p in "，,。；;:!！?？"):
            return "credit"
    return None


def _breadcrumb(s: str) -> bool:
    if len(s) > 100 or ">" not in s:
        return False
    labelled = False
    for label in POSITION_LABELS:
        if s.startswith(label):
            rest = s[len(label) :].lstrip()
            if rest.startswith(":"):
                s, labelled = rest[1:], True
                break
    parts = [p.strip() for p in s.split(">")]
    parts = [p for p in parts if p]
    if len(parts) < 2 or any(len(p) > 20 for p in parts):
        return False
    return labelled or parts[0] in HOME


def classify(s: str) -> str | None:
    """The kind of furniture the folded line ``s`` is, or None for text of the article."""
    n = len(s)
    if n == 0:
        return None
    bare = s.rstrip(":>| ")
    if n <= 12 and bare in UI_LINES:
        return "report" if ("举报" in bare or "投诉" in bare) else "ui"
    if n <= 60 and s.startswith(NAV_PREFIXES) and s[3:4] in ("", ":", " "):
        return "ui"
    if n <= 60 and (
        s.startswith(("打开微信", *SHARE_VERBS))
        or ("扫一扫" in s and any(w in s for w in SCAN_WORDS))
        or (n <= 20 and any(v in s for v in SHARE_VERBS) and any(t in s for t in SHARE_TARGETS))
        or (n <= 30 and ("扫码" in s or "扫描二维码" in s) and any(w in s for w in SCAN_WORDS))
    ):
        return "share"
    if _breadcrumb(s):
        return "breadcrumb"
    if s.startswith(TEASER_LABELS) and s.endswith(ELLIPSES):
        label = next(t for t in TEASER_LABELS if s.startswith(t))
        if s[len(label) : len(label) + 1] in (":", "】", "]"):
            return "teaser"
    if n <= 400 and (s.startswith(DISCLAIMER_STARTS) or any(p in s for p in DISCLAIMER_PHRASES)):
        return "disclaimer"
    if n <= 120 and any(p in s for p in COPYRIGHT_PHRASES) and "版权所有人" not in s and "版权所有者" not in s:
        return "copyright"
    if n <= 300 and (any(p in s for p in REPRINT_PHRASES) or (any(p in s for p in UNAUTHORISED) and "转载" in s)):
        return "copyright"
    if n <= 300 and (any(p in s for p in REPORT_CONTACTS) or any(p in s for p in REPORT_NOTICES)):
        return "report"
    return _credit(s)


def is_heading(s: str) -> bool:
    """Whether the folded line ``s`` is a heading that a block of links follows: "相关文章", "一财最热"."""
    if not 2 <= len(s) <= 20 or s.endswith(SENTENCE_END):
        return False
    return any(h in s for h in HEADINGS) or s.endswith(HEADING_ENDS)


def is_link_line(s: str) -> bool:
    """Whether the folded line ``s`` may stand in a block of links: a title, or a teaser cut off with an ellipsis."""
    if s.endswith(ELLIPSES):
        return True
    return len(s) <= 80 and not s.endswith(SENTENCE_END)


def is_short_label(s: str) -> bool:
    """A line short enough to be a site name or a button just above a block of links: "每日经济新闻", "赞助本站"."""
    return 0 < len(s) <= 16 and not s.endswith((*SENTENCE_END, "，", ",", ":", "?", "？"))
