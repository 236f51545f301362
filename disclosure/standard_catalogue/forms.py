from __future__ import annotations

from typing import Any

from django import forms

MAX_UPLOAD_BYTES = 5 * 1024 * 1024


class AreaForm(forms.Form):
    involved = forms.TypedChoiceField(
        label="本机构是否涉及该领域", choices=[("1", "涉及"), ("0", "不涉及")], coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )  # fmt: skip
    note = forms.CharField(
        label="未涉及领域说明", required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 2}),
        help_text="不涉及的，说明原因，将在公开事项目录中公开。",
    )  # fmt: skip

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("involved") is False and not data.get("note", "").strip():
            self.add_error("note", "不涉及本领域的，请填写未涉及领域说明。")
        return data


class AdoptForm(forms.Form):
    areas = forms.MultipleChoiceField(
        label="本机构涉及的领域", widget=forms.CheckboxSelectMultiple,
        help_text="按国办发〔2019〕54号所列领域选择；未选的领域可稍后补充，或填写未涉及领域说明。",
        error_messages={"required": "请至少选择一个领域。"},
    )  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from .standard import STANDARD

        super().__init__(*args, **kwargs)
        field = self.fields["areas"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = [(a.name, f"{a.name}（{len(a.matters)}个事项）") for a in STANDARD]


class CatalogueUploadForm(forms.Form):
    catalogue = forms.FileField(
        label="公开事项目录（Excel）",
        help_text="用“导出 Excel”下载的文件格式：第一行为列名，必填“领域”“公开事项”。同一领域同名的事项将被更新。",
        error_messages={"required": "请选择目录文件。"},
    )
    dry_run = forms.BooleanField(label="只检查，不导入", required=False, initial=True)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["dry_run"].show_optional = False  # type: ignore[attr-defined]  # a choice, not an answer

    def clean_catalogue(self) -> Any:
        upload = self.cleaned_data["catalogue"]
        if not (upload.name or "").lower().endswith(".xlsx"):
            raise forms.ValidationError("目录文件只能是 .xlsx 格式。")
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("目录文件不能超过5MB。")
        return upload
