"""The portal's addresses plus /bench/baseline/: 20 rows of one ORM query through a minimal template, with the
same middleware as every page, the yardstick the public pages' throughput is compared with."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import include, path

from disclosure.models import Item, ItemStatus


def baseline(request: HttpRequest) -> HttpResponse:
    rows = Item.objects.filter(status=ItemStatus.PUBLISHED).order_by("-publication_date", "-id")
    return render(request, "bench/baseline.html", {"rows": rows.values_list("pk", "title")[:20]})


urlpatterns = [path("bench/baseline/", baseline), path("", include("portal.urls"))]
