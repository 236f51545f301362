"""站内搜索: every published item containing all the terms a person typed, and beside them what other apps
publish (互动交流's answers), which they register here."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject

from disclosure import search
from disclosure.filters import SearchFilter
from disclosure.models import Item
from portal import page_cache

PAGE_SIZE = 20
MAX_PAGE = 50


@dataclass(frozen=True)
class Found:
    title: str
    url: str
    detail: str


# (query, organisation chosen in the filters or None) → a heading, the first matches and the address of all of them
Also = Callable[[str, int | None], tuple[str, list[Found], str]]
ALSO: list[Also] = []


def register(also: Also) -> None:
    if also not in ALSO:
        ALSO.append(also)


class SearchForm(forms.Form):
    """What to find and in which order; the filters are the catalogue lists' own (filters.SearchFilter)."""

    q = forms.CharField(
        label="搜索内容",
        max_length=100,
        help_text="多个词之间用空格隔开，须同时包含。",
        error_messages={"required": "请填写搜索内容：筛选和排序只用于缩小搜索结果的范围。"},
    )
    sort = forms.ChoiceField(
        label="排序", choices=[("relevance", "相关度（标题匹配优先）"), ("date", "发布日期（新到旧）")], required=False
    )


@page_cache.kept  # the results of a query change only with what is public
def search_page(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    # the filter form is built only when a filter is chosen or its cached rendering has expired (it costs more
    # than a search of a million items)
    filtering = any(request.GET.get(name) for name in SearchFilter.base_filters)
    filterset = SimpleLazyObject(lambda: SearchFilter(request.GET or None, queryset=Item.objects.none()))
    result = None
    page = 1
    chosen = search.NO_FILTERS
    if form.is_bound and form.is_valid() and (not filtering or filterset.is_valid()):
        if filtering:
            chosen = _chosen(filterset.form.cleaned_data)
        try:
            page = min(max(int(request.GET.get("page", "1")), 1), MAX_PAGE)
        except ValueError:
            page = 1
        sort = form.cleaned_data["sort"] or "relevance"
        result = search.search(
            form.cleaned_data["q"], filters=chosen, sort=sort, offset=(page - 1) * PAGE_SIZE, limit=PAGE_SIZE
        )
    context: dict[str, Any] = {
        "form": form,
        "filters": filterset,
        "sort_fields": [form["sort"]],
        "filtered": chosen != search.NO_FILTERS,
        "filters_open": filtering,
        "filter_key": _filter_query(request),
        "result": result,
        "page": page,
        "start": (page - 1) * PAGE_SIZE + 1,
    }
    if result is not None:
        context["rows"] = [
            (item, search.snippet(item.title, result.terms, 60), search.snippet(item.text, result.terms))
            for item in result.items
        ]
        context["has_next"] = result.has_next and page < MAX_PAGE
        if page == 1:
            found = [also(form.cleaned_data["q"], chosen.organisation) for also in ALSO]
            context["also"] = [entry for entry in found if entry[1]]
    return render(request, "disclosure/search.html", context)


def _chosen(data: dict[str, Any]) -> search.Filters:
    return search.Filters(
        organisation=data["publisher"].pk if data["publisher"] else None,
        column=data["column"].pk if data["column"] else None,
        topic=data["topic"].pk if data["topic"] else None,
        genre=data["genre"],
        year=int(data["year"]) if data["year"] is not None else None,
        validity=data["validity"],
    )


def _filter_query(request: HttpRequest) -> str:
    """What the filter form shows depends on (the query string without the words and the page): the rendered
    form is cached by it, as the lists' is (it costs more to render than the search)."""
    chosen = request.GET.copy()
    for name in ("q", "page"):
        chosen.pop(name, None)
    return chosen.urlencode()
