"""统一社会信用代码 (GB 32100-2015): 18 characters, the last a check character over the first 17."""

from django.core.exceptions import ValidationError

CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # 31 characters: no I, O, S, V, Z
WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
# The organisation code inside it (positions 9-17) carries its own check (GB 11714-1997).
ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]


def check_character(first17: str) -> str:
    total = sum(CHARSET.index(c) * w for c, w in zip(first17, WEIGHTS, strict=True))
    return CHARSET[(31 - total % 31) % 31]


def org_code_check(first8: str) -> str:
    total = sum(CHARSET.index(c) * w for c, w in zip(first8, ORG_CODE_WEIGHTS, strict=True))
    value = 11 - total % 11
    return {10: "X", 11: "0"}.get(value, str(value))


def credit_code_error(code: str) -> str | None:
    """The reason the code is invalid, in Chinese, or None when it is valid."""
    if len(code) != 18:
        return "统一社会信用代码应为18位。"
    if any(c not in CHARSET for c in code):
        return "统一社会信用代码只能包含数字和大写字母（不含 I、O、S、V、Z）。"
    if not code[2:8].isdigit():
        return "统一社会信用代码第3至8位应为行政区划代码（6位数字）。"
    if org_code_check(code[8:16]) != code[16]:
        return "统一社会信用代码第9至17位（组织机构代码）的校验码不正确。"
    if check_character(code[:17]) != code[17]:
        return "统一社会信用代码的校验码（第18位）不正确，请核对。"
    return None


def validate_credit_code(value: str) -> None:
    error = credit_code_error(value)
    if error:
        raise ValidationError(error, code="invalid_credit_code")


def make_credit_code(prefix2: str, division: str, org8: str) -> str:
    """A valid credit code from registration prefix, division code and the 8-character organisation code."""
    first17 = prefix2 + division + org8 + org_code_check(org8)
    return first17 + check_character(first17)
