"""Extractors ``email``, ``url`` and ``phone``.

Every pattern starts only where a run of its characters starts (a negative
look-behind) and consumes runs possessively, so no input makes it backtrack:
the scan is linear in the length of the text. The phone patterns have only
bounded quantifiers, so each start position costs a constant.

Contacts have the highest priority: digits inside an address or a phone
number are not numbers of their own.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ...batch import ExtractJoined
from ...document import Document, Entity
from ._runs import phone_runs

__all__ = ["EmailExtractor", "PhoneExtractor", "UrlExtractor", "email_matches", "url_matches"]

PRIORITY_CONTACT = 100

_EMAIL = regex.compile(r"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9._%+\-]++@[A-Za-z0-9\-]++(?:\.[A-Za-z0-9\-]++)++")
_URL = regex.compile(r"(?<![A-Za-z0-9])(?:[Hh][Tt][Tt][Pp][Ss]?://|www\.)[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]++")
#: an address's local part, read backwards from its ``@`` (where every address is looked for)
_LOCAL_BACK = regex.compile(r"(?r)[A-Za-z0-9._%+\-]++")
_SEP = r"[ \-]?"
_PLUS = r"(?:\+|＋|00)"
#: a mainland area code without its 0: 10 (Beijing), 2x, or three digits from 3xx to 9xx
_AREA = r"(?:10|2\d|[3-9]\d\d)"
_PHONE = regex.compile(
    r"(?<![\d+＋])"
    r"(?:"
    # mainland mobile, 400/800 service numbers
    rf"(?P<cc>{_PLUS}86{_SEP})?(?P<mobile>1[3-9]\d{_SEP}\d{{4}}{_SEP}\d{{4}})"
    rf"|(?P<free>[48]00{_SEP}\d{{3}}{_SEP}\d{{4}})"
    # Hong Kong (852) and Macau (853): eight digits after the country code
    rf"|(?:{_PLUS}(?P<hk>85[23])|[(（]{_PLUS}?(?P<hkb>85[23])[)）]){_SEP}(?P<hklocal>\d{{4}}{_SEP}\d{{4}})"
    # Taiwan (886): mobiles 09xx, landlines with a one-digit area code
    rf"|{_PLUS}886{_SEP}0?(?P<twmi>9\d{{2}}{_SEP}\d{{3}}{_SEP}\d{{3}})"
    rf"|{_PLUS}886{_SEP}(?:\(0?(?P<twai>[2-8])\)|0?(?P<twaj>[2-8])){_SEP}(?P<twli>[2-9]\d{{2,3}}{_SEP}\d{{4}})"
    r"|(?P<twm>09\d{2}(?P<twsep>[ \-]?)\d{3}(?P=twsep)\d{3})"
    rf"|(?:[(（]0(?P<twa>[2-8])[)）] ?|0(?P<twad>[2-8])-)(?P<twl>[1-9]\d{{2,3}}{_SEP}\d{{4}})"
    # mainland landlines: area code (in brackets, or +86 without its 0), local number of 7 or 8 digits
    rf"|{_PLUS}86{_SEP}[(（]?(?P<cnai>{_AREA})[)）]?{_SEP}(?P<cnli>[2-9]\d{{2,3}}{_SEP}\d{{4}})"
    rf"|(?P<area>[(（]0{_AREA}[)）]|0{_AREA}){_SEP}(?P<local>[2-9]\d{{2,3}}{_SEP}\d{{4}})"
    r")(?!\d)"
)
#: a label that says the number after it is a phone (服务热线, 举报电话, 客服, Tel), or a fax line,
#: ending where the number begins
_LABEL_BEFORE = regex.compile(
    r"(?:(?P<fax>传真|傳真|[Ff]ax|FAX)|电话|電話|热线|熱線|专线|專線|客服|拨打|撥打|致电|致電"
    r"|[Tt]el|TEL|[Pp]hone|PHONE|[Hh]otline|HOTLINE)(?:号码|號碼|号|號)?[.:：]? ?\Z"
)
#: the last character of every label: a run after any other is no short number
_LABEL_LAST = frozenset("话話线線服打电電真xXlLeE码碼号號.:： ")
#: a short service number (95588, 12321, 10086, 110, 999): three to eight digits that begin
#: with 1 or 9, not followed by a digit (nor a space and four digits: 1234 5678 is some
#: longer number), a decimal, a percent sign, a dash or a masked digit (138****5678 is a mobile)
_SHORT = regex.compile(r"(?P<short>1\d{2,4}|9\d{2,7})(?!\d| \d{4}|[.,．]\d|[%％\-*＊xX])")
#: another short number after one: 110或120, 12345、12315
_SHORT_NEXT = regex.compile(r"(?:或|和|及|、|/|，|, ?)(?P<short>1\d{2,4}|9\d{2,7})(?!\d|[.,．]\d|[%％\-*＊xX])")
#: a local number of eight digits with no area or country code, right after a phone label
#: (電話：2345 6789, Tel: 9123-4567, 电话：62345678): Hong Kong, Macau, or a mainland or Taiwan
#: landline whose area code is not written; in one piece it begins with 2 to 8 (95105588 is a
#: service number)
_LOCAL = regex.compile(r"(?:[2-9]\d{3}[ \-]\d{4}|[2-8]\d{7})(?! ?\d|[\-.．,]\d)")
_LOCAL_NEXT = regex.compile(rf"(?:或|和|及|、|/|，|, ?)(?P<local>{_LOCAL.pattern})")
#: a mainland area code and a "local number" beginning with 0 or 1, which no local number does
#: (传真：021-12345678): a phone written wrong, or not a phone
_BAD_LOCAL = regex.compile(rf"(?:[(（]0{_AREA}[)）]|0{_AREA}){_SEP}[01]\d{{2,3}}{_SEP}\d{{4}}(?!\d)")
#: a fax label right before a phone number (传真：, Fax: , 傳真號碼 )
_FAX_BEFORE = regex.compile(r"(?:传真|傳真|[Ff]ax|FAX)(?:号码|號碼|号|號)?[.:：]? ?\Z")
#: Han characters that may follow a short service number (95588转2, 12345或110): anything else
#: makes the digits a count or an amount (客服：100人)
_AFTER_SHORT = frozenset("转轉或和及与與进進查拨撥咨諮投举舉（")
_URL_TRAILING = ".,;:!?'\")]"


def email_matches(text: str) -> Iterator[regex.Match[str]]:
    """The matches of the address pattern, as ``finditer`` gives them, looked for only at each ``@``.

    An address starts where the run of local-part characters before its
    ``@`` starts; a run that begins inside the last address holds none (its
    start would follow a local-part character). Each run is read back at
    most once: it ends at an ``@``, which no run holds.
    """
    end = 0
    at = text.find("@")
    while at >= 0:
        run = _LOCAL_BACK.match(text, 0, at)
        if run is not None and run.start() >= end:
            m = _EMAIL.match(text, run.start())
            if m is not None:
                yield m
                end = m.end()
        at = text.find("@", max(at + 1, end))


def url_matches(text: str) -> Iterator[regex.Match[str]]:
    """The matches of the URL pattern, as ``finditer`` gives them, looked for only where a URL can begin:
    ``www.``, and four or five characters before ``://``."""
    starts: list[int] = []
    for mark, back in (("://", (5, 4)), ("www.", (0,))):
        at = text.find(mark)
        while at >= 0:
            starts.extend(at - k for k in back if at >= k)
            at = text.find(mark, at + 1)
    end = 0
    for start in sorted(starts):
        if start >= end:
            m = _URL.match(text, start)
            if m is not None:
                yield m
                end = m.end()


