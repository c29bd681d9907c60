"""Extract stage: typed entities with offsets.

Every kind is an extractor registered through ``hanpipe_register_extractors``;
``extract=[...]`` in the pipeline configuration picks them. Where entities
overlap, the higher ``priority`` wins (contacts 100 > time 55 > date 50 >
money, percent 40 > quantity 30 > number 10; keywords take no part).

==========  ===================================  ==========  ==========================================
kind        value                                unit        attrs
==========  ===================================  ==========  ==========================================
number      int, float, or Decimal (exact)       —           approx, qualifier; low/high for ranges;
                                                             numerator/denominator for fractions
percent     fraction (85% → 0.85)                pp for      approx, qualifier, low/high
                                                 百分点, bp
                                                 for 基点
money       amount in the currency               ISO code    approx, qualifier, low/high
quantity    the number                           the word    approx, qualifier, low/high, duration (ISO);
                                                 as written  symbol (normalized: GHz, kg, °C, mL)
date        ISO 8601 (2023-09-22, --09-22, 2023,  —           range; relative, offset_days, offset_weeks,
            2024-W12 for 下周, 2023/2024 for                  offset_months, offset_years, weekday,
            2023-24赛季)                                       month, day, part, invalid; era, approx
time        ISO 8601 (13:21:01, 2023-05-20T…,     —
            下午三点 → 15:00)
email, url  normalised address                   —
phone       digits (15600572229, 010-62345678,   —           type: mobile, landline, service, local
            02-27123456, +852-28881234, 95588)               (8 digits after a label, no region);
                                                             region: CN, TW, HK, MO; fax; invalid
keyword     TF-IDF (or TextRank) weight          —           rank, count, method; span: first occurrence
==========  ===================================  ==========  ==========================================

A range's value is its low end. Money in yuan takes the jiao and fen after
it (六十四万零一百四十三元一角七分 → 640143.17, 三块五 → 3.5, 三块五毛二 → 3.52,
9块9包邮 → 9.9, 一元五角二分 → 1.52), and jiao alone is money (八毛 → 0.8); pay in k and w is
money beside a word of pay (月薪8-12K → 8,000 to 12,000, 月入2W → 20,000). 100多万 is
1000000 (approx), 3万5 is 35000, 12.5×10^9 is 12500000000; two neighbouring digits are a range
(二十四五岁 24–25, 一百二三十人 120–130, 三千五六百元 3500–3600), and so are two ends below zero
(-8~-2℃, 零下8到零下2度); a full-width comma is no thousands separator. Hundredths follow 秒 and 米 in
results (9秒83 is 9.83 秒, 一米七五 1.75 米), and a count in two units before 前 or 后 is one offset
(3年6个月后: 42 months). Chinese clock
times need minutes, 半, 刻 or 整, or a day-part word (下午三点, 八点半,
3点15分); a bare 三点 is not a time, but an hour with 时 after a date's day or past 12 is
(1月21日16时, 20时起, 8时至20时), and so is midnight (0点). Numbers glued to Latin letters (GPT-4,
H100), ordinals and the numerals their range or list adds (第六届, 第3-5页, 第一、二名),
codes (digit groups joined by dashes that cannot be a range: 021-12345678,
978-7-111-54742-6, 3-1; or by a slash: 2/3 (80/120元 is two amounts); a run of three digits or more
that begins with 0: 000001; a date reads its groups all the same), idioms and
words (一蹴而就, 千行百业, 十分, 万一; the four-character idioms of jieba's dictionary that hold a
numeral, and names of places and brands, :mod:`.idioms`: 七零八落, 十万火急, 胡说八道; 三元里,
五台山, 十三陵), a model's name (歼-20, 东风-41), tiers (一二线城市, 二三等奖), the
article 一 (一个), vague amounts (数十, 几百) and a table's unit header (单位：百万元, （千元）) are not
numbers; nor is a score a range or a time (比分2-3 and 以98-102不敌 are codes; 比分21:19 and
3:1战胜 two numbers), nor a ratio a time (师生比1:14), nor an index's name a count (沪深300), nor
a decimal whose digits are not said (零点几秒), nor a number in the name of a book or film (《长安三万里》,
《1984》), nor a month or a relative date in one (《十月围城》, 《明天会更好》; a title's year is read).
A financial digit
(壹贰叁叄參参肆伍陆陸柒捌玖) goes on a numeral only where the numeral already has a
financial digit or unit (壹佰參拾) or a unit or 元, 圆, 角, 分 follows the digit (3億參仟萬,
五十伍元); after ordinary numerals it begins a word and is not read, nor does a number begin
at it (3億參數 is 3億, 五十參加 is 五十, 十叁个 is nothing). Nor does a numeral begin at a
financial character that none follows, nor 万, 亿, 零, a unit of money, 整, a mark of a date or a
measure word other than 家, 级 and 小: it is a word's or a name's (陆家嘴, 陆小凤, 拾级; 收拾一百间 is
一百间, not 拾一), while 叁件 and 伍箱 stay counts. 参, which OpenCC's t2s writes for 參, goes on a
numeral as a financial 3 (3億參仟萬 is 330000000 converted too) and begins none (人参, 海参万元). A decade
(90年代, 八十年代, 1990年代) is neither a duration nor a year: its numeral is a number. 成 is no
measure word: 三成 is a percent (30 %) where it is tenths, and no quantity anywhere.

The numeric extractors (number, percent, money, quantity, date, time) share
one number scan per document: each asks the document for it,
``doc.view(number_scan)`` (see :mod:`.numerals`), and date and time share
``doc.view(dates_and_times)`` as well, so the number kernel runs once per document.
A scan of a few rows (``numerals.ROW_BY_ROW``) is read row by row in Python, a longer one
(a batch's) with array tests over its columns; both ways are tested to give the same entities.

The extractors register as references: a module (and numba) is imported
when a pipeline builds its extractor.
"""

from __future__ import annotations

from ...hookspecs import EngineRef, Register, hookimpl

__all__ = ["ENGINES", "hanpipe_register_extractors"]

#: this stage's built-in engines
ENGINES: tuple[EngineRef, ...] = (
    EngineRef("number", "hanpipe.builtin.extract.numbers:NumberExtractor"),
    EngineRef("percent", "hanpipe.builtin.extract.numbers:PercentExtractor"),
    EngineRef("money", "hanpipe.builtin.extract.numbers:MoneyExtractor"),
    EngineRef("quantity", "hanpipe.builtin.extract.numbers:QuantityExtractor"),
    EngineRef("date", "hanpipe.builtin.extract.dates:DateExtractor"),
    EngineRef("time", "hanpipe.builtin.extract.dates:TimeExtractor"),
    EngineRef("email", "hanpipe.builtin.extract.contacts:EmailExtractor"),
    EngineRef("url", "hanpipe.builtin.extract.contacts:UrlExtractor"),
    EngineRef("phone", "hanpipe.builtin.extract.contacts:PhoneExtractor"),
    EngineRef("keyword", "hanpipe.builtin.extract.keywords:KeywordExtractor"),
)


@hookimpl
def hanpipe_register_extractors(register: Register) -> None:
    for ref in ENGINES:
        register(ref)
