"""An inspector's score with its note, and an accountability decision."""

from django import forms


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
