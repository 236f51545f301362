from typing import Any

from django import forms
from django.utils import timezone

from portal.models import Organisation

from .models import AnnualFigures, AnnualReport, EvaluationSource, Finding, InspectionKind, Scope

NAME = forms.TextInput(attrs={"autocomplete": "name"})  # WCAG 1.3.5: the browser may fill it in


class DraftForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label="机构", queryset=Organisation.objects.none(), empty_label=None,
        error_messages={"required": "请选择机构。", "invalid_choice": "请选择您所在的机构。"},
    )  # fmt: skip
    year = forms.IntegerField(
        label="年度", min_value=2008, error_messages={"required": "请填写年度。", "invalid": "年度须为数字，如 2025。"}
    )
    scope = forms.ChoiceField(
        label="统计范围", choices=Scope.choices, initial=Scope.ITSELF, widget=forms.RadioSelect,
        help_text="本机关单独报告，或连同所属办公室（站所）的申请和信息一并统计。",
    )  # fmt: skip

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]
        self.fields["year"].initial = timezone.localdate().year - 1


class ProseForm(forms.ModelForm):
    class Meta:
        model = AnnualReport
        fields = ["overview", "problems", "other_matters", "correction_reason"]
        widgets = {name: forms.Textarea(attrs={"rows": 8}) for name in ["overview", "problems", "other_matters"]}
        help_texts = {
            "overview": "主动公开、依申请公开、政府信息管理、平台建设、监督保障"
            "（含工作考核、社会评议和责任追究结果）。",
            "correction_reason": "仅更正已发布报告时填写。",
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("overview", "problems"):  # needed before submission, though a draft may be saved without
            self.fields[name].show_optional = False  # type: ignore[attr-defined]


class FiguresForm(forms.ModelForm):
    class Meta:
        model = AnnualFigures
        fields = ["permits", "penalties", "enforcement", "fees"]
        error_messages = {
            name: {"invalid": "请填写不小于0的数字。", "min_value": "请填写不小于0的数字。"}
            for name in ["permits", "penalties", "enforcement", "fees"]
        }

    def clean_fees(self) -> Any:
        fees = self.cleaned_data["fees"]
        if fees is not None and fees < 0:
            raise forms.ValidationError("收费金额不能为负数。")
        return fees


class PeriodForm(forms.Form):
    """The dashboard's period: a calendar year, or two dates."""

    year = forms.IntegerField(label="年度", required=False, min_value=2000, max_value=2100)
    start = forms.DateField(label="自", required=False, error_messages={"invalid": "日期格式应为 2026-01-01。"})
    end = forms.DateField(label="至", required=False, error_messages={"invalid": "日期格式应为 2026-12-31。"})

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if (start is None) != (end is None):
            raise forms.ValidationError("请同时填写起止日期，或只选年度。")
        if start and end and end < start:
            raise forms.ValidationError("截止日期不能早于开始日期。")
        return data


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
        error_messages={"required": "请写明具体情况。", "max_length": "不超过5000字。"},
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


REQUIREMENTS_HELP = "每行一项：要求；责任人或科室；期限，如“补齐5个空白栏目；党政办；2026-12-31”。"


class InspectionForm(forms.Form):
    organisation = forms.ModelChoiceField(label="被检查的机构", queryset=Organisation.objects.none(),
                                          error_messages={"required": "请选择被检查的机构。"})  # fmt: skip
    kind = forms.ChoiceField(label="检查类型", choices=InspectionKind.choices, widget=forms.RadioSelect)
    held_on = forms.DateField(label="检查日期", error_messages={"invalid": "日期格式应为 2026-11-20。"})
    scope = forms.CharField(label="检查范围", widget=forms.Textarea(attrs={"rows": 2}))
    inspectors = forms.CharField(label="检查人员", max_length=300)
    findings = forms.CharField(label="发现的问题", widget=forms.Textarea(attrs={"rows": 4}))
    requirements = forms.CharField(label="整改要求", widget=forms.Textarea(attrs={"rows": 3}), required=False,
                                   help_text=REQUIREMENTS_HELP)  # fmt: skip

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]


class LeadershipMeetingForm(forms.Form):
    organisation = forms.ModelChoiceField(label="机构", queryset=Organisation.objects.none())
    held_on = forms.DateField(label="会议日期", error_messages={"invalid": "日期格式应为 2026-11-20。"})
    attendees = forms.CharField(label="参会人员", widget=forms.Textarea(attrs={"rows": 2}))
    topics = forms.CharField(label="议题", widget=forms.Textarea(attrs={"rows": 3}))
    decisions = forms.CharField(label="会议决定", widget=forms.Textarea(attrs={"rows": 3}))
    tasks = forms.CharField(label="督办事项", widget=forms.Textarea(attrs={"rows": 3}), required=False,
                            help_text=REQUIREMENTS_HELP)  # fmt: skip

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]


class EvaluationForm(forms.Form):
    organisation = forms.ModelChoiceField(label="被评议的机构", queryset=Organisation.objects.none())
    source = forms.ChoiceField(label="方式", choices=EvaluationSource.choices, widget=forms.RadioSelect)
    held_on = forms.DateField(label="日期", error_messages={"invalid": "日期格式应为 2026-11-20。"})
    satisfied = forms.IntegerField(label="满意（人）", min_value=0, max_value=100000)
    basic = forms.IntegerField(label="基本满意（人）", min_value=0, max_value=100000)
    unsatisfied = forms.IntegerField(label="不满意（人）", min_value=0, max_value=100000)
    comments = forms.CharField(label="主要意见", widget=forms.Textarea(attrs={"rows": 3}), required=False,
                               help_text="不公开，用于改进工作和年终考核。")  # fmt: skip

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]


class ScoreForm(forms.Form):
    points = forms.DecimalField(label="得分", min_value=0, max_digits=4, decimal_places=1,
                                error_messages={"required": "请填写得分。", "invalid": "得分应为数字。"})  # fmt: skip
    note = forms.CharField(label="评分说明", max_length=2000, widget=forms.Textarea(attrs={"rows": 2}),
                           error_messages={"required": "请说明评分理由。"})  # fmt: skip


class AccountabilityForm(forms.Form):
    person = forms.CharField(label="责任人", max_length=100)
    matter = forms.CharField(label="事由", widget=forms.Textarea(attrs={"rows": 2}))
    measure = forms.CharField(label="处理措施", max_length=200, help_text="如：约谈、通报批评、责令书面检查。")
    decided_on = forms.DateField(label="决定日期", error_messages={"invalid": "日期格式应为 2026-12-20。"})
