from typing import Any

from django import forms

from .models import MatterKind, PhaseStatus, Section

DATE_ERRORS = {"required": "请填写日期。", "invalid": "日期格式应为 2026-03-15。"}


class PrepareForm(forms.Form):
    matter_title = forms.CharField(
        label="决策事项名称", max_length=200, error_messages={"required": "请填写决策事项名称。"}
    )
    kind = forms.ChoiceField(
        label="类别",
        choices=MatterKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择决策事项类别。"},
    )
    market_related = forms.BooleanField(label="与市场主体生产经营活动密切相关（行政规范性文件）", required=False)
    title = forms.CharField(
        label="征求意见稿名称", max_length=200, error_messages={"required": "请填写征求意见稿名称。"}
    )
    explanation = forms.CharField(
        label="起草说明", widget=forms.Textarea(attrs={"rows": 5}), error_messages={"required": "请填写起草说明。"}
    )
    draft_text = forms.CharField(
        label="征求意见稿全文",
        widget=forms.Textarea(attrs={"rows": 12}),
        error_messages={"required": "请填写全文。"},
        help_text="按“第一条”“第二条”……自动分为条款，公众可以对全文或某一条提出意见；没有条号的，按空行分段。",
    )
    how_to_comment = forms.CharField(
        label="提出意见的方式",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "请填写。"},
        help_text="除网上提交外，信函地址、电子邮箱、当面提出的地点和时间。",
    )
    opens_on = forms.DateField(label="开始日期", help_text="例如 2026-03-02", error_messages=DATE_ERRORS)
    closes_on = forms.DateField(label="截止日期", help_text="当日24时截止", error_messages=DATE_ERRORS)
    short_reason = forms.CharField(
        label="期限短于法定最短期限的理由", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class CommentForm(forms.Form):
    section = forms.ModelChoiceField(
        label="针对", queryset=Section.objects.none(), required=False, empty_label="整个征求意见稿"
    )
    text = forms.CharField(
        label="您的意见和建议",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
        error_messages={"required": "请填写您的意见。", "max_length": "意见不超过5000字。"},
    )
    name = forms.CharField(label="姓名或单位", max_length=100, required=False, help_text="仅用于答复，不公开。")
    contact = forms.CharField(
        label="联系方式（电话或电子邮箱）",
        max_length=100,
        required=False,
        help_text="留下联系方式的，本机关答复意见后会告知您；不公开。",
    )
    submission_key = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, sections: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = sections  # type: ignore[attr-defined]
        self.fields["section"].label_from_instance = lambda s: s.heading  # type: ignore[attr-defined]


class ReceiptForm(forms.Form):
    code = forms.CharField(
        label="意见回执码",
        max_length=20,
        error_messages={"required": "请输入回执码。"},
        help_text="提交意见时页面显示的12位回执码，如 ABCD-EFGH-JKLM。",
    )


class PhaseForm(forms.Form):
    status = forms.ChoiceField(label="状态", choices=PhaseStatus.choices)
    starts_on = forms.DateField(label="开始日期", required=False, error_messages=DATE_ERRORS)
    ends_on = forms.DateField(label="完成日期", required=False, error_messages=DATE_ERRORS)
    note = forms.CharField(label="情况说明", required=False, max_length=2000)


class ExtendForm(forms.Form):
    closes_on = forms.DateField(label="新的截止日期", error_messages=DATE_ERRORS)
    reason = forms.CharField(label="延长理由", max_length=500, error_messages={"required": "请说明延长理由。"})
