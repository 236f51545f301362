"""The dashboard's period."""

from typing import Any

from django import forms


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
