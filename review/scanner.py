"""Automatic checks before publication (regulation.md §3): personal data, secrecy markings, sensitive words.

Each hit says what it is, where it is (title, summary, body or an attachment) and the masked text to put in
its place. Numbers that only look like personal data — index numbers, document numbers, dates, credit codes,
amounts, landlines, contract numbers — are not hits: bench/scanner.py measures that on a labelled corpus.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db import models


class HitKind(models.TextChoices):
    ID_NUMBER = "id_number", "身份证号码"
    MOBILE = "mobile", "手机号码"
    BANK_CARD = "bank_card", "银行卡号"
    ADDRESS = "address", "详细住址"
    SECRECY_MARK = "secrecy_mark", "密级或内部标识"
    SENSITIVE_WORD = "sensitive_word", "敏感词"
    UNREAD = "unread", "未能读出文字（扫描件等），须两人人工核对"
    WORDING = "wording", "错别字"
    LEADER_TITLE = "leader_title", "领导姓名与职务不符"
    INTERPRETATION = "interpretation", "未同步提交政策解读（三同步）"


PERSONAL_KINDS = {HitKind.ID_NUMBER, HitKind.MOBILE, HitKind.BANK_CARD, HitKind.ADDRESS}


@dataclass(frozen=True)
class Hit:
    kind: HitKind
    source: str  # "title", "summary", "body" or "attachment:<name>"
    start: int
    end: int
    text: str
    masked: str

    @property
    def context_key(self) -> str:
        """Identifies the hit across scans of the same text (for overrides)."""
        return f"{self.kind}:{self.source}:{self.text}"


# -- Width normalisation ----------------------------------------------------------------------------------
def _width_table() -> dict[int, str]:
    """NFKC for the characters the patterns read: full-width digits and letters, spaces and dashes.

    Each maps to one character, so an offset in the normalised text is the offset in the original. Other
    full-width punctuation (，：（) keeps its form: the patterns read it as Chinese context.
    """
    table = {}
    for code in range(0xFF01, 0xFF5F):
        folded = unicodedata.normalize("NFKC", chr(code))
        if folded.isascii() and (folded.isalnum() or folded in "-+"):
            table[code] = folded
    table |= {code: " " for code in (0x00A0, 0x2002, 0x2003, 0x2009, 0x3000)}
    table |= {code: "-" for code in (0x2010, 0x2011, 0x2012, 0x2013, 0x2212, 0xFE63)}
    return table


WIDTH_TABLE = _width_table()


def normalise(value: str) -> str:
    """The text as the patterns read it, the same length as the original."""
    return value.translate(WIDTH_TABLE)


def _digits(value: str) -> str:
    return re.sub(r"[^0-9Xx]", "", value)


# -- ID numbers (GB 11643-1999; 15-digit first-generation numbers) ----------------------------------------
ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
ID_CHECK = "10X98765432"
PROVINCES = {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53,
             54, 61, 62, 63, 64, 65, 71, 81, 82}  # fmt: skip
# 18 digits (the last may be X), written at a stretch or in groups with single spaces or hyphens
ID_PATTERN = re.compile(r"(?<![0-9A-Za-z/\-])(\d(?:[ \-]?\d){16}[ \-]?[\dXx])(?![0-9A-Za-z/\-])")
OLD_ID_PATTERN = re.compile(r"(?<![0-9A-Za-z/\-])(\d{15})(?![0-9A-Za-z/\-])")


def _born(year: int, month: int, day: int) -> bool:
    try:
        return date(1900, 1, 1) <= date(year, month, day) <= date.today()
    except ValueError:
        return False


def valid_id_number(value: str) -> bool:
    if len(value) != 18 or not value[:17].isdigit() or int(value[:2]) not in PROVINCES:
        return False
    if not _born(int(value[6:10]), int(value[10:12]), int(value[12:14])):
        return False
    total = sum(int(c) * w for c, w in zip(value[:17], ID_WEIGHTS, strict=True))
    return ID_CHECK[total % 11] == value[17].upper()


def id_number_error(value: str) -> str:
    """What is wrong with a 居民身份证号码 (GB 11643), said so that a person can find the slip, or ""."""
    if len(value) != 18 or not value[:17].isdigit() or value[17].upper() not in "0123456789X":
        return f"居民身份证号码应为18位（您填写了{len(value)}位），前17位是数字，最后一位是数字或X，请核对。"
    if int(value[:2]) not in PROVINCES:
        return "居民身份证号码的前两位（省份代码）不正确，请核对。"
    if not _born(int(value[6:10]), int(value[10:12]), int(value[12:14])):
        return "居民身份证号码的第7至14位（出生日期）不是有效的日期，请核对。"
    if not valid_id_number(value):
        return "居民身份证号码的最后一位（校验码）与前17位不符：可能有数字填错或前后颠倒，请逐位核对。"
    return ""


def valid_old_id_number(value: str) -> bool:
    """A first-generation number (before 1999): region, YYMMDD of a 20th-century birth, three serial digits."""
    if len(value) != 15 or not value.isdigit() or int(value[:2]) not in PROVINCES:
        return False
    return _born(1900 + int(value[6:8]), int(value[8:10]), int(value[10:12]))


def mask_id(digits: str) -> str:
    return digits[:2] + "*" * (len(digits) - 5) + digits[-3:]


# -- Mobile numbers ----------------------------------------------------------------------------------------
MOBILE_PATTERN = re.compile(
    r"(?<![\d.,\-])(?:\+?86[\s\-]?)?(1[3-9]\d)[\s\-]?(\d{4})[\s\-]?(\d{4})(?![\d.,]|\s*(?:元|万|亿|户|人|号))"
)


def mask_mobile(digits: str) -> str:
    return digits[:3] + "****" + digits[-4:]


# -- Bank cards (Luhn) ---------------------------------------------------------------------------------------
CARD_PATTERN = re.compile(
    r"(?<![\d.,\-/])((?:62|4|5|35|37|9)\d{2}(?:[\s\-]?\d{4}){2,3}(?:[\s\-]?\d{1,3})?)(?![\d.,\-/])"
)
NUMBER_LABELS = re.compile(
    r"(编号|合同号|项目号|单号|流水号|文号|索引号|代码|批号|证号|No\.?|NO\.?|许可证)\s*[:：]?\s*$"
)


def luhn(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch)
        if i % 2:
            n = n * 2 - 9 if n > 4 else n * 2
        total += n
    return total % 10 == 0


def mask_card(digits: str) -> str:
    return digits[:4] + "*" * (len(digits) - 8) + digits[-4:]


# -- Addresses with house numbers ---------------------------------------------------------------------------
ADDRESS_PATTERNS = [
    # a village group and house number: 东坪村3组12号, 五组18号
    re.compile(r"(?:[\u4e00-\u9fa5]{2}村)?[0-9一二三四五六七八九十]{1,3}组[0-9]{1,4}号"),
    # building, unit and room: 幸福小区5栋2单元301室, 8号楼1203室
    re.compile(
        r"(?:[\u4e00-\u9fa5]{2}(?:小区|花园|家园|公寓|大厦|新村|苑))?[0-9]{1,4}(?:栋|幢|号楼)(?:[0-9]{1,3}单元)?[0-9]{2,5}(?:室|房|号)"
    ),
    # a road and number introduced as someone's home: 家住人民路15号
    re.compile(
        r"(?:家住|住址|家庭住址|现住|居住地|户籍地址?)[:：]?\s*[\u4e00-\u9fa5]{1,20}?(?:路|街|巷|弄|道)[0-9]{1,5}号"
    ),
]


def mask_address(text: str) -> str:
    """Keep the words, hide the numbers: 东坪村3组12号 -> 东坪村*组**号."""
    return re.sub(r"[0-9]", "*", text)


# -- Secrecy markings and sensitive words ----------------------------------------------------------------
SECRECY_PATTERNS = [
    re.compile(r"(?:绝密|机密|秘密)\s*★|★\s*(?:绝密|机密|秘密)"),
    re.compile(r"(?:^|[\s（(【\[])(?:绝密|机密|秘密)(?:级|文件)"),
    re.compile(r"内部资料|内部文件|内部使用|内部传阅|注意保密|注意保存|不得外传|严禁外传|涉密"),
]


@dataclass(frozen=True)
class Text:
    source: str
    value: str
    maskable: bool = True  # False for a PDF or image attachment: the portal cannot rewrite it


def _ids(text: Text, folded: str) -> Iterable[Hit]:
    for pattern, valid in ((ID_PATTERN, valid_id_number), (OLD_ID_PATTERN, valid_old_id_number)):
        for match in pattern.finditer(folded):
            start, end = match.span(1)
            before = folded[max(0, start - 12) : start]
            if "信用代码" in before or "组织机构代码" in before:
                continue
            if valid is valid_old_id_number and NUMBER_LABELS.search(before) and "身份" not in before:
                continue  # 15 digits after 编号, 批号 … are that number, not an ID
            digits = _digits(match.group(1))
            if valid(digits):
                yield Hit(HitKind.ID_NUMBER, text.source, start, end, text.value[start:end], mask_id(digits))


def _mobiles(text: Text, folded: str, taken: list[tuple[int, int]]) -> Iterable[Hit]:
    for match in MOBILE_PATTERN.finditer(folded):
        start, end = match.span()
        if _overlaps(start, end, taken):
            continue
        digits = "".join(match.groups())
        yield Hit(HitKind.MOBILE, text.source, start, end, text.value[start:end], mask_mobile(digits))


def _cards(text: Text, folded: str, taken: list[tuple[int, int]]) -> Iterable[Hit]:
    for match in CARD_PATTERN.finditer(folded):
        start, end = match.span(1)
        digits = re.sub(r"\D", "", match.group(1))
        if not 16 <= len(digits) <= 19 or _overlaps(start, end, taken):
            continue
        after = folded[end : end + 2]
        before = folded[max(0, start - 8) : start]
        if after.startswith(("元", "万", "亿")) or NUMBER_LABELS.search(before) or not luhn(digits):
            continue
        yield Hit(HitKind.BANK_CARD, text.source, start, end, text.value[start:end], mask_card(digits))


def _addresses(text: Text, folded: str) -> Iterable[Hit]:
    for pattern in ADDRESS_PATTERNS:
        for match in pattern.finditer(folded):
            value = text.value[match.start() : match.end()]
            yield Hit(HitKind.ADDRESS, text.source, match.start(), match.end(), value, mask_address(match.group(0)))


def _secrecy(text: Text) -> Iterable[Hit]:
    for pattern in SECRECY_PATTERNS:
        for match in pattern.finditer(text.value):
            value = match.group(0).strip(" （(【[")
            start = match.start() + match.group(0).index(value)
            yield Hit(HitKind.SECRECY_MARK, text.source, start, start + len(value), value, "")


def _sensitive(text: Text, words: Iterable[str]) -> Iterable[Hit]:
    for word in words:
        for match in re.finditer(re.escape(word), text.value):
            yield Hit(HitKind.SENSITIVE_WORD, text.source, match.start(), match.end(), word, "")


def _without_overlaps(hits: list[Hit]) -> list[Hit]:
    kept: list[Hit] = []
    for hit in sorted(hits, key=lambda h: (h.start, -h.end)):
        if not _overlaps(hit.start, hit.end, [(k.start, k.end) for k in kept]):
            kept.append(hit)
    return kept


def _overlaps(start: int, end: int, taken: list[tuple[int, int]]) -> bool:
    return any(start < t_end and t_start < end for t_start, t_end in taken)


def scan(texts: Iterable[Text], sensitive_words: Iterable[str] = ()) -> list[Hit]:
    """Every hit in the texts, in the order they appear."""
    words = [w for w in sensitive_words if w]
    hits: list[Hit] = []
    for text in texts:
        folded = normalise(text.value)
        ids = _without_overlaps(list(_ids(text, folded)))
        taken = [(h.start, h.end) for h in ids]
        cards = list(_cards(text, folded, taken))
        taken += [(h.start, h.end) for h in cards]
        found = [
            *ids, *cards, *_mobiles(text, folded, taken), *_addresses(text, folded), *_secrecy(text),
            *_sensitive(text, words),
        ]  # fmt: skip
        hits += sorted(found, key=lambda h: (h.start, h.kind))
    return hits


def mask(value: str, hits: Iterable[Hit]) -> str:
    """Replace each personal-data hit in one text by its masked form (from the end, so offsets stay right)."""
    for hit in sorted((h for h in hits if h.masked), key=lambda h: h.start, reverse=True):
        value = value[: hit.start] + hit.masked + value[hit.end :]
    return value
