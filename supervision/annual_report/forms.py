"""The annual report's staff forms: a new draft, its prose, and the figures the portal does not hold."""

from typing import Any

from django import forms
from django.utils import timezone

from portal.models import Organisation

from .models import AnnualFigures, AnnualReport, Scope


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