class EmailExtractor(ExtractJoined):
    """E-mail addresses; the value is the address in lower case."""

    name = "email"
    priority = PRIORITY_CONTACT

    def extract(self, doc: Document) -> Iterator[Entity] | list[Entity]:
        if "@" not in doc.text:  # every address has one: no pattern search
            return []
        return self._found(doc.text)

    @staticmethod
    def _found(text: str) -> Iterator[Entity]:
        for m in email_matches(text):
            address = m.group()
            tld = address.rsplit(".", 1)[1]
            if len(tld) < 2 or not tld.isalpha() or address.startswith("."):
                continue
            yield Entity("email", m.start(), m.end(), address, value=address.lower())


class UrlExtractor(ExtractJoined):
    """http(s) and www. URLs; trailing sentence punctuation is not part of them."""

    name = "url"
    priority = PRIORITY_CONTACT

    def extract(self, doc: Document) -> Iterator[Entity] | list[Entity]:
        text = doc.text
        if "://" not in text and "www." not in text:  # every URL has one: no pattern search
            return []
        return self._found(text)

    @staticmethod
    def _found(text: str) -> Iterator[Entity]:
        for m in url_matches(text):
            url = m.group().rstrip(_URL_TRAILING)
            if url.count("(") > url.count(")"):
                url = url[: url.index("(")] if "(" in url else url
            if len(url) <= len("www.") or url.endswith("://"):
                continue
            value = url if "://" in url else "http://" + url
            yield Entity("url", m.start(), m.start() + len(url), url, value=value)


