from django.urls import path

from . import views, visits

app_name = "dashboard"
urlpatterns = [
    path("", views.dashboard_page, name="page"),
    path("visits/", visits.visits_page, name="visits"),
    path("self-check/", views.self_check_page, name="self-check"),
    path("<int:org>/<slug:figure>/", views.behind, name="behind"),
]
