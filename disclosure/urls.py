from django.urls import path

from disclosure import views

app_name = "disclosure"
urlpatterns = [
    path("<slug:org>/", views.organisation_column, name="organisation"),
    path("<slug:org>/yjzj/", views.consultations, name="consultations"),
    path("<slug:org>/<slug:column>/", views.column, name="column"),
]
