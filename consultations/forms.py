from typing import Any

from django import forms

from requests_app.forms.public import check_uploads

from .meetings import Channel, MeetingKind, ParticipantCategory
from .models import CommentSource, MatterKind, Meeting, PhaseStatus, Section

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


class CommentForm(forms.Form):
    section = forms.TypedChoiceField(
        label="针对",
        required=False,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": "所选条款不属于本征求意见稿，请重新选择。"},
    )
    text = forms.CharField(
        label="您的意见和建议",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
        error_messages={"required": "请填写您的意见。", "max_length": "意见不超过5000字。"},
    )
    name = forms.CharField(
        label="姓名或单位", max_length=100, required=False, help_text="仅用于答复，不公开。", widget=NAME
    )
    contact = forms.CharField(
        label="联系方式（电话或电子邮箱）",
        max_length=100,
        required=False,
        help_text="留下联系方式的，本机关答复意见后会告知您；不公开。",
    )
    attachment = forms.FileField(
        label="附件",
        required=False,
        help_text="可附一个说明材料，不超过10MB（PDF、图片、Word、Excel）；仅供本机关研究，不公开。",
    )
    submission_key = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, sections: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sections = {s.pk: s for s in sections}  # read once: the page lists them too
        choices = [("", "整个征求意见稿")] + [(s.pk, s.heading) for s in self.sections.values()]
        self.fields["section"].choices = choices  # type: ignore[attr-defined]

    def clean_section(self) -> Section | None:
        chosen = self.cleaned_data.get("section")
        return self.sections.get(chosen) if chosen is not None else None

    def clean_attachment(self) -> Any:
        return one_upload(self.cleaned_data.get("attachment"))


class RegisterCommentForm(CommentForm):
    """A comment that came by letter, e-mail, in person or at a meeting, entered by staff."""

    source = forms.ChoiceField(
        label="来源",
        choices=[c for c in CommentSource.choices if c[0] != CommentSource.ONLINE],
        error_messages={"required": "请选择意见来源。"},
    )
    received_on = forms.DateField(label="收到日期", error_messages=DATE_ERRORS)
    meeting = forms.ModelChoiceField(label="会议", queryset=Meeting.objects.none(), required=False)

    field_order = ["source", "received_on", "meeting", "section", "text", "name", "contact", "attachment"]

    def __init__(self, *args: Any, meetings: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["text"].label = "意见内容"
        self.fields["name"].help_text = "来信人、提出人或单位；仅用于答复，不公开。"
        self.fields["attachment"].help_text = "来信扫描件、电子邮件原文等。"
        self.fields["meeting"].queryset = meetings  # type: ignore[attr-defined]


class MeetingForm(forms.Form):
    kind = forms.ChoiceField(label="会议类型", choices=MeetingKind.choices)
    held_on = forms.DateField(label="召开日期", error_messages=DATE_ERRORS)
    place = forms.CharField(label="地点", max_length=200, error_messages={"required": "请填写地点。"})
    participants = forms.CharField(
        label="参加人员",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "请填写参加人员。"},
        help_text="每行一人：类别 姓名 单位，如“人大代表 王某某 东村”。类别："
        + "、".join(ParticipantCategory.labels)
        + "。可以从签到表粘贴。",
    )
    minutes = forms.CharField(
        label="会议纪要", widget=forms.Textarea(attrs={"rows": 6}), error_messages={"required": "请填写会议纪要。"}
    )


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


class HearingForm(forms.Form):
    title = forms.CharField(label="听证事项", max_length=200, error_messages={"required": "请填写听证事项。"})
    draft_summary = forms.CharField(
        label="决策草案及说明", widget=forms.Textarea(attrs={"rows": 4}), error_messages={"required": "请填写。"}
    )
    held_at = forms.DateTimeField(
        label="举行时间",
        help_text="例如 2026-03-20 09:30",
        error_messages={"required": "请填写举行时间。", "invalid": "时间格式应为 2026-03-20 09:30。"},
    )
    place = forms.CharField(label="地点", max_length=200, error_messages={"required": "请填写地点。"})
    seats = forms.IntegerField(
        label="参加人名额", min_value=1, max_value=500, error_messages={"required": "请填写参加人名额。"}
    )
    registration_closes_on = forms.DateField(label="报名截止日期", error_messages=DATE_ERRORS)
    selection_method = forms.CharField(
        label="听证参加人遴选办法",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "请填写遴选办法。"},
        help_text="各类别名额、报名条件、报名人数超过名额时如何遴选（如按类别随机抽取）。",
    )


class RegistrationForm(forms.Form):
    name = forms.CharField(label="姓名", max_length=100, error_messages={"required": "请填写姓名。"}, widget=NAME)
    contact = forms.CharField(
        label="联系电话或电子邮箱",
        max_length=100,
        error_messages={"required": "请填写联系方式。"},
        help_text="用于通知遴选结果和送达听证材料，不公开。",
    )
    category = forms.ChoiceField(label="身份类别", choices=ParticipantCategory.choices)
    statement = forms.CharField(
        label="对决策草案的基本观点",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="遴选时兼顾不同观点。",
    )
    channel = forms.ChoiceField(choices=Channel.choices, required=False, widget=forms.HiddenInput)
    submission_key = forms.UUIDField(widget=forms.HiddenInput)


class RecordForm(forms.Form):
    upload = forms.FileField(label="听证笔录（签字版扫描件）", error_messages={"required": "请选择听证笔录文件。"})
    signed_on = forms.DateField(label="参加人签字确认日期", error_messages=DATE_ERRORS)


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
