from django.urls import path

from . import assessment_views

app_name = "assessments"
urlpatterns = [
    path("", assessment_views.overview, name="overview"),
    path("start/", assessment_views.start, name="start"),
    path("<int:pk>/", assessment_views.score_sheet, name="sheet"),
    path("<int:pk>/action/", assessment_views.act, name="act"),
]