class PhoneExtractor(ExtractJoined):
    """Phone numbers of mainland China, Taiwan, Hong Kong and Macau.

    Mainland mobiles (+86 or not, spaces or dashes), 400/800 service numbers,
    landlines with their area code (``010-6552 1234``, ``(010)62345678``,
    ``+86 10 6552 1234``); Taiwan landlines with a bracketed or dashed area code
    (``(02)2712-3456``, ``02-2712-3456``, ``+886 2 2712 3456``) and mobiles
    (``0912-345-678``); Hong Kong and Macau numbers after their country code
    (``(852) 2888 1234``, ``+853 2888 1234``).

    The value is the digits: ``15600572229``, ``4008001234``; a landline is its
    area code, a dash and the local number (``010-65521234``, ``02-27123456``);
    Hong Kong and Macau numbers keep their country code (``+852-28881234``).
    ``attrs["type"]`` is ``mobile``, ``landline`` or ``service``;
    ``attrs["region"]`` is ``CN``, ``TW``, ``HK`` or ``MO``.

    Short service numbers are phones only after a phone label (服务热线：95588,
    举报电话：12321, 拨打110或120, Tel: 999): three to eight digits beginning with 1 or 9,
    not followed by a Han character that makes them a count (客服：100人), a decimal, a
    percent sign or a dash. Their type is ``service``; their region is ``CN`` only for
    the mainland prefixes 95, 96, 12 and 100 with five digits or more (110 is also
    Taiwan's, 999 Hong Kong's). A number right after a fax label (传真, 傳真, Fax) has
    ``attrs["fax"] = True``.

    Eight digits with no area or country code are a phone only right after a phone label
    (電話：2345 6789, Tel: 9123-4567, 电话：62345678, and those listed after it): Hong Kong,
    Macau, or a landline of the mainland or Taiwan without its area code, so the type is
    ``local`` and there is no region; without a label (2345 6789) they are numbers. After a
    label, a mainland area code before a "local number" beginning with 0 or 1 (传真：
    021-12345678), which no local number does, is a ``landline`` with ``attrs["invalid"]``:
    a digit is wrong or missing, and the area code is no quantity.
    """

    name = "phone"
    priority = PRIORITY_CONTACT

    def extract(self, doc: Document) -> list[Entity]:
        text = doc.text
        found: list[Entity] = []
        last = 0
        shorts_end = 0
        label_last = _LABEL_LAST
        # the patterns below only look inside the runs where phone numbers lie (``_runs.PATTERN``), or at their start
        for start, end in phone_runs(doc.code_points):
            if end - start < 7:  # too short for a phone number: maybe a short one after a label
                if start >= shorts_end and start and text[start - 1] in label_last:
                    shorts_end = self._short(text, start, found, shorts_end)
                last = end
                continue
            before = len(found)
            begin = start
            while begin > last and text[begin - 1] in "(（+＋":  # (852) 2888 1234, +852 ...
                begin -= 1
            found.extend(self._read(text, begin, end))
            last = end
            if begin >= shorts_end and begin and text[begin - 1] in label_last:
                if len(found) == before or found[before].start > start:
                    shorts_end = self._short(text, begin, found, shorts_end, at=before)
        return found

    @staticmethod
    def _short(text: str, start: int, found: list[Entity], shorts_end: int, at: int | None = None) -> int:
        """Put the short numbers at ``start`` into ``found`` (at index ``at``, else at the end)
        when a phone label ends there; returns where the last one ends."""
        label = _LABEL_BEFORE.search(text, max(0, start - 12), start)  # Hotline号码: 11
        if label is None:
            return shorts_end
        shorts = _labelled(text, start, bool(label["fax"]))
        if not shorts:
            shorts = list(_shorts(text, start, bool(label["fax"])))
        if not shorts:
            return shorts_end
        if at is None:
            found.extend(shorts)
        else:
            found[at:at] = shorts
        return shorts[-1].end

    def _read(self, text: str, start: int, end: int) -> Iterator[Entity]:
        for m in _PHONE.finditer(text, start, end):
            value, kind, region = _phone(m)
            attrs: dict[str, object] = {"type": kind, "region": region}
            if _FAX_BEFORE.search(text, max(0, m.start() - 8), m.start()):
                attrs["fax"] = True
            yield Entity("phone", m.start(), m.end(), m.group(), value=value, attrs=attrs)


