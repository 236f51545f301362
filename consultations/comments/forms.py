"""A citizen's comment, one registered by staff, a meeting where opinions were raised, and the receipt look-up."""

from typing import Any

from django import forms

from ..forms import DATE_ERRORS, NAME, one_upload
from ..models import Section
from .models import CommentSource, Meeting, MeetingKind, ParticipantCategory


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


class ReceiptForm(forms.Form):
    code = forms.CharField(
        label="意见回执码",
        max_length=20,
        error_messages={"required": "请输入回执码。"},
        help_text="提交意见时页面显示的12位回执码，如 ABCD-EFGH-JKLM。",
    )
