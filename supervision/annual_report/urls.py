from django.urls import path

from . import views

app_name = "supervision"
urlpatterns = [
    path("", views.report_list, name="reports"),
    path("<int:pk>/", views.report_page, name="report"),
    path("<int:pk>/download.<str:fmt>", views.report_download, name="report-download"),
    path("<int:pk>/submit/", views.report_submit, name="report-submit"),
    path("<int:pk>/correct/", views.report_correct, name="report-correct"),
]
