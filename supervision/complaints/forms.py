"""A complaint, report or 网站纠错 from the public, its receipt, and the staff's reply and finding."""

from typing import Any

from django import forms

from .models import Finding

NAME = forms.TextInput(attrs={"autocomplete": "name"})  # WCAG 1.3.5: the browser may fill it in


class ComplaintForm(forms.Form):
    kind = forms.ChoiceField(
        label="类别",
        choices=[
            ("complaint", "投诉：政府信息公开工作中的违法违规行为"),
            ("report", "举报"),
            ("site_error", "网站纠错：本网站的错误（链接打不开、内容错误、错别字等）"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "请选择类别。"},
    )
    subject = forms.CharField(label="事项", max_length=200, error_messages={"required": "请简要写明事项。"})
    text = forms.CharField(
        label="具体内容",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "请写明具体内容。", "max_length": "具体内容不超过5000字。"},
        help_text="时间、涉及的信息或申请、您认为存在的问题。",
    )
    page_url = forms.CharField(label="出错的网页地址", max_length=500, required=False, help_text="网站纠错时填写。")
    name = forms.CharField(label="姓名或名称", max_length=100, required=False, help_text="不公开。", widget=NAME)
    contact = forms.CharField(
        label="联系电话或电子邮箱",
        max_length=100,
        required=False,
        help_text="用于答复，不公开；不留联系方式的，凭回执码查看答复。",
    )
    attachment = forms.FileField(
        label="附件", required=False, help_text="截图或证明材料，一个文件，不超过10MB（PDF、图片、Word、Excel）。"
    )
    submission_key = forms.UUIDField(widget=forms.HiddenInput)

    def clean_attachment(self) -> Any:
        from consultations.forms import one_upload

        return one_upload(self.cleaned_data.get("attachment"))


class ComplaintReceiptForm(forms.Form):
    code = forms.CharField(
        label="回执码", max_length=20, error_messages={"required": "请输入回执码。"},
        help_text="提交时页面显示的12位回执码，如 ABCD-EFGH-JKLM。",
    )  # fmt: skip


class ReplyForm(forms.Form):
    reply = forms.CharField(label="答复内容", widget=forms.Textarea(attrs={"rows": 6}), max_length=5000,
                            error_messages={"required": "请填写答复内容。"})  # fmt: skip


class CloseForm(forms.Form):
    finding = forms.ChoiceField(label="调查结论", choices=Finding.choices, widget=forms.RadioSelect,
                                error_messages={"required": "请选择调查结论。"})  # fmt: skip
    rectification = forms.CharField(
        label="整改情况",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=5000,
        help_text="成立或部分成立的，写明整改措施和完成情况。",
    )
