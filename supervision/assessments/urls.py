from django.urls import path

from . import views

app_name = "assessments"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("start/", views.start, name="start"),
    path("<int:pk>/", views.score_sheet, name="sheet"),
    path("<int:pk>/action/", views.act, name="act"),
]
