from django.urls import path

from . import views

app_name = "catalogue-staff"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("<int:org>/", views.catalogue_page, name="catalogue"),
    path("<int:org>/obligations/", views.obligations_page, name="obligations"),
    path("<int:org>/catalogue.xlsx", views.export, name="export"),
    path("<int:org>/import/", views.upload, name="import"),
]
