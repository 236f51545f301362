"""A 评议会's or questionnaire's results."""

from typing import Any

from django import forms

from portal.models import Organisation

from .models import EvaluationSource


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
