"""A hearing's notice, a registration (online or on paper) and the signed record."""

from django import forms

from ..comments.models import ParticipantCategory
from ..forms import DATE_ERRORS, NAME
from .models import Channel


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
        error_messages={"required": "请填写联系电话或电子邮箱。"},
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
