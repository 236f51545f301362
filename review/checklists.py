"""The questions each stage answers (seed §三(一); regulation.md §3). Approval needs every answer “是”."""

from .models import Checklist

QUESTIONS: dict[str, list[tuple[str, str]]] = {
    Checklist.SECRECY: [
        ("no_state_secret", "不涉及国家秘密，或经保密审查可以公开"),
        ("no_personal_data", "个人信息已去标识化（纪律处分、依法须公开的除外）"),
        ("no_commercial_secret", "不涉及商业秘密，或权利人同意公开"),
    ],
    Checklist.CONTENT: [
        ("process_fair", "公开内容产生的过程是否公正、合理"),
        ("decision_democratic", "公开事项决策过程是否民主、科学"),
        ("result_true", "公开的结果是否真实、可信、及时"),
    ],
    Checklist.FINAL: [
        ("approved_for_publication", "同意以本机关名义公开发布"),
    ],
}
