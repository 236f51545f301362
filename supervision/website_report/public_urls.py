from django.urls import path

from . import public_views

app_name = "website-report-public"
urlpatterns = [
    path("", public_views.report_list, name="reports"),
    path("<slug:org>/<int:year>/", public_views.report_page, name="report"),
    path("<slug:org>/<int:year>.<str:fmt>", public_views.report_file, name="file"),
]
