from typing import Any

from django import forms

from requests_app.forms.public import check_uploads

from .models import MatterKind, PhaseStatus

DATE_ERRORS = {"required": "请填写日期。", "invalid": "日期格式应为 2026-03-15。"}

NAME = forms.TextInput(attrs={"autocomplete": "name"})  # WCAG 1.3.5: the browser may fill it in


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
    publish_comments = forms.BooleanField(
        label="公开经审核的意见（不含姓名和联系方式）",
        required=False,
        help_text="选中后，工作人员逐条审核同意的意见在公开页面上显示，其中的个人信息自动遮盖。",
    )


def one_upload(upload: Any) -> Any:
    """The citizens' upload rules (requests_app), for one optional file."""
    return check_uploads([upload])[0] if upload else None


class DocumentForm(forms.Form):
    upload = forms.FileField(label="文件", error_messages={"required": "请选择要上传的文件。"})
    name = forms.CharField(label="文件名称", max_length=200, required=False, help_text="不填写的，使用文件名。")


class DecisionForm(forms.Form):
    index_number = forms.CharField(
        label="最终决策的索引号",
        max_length=80,
        error_messages={"required": "请填写索引号。"},
        help_text="决策文件经审核公开后，在其信息页面上可以看到索引号。",
    )


class PhaseForm(forms.Form):
    status = forms.ChoiceField(label="状态", choices=PhaseStatus.choices)
    starts_on = forms.DateField(label="开始日期", required=False, error_messages=DATE_ERRORS)
    ends_on = forms.DateField(label="完成日期", required=False, error_messages=DATE_ERRORS)
    note = forms.CharField(label="情况说明", required=False, max_length=2000)


class ExtendForm(forms.Form):
    closes_on = forms.DateField(label="新的截止日期", error_messages=DATE_ERRORS)
    reason = forms.CharField(label="延长理由", max_length=500, error_messages={"required": "请说明延长理由。"})
