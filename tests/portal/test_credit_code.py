import pytest
from django.core.exceptions import ValidationError

from portal.credit_code import credit_code_error, make_credit_code, validate_credit_code


@pytest.mark.parametrize(
    "code", ["91350100M000100Y43", "11100000000013127D", make_credit_code("11", "430599", "00000002")]
)
def test_valid_credit_codes_pass_gb32100_check(code: str) -> None:
    assert credit_code_error(code) is None
    validate_credit_code(code)


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("91350100M000100Y4", "应为18位"),
        ("91350100M000100Y44", "第18位"),
        ("91350100M000100X43", "第9至17位"),
        ("9135010OM000100Y43", "不含 I、O、S、V、Z"),
        ("91AB0100M000100Y43", "行政区划代码"),
        ("91350100m000100y43", "大写字母"),
    ],
)
def test_invalid_credit_codes_say_why_in_chinese(code: str, message: str) -> None:
    with pytest.raises(ValidationError) as excinfo:
        validate_credit_code(code)
    assert message in excinfo.value.messages[0]
