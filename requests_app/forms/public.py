"""The online application, one question per page, and the applicant's tracking and withdrawal forms."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from portal.credit_code import credit_code_error
from portal.uploads import clean_upload
from review.scanner import id_number_error

from ..models import (
    ApplicantType,
    Form,
    IdType,
    Kind,
    Way,
)

MOBILE = re.compile(r"^1[3-9]\d{9}$")
LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}(-\d{1,6})?$")
MAX_FILES, MAX_FILE_BYTES = 5, 10 * 1024 * 1024
FILE_EXTENSIONS = (".pdf", ".jpg", ".jpeg", ".png", ".doc", ".docx", ".xls", ".xlsx", ".txt")


# Other identity documents: their number formats, loosely (the documents vary by issue year).
ID_FORMATS = {
    IdType.HK_MACAO_PERMIT: (re.compile(r"^[HM]\d{8,10}$"), "港澳居民来往内地通行证号码应为H或M加8至10位数字。"),
    IdType.TAIWAN_PERMIT: (re.compile(r"^\d{8}$|^\d{10}[A-Z]?$"), "台湾居民来往大陆通行证号码应为8位或10位数字。"),
    IdType.PASSPORT: (re.compile(r"^[A-Z0-9]{5,17}$"), "护照号码应为5至17位字母或数字。"),
    IdType.FOREIGN_PERMANENT: (
        re.compile(r"^[A-Z]{3}\d{12}$|^9\d{16}[\dX]$"),
        "外国人永久居留身份证号码应为15位或18位。",
    ),
    IdType.OTHER: (re.compile(r"^[A-Z0-9\-]{4,30}$"), "证件号码应为4至30位字母、数字或连字符。"),
}


def check_id_number(id_type: str, value: str) -> str:
    """条例 第二十九条: proof of identity. 居民身份证 by GB 11643 (including its check digit)."""
    if id_type == IdType.RESIDENT_ID:
        problem = id_number_error(value)
        if problem:
            raise ValidationError(problem)
    elif id_type in ID_FORMATS and not ID_FORMATS[IdType(id_type)][0].match(value):
        raise ValidationError(ID_FORMATS[IdType(id_type)][1])
    return value


def _digits(value: str) -> str:
    return re.sub(r"[\s—－]", "", value).replace("－", "-")


class KindForm(forms.Form):
    kind = forms.ChoiceField(
        label="您要申请什么？",
        choices=[
            (Kind.DISCLOSURE, "获取本机关制作或保存的政府信息"),
            (Kind.RECORD_CORRECTION, "更正本机关提供的与本人（单位）相关的不准确的政府信息记录（条例第四十一条）"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "请选择申请类别。"},
    )


class ApplicantTypeForm(forms.Form):
    applicant_type = forms.ChoiceField(
        label="申请人类型",
        choices=ApplicantType.choices,
        widget=forms.RadioSelect,
        help_text="以个人名义申请的选择“自然人”；以企业、机构、社会组织名义申请的选择所属类别。",
        error_messages={"required": "请选择申请人类型。"},
    )


class IdentityForm(forms.Form):
    """条例 第二十九条第二款第一项: the name and proof of identity. Fields follow the applicant type."""

    name = forms.CharField(label="姓名", max_length=100, error_messages={"required": "请填写姓名。"})
    id_type = forms.ChoiceField(label="证件类型", choices=IdType.choices, initial=IdType.RESIDENT_ID)
    id_number = forms.CharField(label="证件号码", max_length=40, error_messages={"required": "请填写证件号码。"})
    credit_code = forms.CharField(
        label="统一社会信用代码", max_length=18, error_messages={"required": "请填写统一社会信用代码。"}
    )
    contact_name = forms.CharField(label="联系人姓名", max_length=50, error_messages={"required": "请填写联系人姓名。"})

    def __init__(self, *args: Any, applicant_type: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["autocomplete"] = "name"  # WCAG 1.3.5: the browser may fill it in
        self.fields["contact_name"].widget.attrs["autocomplete"] = "name"
        if applicant_type == ApplicantType.PERSON:
            del self.fields["credit_code"], self.fields["contact_name"]
        else:
            self.fields["name"].widget.attrs["autocomplete"] = "organization"
            self.fields["name"].label = "单位名称"
            self.fields["name"].error_messages["required"] = "请填写单位名称。"
            del self.fields["id_type"], self.fields["id_number"]

    def clean_id_number(self) -> str:
        value = self.cleaned_data["id_number"].strip().upper().replace(" ", "")
        return check_id_number(self.cleaned_data.get("id_type", ""), value)

    def clean_credit_code(self) -> str:
        value = self.cleaned_data["credit_code"].strip().upper().replace(" ", "")
        error = credit_code_error(value)
        if error:
            raise ValidationError(error)
        return value


class ContactForm(forms.Form):
    phone = forms.CharField(
        label="联系电话", max_length=20, required=False, help_text="手机号码，或带区号的固定电话，如 0730-5180118。",
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )  # fmt: skip
    email = forms.EmailField(
        label="电子邮箱", required=False, error_messages={"invalid": "电子邮箱格式不正确。"},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )  # fmt: skip
    address = forms.CharField(
        label="通信地址", max_length=200, required=False, help_text="需要邮寄信息的，请填写。",
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )  # fmt: skip
    postcode = forms.RegexField(
        label="邮政编码", regex=r"^\d{6}$", required=False, error_messages={"invalid": "邮政编码应为6位数字。"},
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "inputmode": "numeric"}),
    )  # fmt: skip

    def clean_phone(self) -> str:
        value = _digits(self.cleaned_data["phone"])
        if value and not (MOBILE.match(value) or LANDLINE.match(value)):
            raise ValidationError("联系电话格式不正确：请填写11位手机号码，或带区号的固定电话。")
        return value

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if not self.errors and not any(data.get(f) for f in ("phone", "email", "address")):
            raise ValidationError("请至少填写一种联系方式（电话、电子邮箱或通信地址），以便我们联系您和送达答复。")
        return data


class InformationForm(forms.Form):
    description = forms.CharField(
        label="所需信息的内容描述",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=2000,
        help_text="请尽量写明信息的名称、文号、形成时间等特征，便于查找。",
        error_messages={"required": "请描述您需要的政府信息。"},
    )
    information_title = forms.CharField(label="信息名称", max_length=200, required=False)
    document_number = forms.CharField(
        label="文号", max_length=80, required=False, help_text="如 示例镇政发〔2026〕3号。"
    )
    purpose = forms.CharField(
        label="用途",
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=500,
        required=False,
        help_text="无需说明用途；您可以自愿填写。",
    )

    def __init__(self, *args: Any, kind: str = Kind.DISCLOSURE, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if kind == Kind.RECORD_CORRECTION:
            description = self.fields["description"]
            description.label = "需要更正的记录及更正内容"
            description.help_text = (
                "请写明哪一份政府信息中与您（单位）相关的哪项记录不准确，以及应当如何更正，并上传证明材料。"
            )
            description.error_messages["required"] = "请写明需要更正的记录。"
            del self.fields["purpose"]


class ProvisionForm(forms.Form):
    form = forms.ChoiceField(
        label="信息的提供形式",
        choices=Form.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择提供形式。"},
    )
    way = forms.ChoiceField(
        label="获取信息的方式",
        choices=Way.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择获取方式。"},
    )

    def __init__(self, *args: Any, contact: dict[str, Any] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.contact = contact or {}

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("way") == Way.POST and not self.contact.get("address"):
            self.add_error("way", "选择邮寄的，请先在“联系方式”中填写通信地址。")
        if data.get("way") == Way.EMAIL and not self.contact.get("email"):
            self.add_error("way", "选择电子邮件的，请先在“联系方式”中填写电子邮箱。")
        return data


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input: cleans to a list."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        files = data if isinstance(data, (list, tuple)) else [data]
        return [super(MultipleFileField, self).clean(f, initial) for f in files if f]


class AttachmentsForm(forms.Form):
    uploads = MultipleFileField(
        label="附件",
        required=False,
        help_text=f"可上传身份证明、委托书或说明材料，最多{MAX_FILES}个，每个不超过10MB（PDF、图片、Word、Excel）。",
    )

    def clean_uploads(self) -> list[Any]:
        return check_uploads(self.cleaned_data["uploads"])


def check_uploads(files: list[Any], *, for_publication: bool = False) -> list[Any]:
    """The upload rules of the online form, for every file an applicant sends or receives (what they receive
    leaves without document properties, comments or revision history)."""
    if len(files) > MAX_FILES:
        raise ValidationError(f"最多上传{MAX_FILES}个附件。")
    for upload in files:
        if not (upload.name or "").lower().endswith(FILE_EXTENSIONS):
            raise ValidationError(f"“{upload.name}”的文件类型不支持，请上传PDF、图片、Word或Excel文件。")
        if (upload.size or 0) > MAX_FILE_BYTES:
            raise ValidationError(f"“{upload.name}”超过10MB。", code="file_size")
    return [clean_upload(upload, for_publication=for_publication) for upload in files]


class ConfirmForm(forms.Form):
    agree = forms.BooleanField(
        label="我已阅读个人信息处理告知，确认以上内容真实",
        error_messages={"required": "请确认已阅读个人信息处理告知。"},
    )


class CorrectionForm(forms.Form):
    text = forms.CharField(
        label="补正内容",
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        max_length=4000,
        help_text="请按补正通知书逐项说明；也可以上传补正材料。",
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(label="撤回说明", widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def action_kwargs(self) -> dict[str, Any]:
        return {"reason": self.cleaned_data["reason"]}


class TrackForm(forms.Form):
    number = forms.CharField(label="申请编号", max_length=30, error_messages={"required": "请填写申请编号。"})
    code = forms.CharField(
        label="查询码", max_length=20, help_text="提交申请时获得的12位查询码，如 AB23-CD45-EF67。",
        error_messages={"required": "请填写查询码。"},
    )  # fmt: skip
