from django.urls import path

from . import public_views

app_name = "complaints"
urlpatterns = [
    path("<slug:org>/tousu/", public_views.complaint_form, name="form"),
    path("<slug:org>/tousu/chaxun/", public_views.track, name="track"),
]
