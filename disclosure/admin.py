"""Data maintenance for the catalogue: platform columns and topics (system administrator), and each
organisation's guide (its editors and disclosure office head, for their own organisation only)."""

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from portal.admin import DutyAdmin
from portal.models import Organisation, Role
from portal.permissions import organisation_ids

from .models import Area, Column, Guide, Item, Matter, Topic, TopicPage, TopicPageEntry
from .standard_catalogue.models import Channel

GUIDE_ROLES = (Role.EDITOR, Role.OFFICE_HEAD)


@admin.register(Column)
class ColumnAdmin(DutyAdmin):
    list_display = ["name", "kind", "basis", "scope", "stale_after_days", "position", "is_active"]
    list_filter = ["kind", "scope", "is_active"]
    search_fields = ["name", "slug", "basis"]
    list_editable = ["position", "is_active"]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # a column with items is never deleted; deactivate it instead


@admin.register(Topic)
class TopicAdmin(DutyAdmin):
    list_display = ["name", "parent", "slug", "position"]
    search_fields = ["name", "aliases"]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_delete_permission(request, obj) and not (obj and obj.items.exists())


class OwnOrganisationAdmin(admin.ModelAdmin):
    """Rows of the organisations where the user is an editor or the disclosure office head."""

    def _organisations(self, request: HttpRequest) -> set[int]:
        if request.user.is_superuser:
            return set(Organisation.objects.values_list("pk", flat=True))
        return organisation_ids(request.user, *GUIDE_ROLES)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return super().get_queryset(request).filter(organisation_id__in=self._organisations(request))

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "organisation":
            kwargs["queryset"] = Organisation.objects.filter(pk__in=self._organisations(request))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return bool(self._organisations(request))

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        allowed = self._organisations(request)
        return bool(allowed) and (obj is None or obj.organisation_id in allowed)

    has_change_permission = has_view_permission

    def has_add_permission(self, request: HttpRequest) -> bool:
        return bool(self._organisations(request))

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Guide)
class GuideAdmin(OwnOrganisationAdmin):
    list_display = ["organisation", "office_name", "updated_at"]
    fieldsets = [
        (None, {"fields": ["organisation", "office_name"]}),
        ("信息的分类和获取", {"fields": ["classification", "proactive_channels", "reading_places"]}),
        ("依申请公开", {"fields": ["application_notes", "fee_notes"]}),
        ("监督和救济", {"fields": ["supervision"]}),
    ]


class TopicPageEntryForm(forms.ModelForm):
    """Items are chosen by index number: a catalogue of a million rows is no drop-down."""

    index_number = forms.CharField(label="索引号", max_length=80)

    class Meta:
        model = TopicPageEntry
        fields = ["index_number", "position"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["index_number"] = self.instance.item.index_number

    def clean_index_number(self) -> str:
        value = self.cleaned_data["index_number"].strip()
        item = Item.objects.published().filter(index_number=value).first()
        if item is None:
            raise forms.ValidationError("没有找到该索引号的已发布信息。")
        self.instance.item = item
        return value


class TopicPageEntryInline(admin.TabularInline):
    model = TopicPageEntry
    form = TopicPageEntryForm
    extra = 3

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return True

    has_add_permission = has_change_permission = has_delete_permission = has_view_permission


@admin.register(TopicPage)
class TopicPageAdmin(OwnOrganisationAdmin):
    list_display = ["title", "organisation", "is_active", "position"]
    prepopulated_fields = {"slug": ("title",)}
    inlines = [TopicPageEntryInline]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_view_permission(request, obj)


class CatalogueAdmin(OwnOrganisationAdmin):
    """An organisation's 标准目录 is adapted by its disclosure office head (docs/adr/0012)."""

    def _organisations(self, request: HttpRequest) -> set[int]:
        if request.user.is_superuser:
            return set(Organisation.objects.values_list("pk", flat=True))
        return organisation_ids(request.user, Role.OFFICE_HEAD)


@admin.register(Area)
class AreaAdmin(CatalogueAdmin):
    list_display = ["name", "organisation", "involved", "position"]
    list_filter = ["involved"]
    fields = ["organisation", "name", "involved", "not_involved_note", "source", "position"]


class MatterForm(forms.ModelForm):
    channels = forms.MultipleChoiceField(
        label="公开渠道", choices=Channel.choices, widget=forms.CheckboxSelectMultiple, required=False
    )

    class Meta:
        model = Matter
        exclude: list[str] = []

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        area, organisation = data.get("area"), data.get("organisation")
        if area is not None and organisation is not None and area.organisation_id != organisation.pk:
            self.add_error("area", "请选择本机构目录中的领域。")
        return data


@admin.register(Matter)
class MatterAdmin(CatalogueAdmin):
    form = MatterForm
    list_display = ["name", "area", "organisation", "recurrence", "deadline_text", "basis", "is_active"]
    list_filter = ["recurrence", "is_active", "area__name"]
    search_fields = ["name", "basis", "content"]

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "area":
            kwargs["queryset"] = Area.objects.filter(organisation_id__in=self._organisations(request))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
