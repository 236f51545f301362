"""站内搜索: every published item containing all the terms a person typed."""

from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from disclosure import search
from disclosure.models import Column, Genre, Item, Topic, Validity
from portal import page_cache
from portal.models import Organisation

PAGE_SIZE = 20
MAX_PAGE = 50


class SearchForm(forms.Form):
    q = forms.CharField(
        label="搜索内容", max_length=100, required=False, help_text="多个词之间用空格隔开，须同时包含。"
    )
    org = forms.ModelChoiceField(
        label="发布机构", queryset=Organisation.objects.with_column(), required=False, empty_label="全部机构"
    )
    column = forms.ModelChoiceField(
        label="栏目", queryset=Column.objects.filter(is_active=True), required=False, empty_label="全部栏目"
    )
    topic = forms.ModelChoiceField(
        label="主题分类", queryset=Topic.objects.all(), required=False, empty_label="全部主题"
    )
    genre = forms.ChoiceField(label="体裁", choices=[("", "全部体裁"), *Genre.choices], required=False)
    year = forms.IntegerField(
        label="发布年份", min_value=2000, max_value=2100, required=False,
        error_messages={"invalid": "请输入四位数的年份，例如 2026。", "min_value": "年份不能早于2000年。",
                        "max_value": "年份不正确。"},
    )  # fmt: skip
    validity = forms.ChoiceField(label="有效性", choices=[("", "不限"), *Validity.choices], required=False)
    sort = forms.ChoiceField(
        label="排序", choices=[("relevance", "相关度（标题匹配优先）"), ("date", "发布日期（新到旧）")], required=False
    )


@page_cache.kept  # the results of a query change only with what is public
def search_page(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    result = None
    page = 1
    if form.is_bound and form.is_valid() and form.cleaned_data["q"].strip():
        data = form.cleaned_data
        filters = search.Filters(
            organisation=data["org"].pk if data["org"] else None,
            column=data["column"].pk if data["column"] else None,
            topic=data["topic"].pk if data["topic"] else None,
            genre=data["genre"],
            year=data["year"],
            validity=data["validity"],
        )
        try:
            page = min(max(int(request.GET.get("page", "1")), 1), MAX_PAGE)
        except ValueError:
            page = 1
        result = search.search(
            data["q"], filters=filters, sort=data["sort"] or "relevance", offset=(page - 1) * PAGE_SIZE, limit=PAGE_SIZE
        )
    context: dict[str, Any] = {"form": form, "result": result, "page": page, "start": (page - 1) * PAGE_SIZE + 1}
    if result is not None:
        context["rows"] = [
            (item, search.snippet(item.title, result.terms, 60), search.snippet(_text_of(item), result.terms))
            for item in result.items
        ]
        context["has_next"] = result.has_next and page < MAX_PAGE
        context["filtered"] = filters != search.NO_FILTERS
    return render(request, "disclosure/search.html", context)


def _text_of(item: Item) -> str:
    """The text a snippet is cut from: the summary, then the body."""
    return f"{item.summary}\n{item.body_text}"
