from django.urls import path

from . import public_views

app_name = "supervision-public"
urlpatterns = [
    path("<slug:org>/zfxxgknb/<int:year>/", public_views.report_page, name="report"),
    path("<slug:org>/zfxxgknb/<int:year>/v<int:version>/", public_views.report_page, name="report-version"),
    path("<slug:org>/zfxxgknb/<int:year>/v<int:version>.<str:fmt>", public_views.report_file, name="report-file"),
]
