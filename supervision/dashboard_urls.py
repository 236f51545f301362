from django.urls import path

from . import dashboard_views

app_name = "dashboard"
urlpatterns = [
    path("", dashboard_views.dashboard_page, name="page"),
    path("<int:org>/<slug:figure>/", dashboard_views.behind, name="behind"),
]
