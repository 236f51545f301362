from django.urls import path

from . import views

app_name = "website-report"
urlpatterns = [
    path("", views.report_list, name="reports"),
    path("platform/", views.platform_page, name="platform"),
    path("<int:pk>/", views.report_page, name="report"),
    path("<int:pk>/recompute/", views.report_recompute, name="recompute"),
    path("<int:pk>/submit/", views.report_submit, name="submit"),
    path("<int:pk>/report.xlsx", views.report_download, name="download"),
]
