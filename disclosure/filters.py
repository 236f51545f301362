from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet

from .models import Column, Genre, Item, Topic, Validity

YEAR_ERROR = {"invalid": "请输入四位数的年份，例如 2026。", "min_value": "发布年份不能早于2000年。",
              "max_value": "发布年份不正确，请输入四位数的年份。"}  # fmt: skip


class ItemFilter(django_filters.FilterSet):
    """Filters of the catalogue lists: topic, genre, year, validity and publisher."""

    topic = django_filters.ModelChoiceFilter(
        label="主题分类", queryset=Topic.objects.all(), empty_label="全部主题", method="filter_topic"
    )
    genre = django_filters.ChoiceFilter(label="体裁", choices=Genre.choices, empty_label="全部体裁")
    year = django_filters.NumberFilter(
        label="发布年份", field_name="publication_date", lookup_expr="year", min_value=2000, max_value=2100,
        error_messages=YEAR_ERROR,
    )  # fmt: skip
    validity = django_filters.ChoiceFilter(label="有效性", choices=Validity.choices, empty_label="不限")
    publisher = django_filters.ModelChoiceFilter(
        label="发布机构", field_name="organisation", queryset=None, empty_label="全部机构"
    )

    class Meta:
        model = Item
        fields = ["topic", "genre", "year", "validity", "publisher"]

    def __init__(self, *args: Any, publishers: list[int] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from portal.models import Organisation

        self.filters["publisher"].queryset = Organisation.objects.filter(pk__in=publishers or [])
        # text, not a number box: a mistyped "20x6" is shown back with its message instead of vanishing
        self.form.fields["year"].widget = forms.TextInput(attrs={"inputmode": "numeric", "maxlength": 4})

    def filter_topic(self, queryset: QuerySet[Item], name: str, value: Topic) -> QuerySet[Item]:
        """A topic and the topics under it; a topic without any is one range of the topic list index."""
        topics = [value.pk, *value.children.values_list("pk", flat=True)]
        return queryset.filter(topic_id=value.pk) if len(topics) == 1 else queryset.filter(topic__in=topics)


class SearchFilter(ItemFilter):
    """The search results' filters: the lists' own, plus the column, over every organisation's items (search
    reads only the cleaned values; the index applies them)."""

    column = django_filters.ModelChoiceFilter(
        label="栏目", queryset=Column.objects.filter(is_active=True), empty_label="全部栏目"
    )

    class Meta(ItemFilter.Meta):
        fields = ["publisher", "column", "topic", "genre", "year", "validity"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from portal.models import Organisation

        self.form.fields["publisher"].queryset = Organisation.objects.filter(is_active=True)
