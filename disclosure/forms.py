"""Staff forms for drafting items; every message in Chinese, everything typed kept on error."""

from __future__ import annotations

import re
from typing import Any

from django import forms

from portal.models import Organisation
from portal.templatetags.portal_tags import cn_date

from .extract import looks_like_html, text_to_html
from .models import Item, ItemStatus, Posting
from .selectors import columns_for

PLAIN_PARAGRAPHS = re.compile(r"^(?:<p>[^<]*</p>)*$")


def body_for_editing(html: str) -> str:
    """Simple paragraphs come back as plain lines; anything richer is edited as HTML."""
    if PLAIN_PARAGRAPHS.match(html.replace("\n", "")):
        return "\n".join(re.findall(r"<p>([^<]*)</p>", html))
    return html


def body_from_input(text: str) -> str:
    """Plain lines become paragraphs; HTML is kept (and sanitised by the service)."""
    return text if looks_like_html(text) else text_to_html(text)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class MatterSelect(forms.Select):
    """The 公开事项 choice, each option carrying its column and 标题关键词 for static/js/matter-suggest.js."""

    def create_option(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        option = super().create_option(*args, **kwargs)
        matter = getattr(option["value"], "instance", None)
        if matter is not None:
            option["attrs"]["data-column"] = str(matter.column_id or "")
            option["attrs"]["data-keywords"] = "、".join(matter.keyword_list())
        return option


class ItemForm(forms.ModelForm):
    interprets_index = forms.CharField(
        label="所解读文件的索引号",
        required=False,
        max_length=80,
        help_text="仅“政策解读”填写：被解读文件的索引号，例如 114305990000000272/2026-00002。",
    )
    interprets_draft = forms.ModelChoiceField(
        label="或：同步起草、尚未发布的文件",
        queryset=Item.objects.none(),
        required=False,
        empty_label="不选",
        help_text="三同步：文件与解读同步起草、同步审核；解读在文件发布后才能发布，也可与文件定时同时发布。",
    )
    body = forms.CharField(
        label="正文",
        required=False,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text="每段一行。保存草稿后，可在草稿页“从正式文件生成正文”上传 .docx 自动生成。",
    )

    class Meta:
        model = Item
        fields = [
            "column", "genre", "topic", "title", "document_number", "written_date", "changed_date", "summary",
            "body", "disclosure_attribute", "attribute_reason", "validity", "validity_changed_on", "matter",
        ]  # fmt: skip
        widgets = {
            "written_date": DateInput(),
            "changed_date": DateInput(),
            "validity_changed_on": DateInput(),
            "summary": forms.Textarea(attrs={"rows": 3}),
            "attribute_reason": forms.Textarea(attrs={"rows": 2}),
            "disclosure_attribute": forms.RadioSelect,
            "matter": MatterSelect,
        }
        help_texts = {
            "summary": "一两句话说明信息的主要内容，将显示在目录中。",
            "document_number": "没有文号的可不填。",
            "written_date": "文件的成文日期或信息生成日期，例如 2026-11-20。",
            "validity": "规章和行政规范性文件必须选择。",
            "attribute_reason": "选择“依申请公开”或“不予公开”时必须说明理由和依据。",
            "matter": "本信息履行的公开事项目录中的事项；按月、季、年公开的，以成文日期所在的期次计。",
        }
        error_messages = {
            "title": {"required": "请填写信息名称。"},
            "summary": {"required": "请填写内容概述。"},
            "written_date": {"required": "请填写成文日期。", "invalid": "请按 2026-11-20 的格式填写日期。"},
            "changed_date": {"invalid": "请按 2026-11-20 的格式填写日期。"},
            "validity_changed_on": {"invalid": "请按 2026-11-20 的格式填写日期。"},
            "column": {"required": "请选择栏目。"},
            "genre": {"required": "请选择体裁。"},
        }

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        column_field = self.fields["column"]
        topic_field = self.fields["topic"]
        assert isinstance(column_field, forms.ModelChoiceField) and isinstance(topic_field, forms.ModelChoiceField)
        column_field.queryset = columns_for(organisation).order_by("kind", "position")
        column_field.empty_label = "请选择栏目"
        topic_field.empty_label = "请选择主题分类"
        self._matters(organisation, kwargs.get("initial") or {})
        if self.instance.pk:
            self.initial["body"] = body_for_editing(self.instance.body)
        self._policies(organisation)

    def _policies(self, organisation: Organisation) -> None:
        """The organisation's policies in drafting or review an interpretation may be drafted with (三同步)."""
        from disclosure.interpretations import genres

        field = self.fields["interprets_draft"]
        assert isinstance(field, forms.ModelChoiceField)
        unpublished = Item.objects.filter(
            organisation=organisation, genre__in=genres(), status__in=[ItemStatus.DRAFT, ItemStatus.SUBMITTED],
            revision_of__isnull=True,
        )  # fmt: skip
        if self.instance.pk:
            unpublished = unpublished.exclude(pk=self.instance.pk)
        field.queryset = unpublished.order_by("-pk")
        field.label_from_instance = lambda obj: f"{obj.title}（{obj.get_status_display()}）"  # type: ignore[method-assign]
        policy = self.instance.interprets if self.instance.pk else None
        if policy is not None and policy.status == ItemStatus.PUBLISHED:
            self.initial["interprets_index"] = policy.index_number
        elif policy is not None:
            field.queryset = field.queryset | Item.objects.filter(pk=policy.pk)  # kept even if since changed
            self.initial["interprets_draft"] = policy.pk

    def _matters(self, organisation: Organisation, initial: dict[str, Any]) -> None:
        """The 公开事项 of the organisation's catalogue to choose from; on a draft without one, the one its column
        and title suggest (disclosure/standard_catalogue/selectors.suggest) is preselected for the editor to confirm."""
        from disclosure.selectors import channel_of
        from disclosure.standard_catalogue.models import Matter
        from disclosure.standard_catalogue.selectors import suggest

        field = self.fields["matter"]
        assert isinstance(field, forms.ModelChoiceField)
        matters = Matter.objects.active().filter(organisation=channel_of(organisation))
        if self.instance.matter_id:  # a draft keeps the 事项 it was drafted for, even one since retired
            matters = matters | Matter.objects.filter(pk=self.instance.matter_id)
        matters = matters.select_related("area")
        field.queryset = matters.order_by("area__position", "position", "id")
        field.empty_label = "不属于公开事项目录中的事项"
        field.label_from_instance = lambda obj: f"{obj.area.name} › {obj.name}"  # type: ignore[method-assign]
        if self.instance.pk and not self.instance.matter_id and "matter" not in initial:
            found = suggest(list(field.queryset), self.instance.column_id, self.instance.title)
            if found is not None:
                self.initial["matter"] = found.pk
                field.help_text = f"按栏目和名称建议：{found.area.name} › {found.name}。请确认或改选。"

    def clean_body(self) -> str:
        return body_from_input(self.cleaned_data.get("body", ""))

    def clean_interprets_index(self) -> Item | None:
        value = self.cleaned_data["interprets_index"].strip()
        if not value:
            return None
        found = Item.objects.filter(index_number=value, status=ItemStatus.PUBLISHED).first()
        if found is None:
            raise forms.ValidationError("没有找到该索引号的已发布信息，请核对。")
        return found

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("disclosure_attribute") not in (None, "proactive") and not data.get("attribute_reason", "").strip():
            self.add_error("attribute_reason", "选择“依申请公开”或“不予公开”时必须说明理由。")
        if data.get("interprets_index") and data.get("interprets_draft"):
            self.add_error("interprets_draft", "已按索引号关联了已发布的文件，请不要再选择尚未发布的文件。")
        return data

    def item_fields(self) -> dict[str, Any]:
        fields = {name: self.cleaned_data[name] for name in self.Meta.fields}
        fields["interprets"] = self.cleaned_data.get("interprets_index") or self.cleaned_data.get("interprets_draft")
        return fields


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label="附件",
        help_text="PDF、Word、Excel 或图片，50 MB 以内。",
        error_messages={"required": "请选择要上传的文件。"},
    )
    name = forms.CharField(label="附件名称", max_length=200, required=False, help_text="不填则使用文件名。")