def _labelled(text: str, start: int, fax: bool) -> list[Entity]:
    """A number at ``start`` right after a phone label that is a phone only there: eight digits
    with no area code (``type`` ``local``, no region: Hong Kong, Macau, or a landline of the
    mainland or Taiwan), or a mainland area code before a local number that begins with 0 or 1
    (``landline``, ``invalid``: a digit is wrong or missing); else none."""
    attrs: dict[str, object] = {}
    m = _LOCAL.match(text, start)
    if m is not None:
        value = _digits(m.group())
        attrs["type"] = "local"
    else:
        m = _BAD_LOCAL.match(text, start)
        if m is None:
            return []
        digits = _digits(m.group())
        cut = 3 if digits.startswith(("01", "02")) else 4
        value = f"{digits[:cut]}-{digits[cut:]}"
        attrs.update(type="landline", region="CN", invalid=True)
    if fax:
        attrs["fax"] = True
    found = [Entity("phone", m.start(), m.end(), m.group(), value=value, attrs=attrs)]
    if attrs["type"] == "local":  # 電話：2345 6789、2345 6790
        while (m := _LOCAL_NEXT.match(text, m.end())) is not None:
            found.append(
                Entity("phone", m.start("local"), m.end(), m["local"], value=_digits(m["local"]), attrs=dict(attrs))
            )
    return found


def _shorts(text: str, start: int, fax: bool) -> Iterator[Entity]:
    """The short service number at ``start``, right after a phone label (服务热线：95588,
    举报电话：12321, 拨打110), and those listed after it (拨打110或120, 热线12345、12315)."""
    m = _SHORT.match(text, start)
    while m is not None:
        after = text[m.end() : m.end() + 1]
        if after and "\u4e00" <= after <= "\u9fff" and after not in _AFTER_SHORT:
            break  # 客服：100人
        digits = m["short"]
        attrs: dict[str, object] = {"type": "service"}
        if digits.startswith(("95", "96", "12", "100")) and len(digits) >= 5:
            attrs["region"] = "CN"  # mainland service prefixes (95588, 12321, 10086)
        if fax:
            attrs["fax"] = True
        yield Entity("phone", m.start("short"), m.end(), digits, value=digits, attrs=attrs)
        m = _SHORT_NEXT.match(text, m.end())


def _phone(m: regex.Match[str]) -> tuple[str, str, str]:
    """``(value, type, region)`` of one match of ``_PHONE``."""
    if m["mobile"]:
        return _digits(m["mobile"]), "mobile", "CN"
    if m["free"]:
        return _digits(m["free"]), "service", "CN"
    code = m["hk"] or m["hkb"]
    if code:
        local = _digits(m["hklocal"])
        region = "HK" if code == "852" else "MO"
        mobile = local[0] in ("5", "6", "9") if region == "HK" else local[0] == "6"
        return f"+{code}-{local}", "mobile" if mobile else "landline", region
    tw_mobile = m["twmi"] or m["twm"]
    if tw_mobile:
        return "0" + _digits(tw_mobile).removeprefix("0"), "mobile", "TW"
    tw_area = m["twai"] or m["twaj"] or m["twa"] or m["twad"]
    if tw_area:
        return f"0{tw_area}-{_digits(m['twli'] or m['twl'])}", "landline", "TW"
    if m["cnai"]:
        return f"0{m['cnai']}-{_digits(m['cnli'])}", "landline", "CN"
    return f"{_digits(m['area'])}-{_digits(m['local'])}", "landline", "CN"


def _digits(s: str) -> str:
    return "".join(ch for ch in s if ch.isdigit())