class DocxForm(forms.Form):
    file = forms.FileField(
        label="正式文件（.docx）",
        help_text="上传后用文件内容替换正文，文件本身作为附件保留。",
        error_messages={"required": "请选择 .docx 文件。"},
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label="撤回原因",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "请填写撤回原因。"},
        help_text="撤回后信息不再公开，索引号保留不再使用。原因仅内部留存。",
    )


class ImportForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label="导入到",
        queryset=Organisation.objects.none(),
        empty_label=None,
        help_text="导入到该机构的政府信息公开专栏；文件中未填“发布机构”的行，发布机构为该机构。",
    )
    catalogue = forms.FileField(
        label="目录文件（CSV 或 Excel）",
        help_text="第一行为列名。必填：索引号、名称、生成日期、发布日期、栏目、体裁；选填：内容概述、发布机构（全称或简称，"
        "不填为所选机构）、文号、主题分类、组配分类（按主题分类中登记的本地组配分类对应）、有效性、失效或废止日期、正文、"
        "附件（多个附件用分号隔开）。日期可带时间，如 2024-04-06 16:40。",
        error_messages={"required": "请选择目录文件。"},
    )
    attachments = forms.FileField(label="附件压缩包（ZIP）", required=False, help_text="目录中“附件”列引用的文件。")
    dry_run = forms.BooleanField(label="只检查，不导入", required=False, initial=True)

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["dry_run"].show_optional = False  # type: ignore[attr-defined]  # a choice, not an answer
        field = self.fields["organisation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = organisations

    def clean_catalogue(self) -> Any:
        upload = self.cleaned_data["catalogue"]
        if not (upload.name or "").lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError("目录文件只能是 .csv 或 .xlsx 格式。")
        return upload


class ItemChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.title}（{cn_date(obj.publication_date)}）"


class PrintForm(forms.Form):
    layout = forms.ChoiceField(label="版式", widget=forms.RadioSelect, error_messages={"required": "请选择版式。"})
    items = ItemChoices(
        label="选择信息",
        queryset=Item.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="最近发布的信息。",
    )
    index_numbers = forms.CharField(
        label="或按索引号添加",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="每行一个索引号。",
    )

    def __init__(self, *args: Any, recent: Any, published: Any, **kwargs: Any) -> None:
        from .printing import LAYOUTS

        super().__init__(*args, **kwargs)
        self.published = published
        layout = self.fields["layout"]
        items = self.fields["items"]
        assert isinstance(layout, forms.ChoiceField) and isinstance(items, forms.ModelMultipleChoiceField)
        layout.choices = [(key, label) for key, (label, _) in LAYOUTS.items()]
        items.queryset = recent

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        chosen = list(data.get("items") or [])
        numbers = [n.strip() for n in data.get("index_numbers", "").splitlines() if n.strip()]
        found = {i.index_number: i for i in self.published.filter(index_number__in=numbers)}
        missing = [n for n in numbers if n not in found]
        if missing:
            self.add_error("index_numbers", f"没有找到这些索引号的已发布信息：{'、'.join(missing)}")
        chosen += [found[n] for n in numbers if n in found and found[n] not in chosen]
        if not chosen and not missing:
            self.add_error("items", "请至少选择一条信息。")
        data["chosen"] = chosen
        return data


class PostingForm(forms.ModelForm):
    class Meta:
        model = Posting
        fields = ["channel", "place", "posted_on", "removed_on", "photo"]
        widgets = {"posted_on": DateInput(), "removed_on": DateInput()}
        labels = {"posted_on": "张贴或发放日期", "removed_on": "撤下日期"}
        help_texts = {"removed_on": "公示期满撤下后填写；公示期的最后一天以前不应撤下。"}
        error_messages = {
            "place": {"required": "请填写地点。"},
            "posted_on": {"required": "请填写张贴或发放日期。", "invalid": "请按 2026-11-20 的格式填写日期。"},
            "removed_on": {"invalid": "请按 2026-11-20 的格式填写日期。"},
        }

    def clean_photo(self) -> Any:
        from pathlib import PurePath

        from portal.uploads import clean_upload

        photo = self.cleaned_data.get("photo")
        if not photo or not hasattr(photo, "content_type"):  # none, or the one already kept
            return photo
        if PurePath(photo.name or "").suffix.lower() not in (".jpg", ".jpeg", ".png"):
            raise forms.ValidationError("张贴照片只能是 JPG 或 PNG 图片。")
        if photo.size > 10 * 1024 * 1024:
            raise forms.ValidationError("张贴照片不能超过10MB。")
        return clean_upload(photo)  # written again, without EXIF and GPS

    def clean(self) -> dict[str, Any]:
        from django.utils import timezone

        data = super().clean() or {}
        if data.get("removed_on") and data.get("posted_on") and data["removed_on"] < data["posted_on"]:
            self.add_error("removed_on", "撤下日期不能早于张贴日期。")
        for name in ("posted_on", "removed_on"):
            if data.get(name) and data[name] > timezone.localdate():
                self.add_error(name, "日期不能晚于今天。")
        return data
