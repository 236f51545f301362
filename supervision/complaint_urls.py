from django.urls import path

from . import complaint_public

app_name = "complaints"
urlpatterns = [
    path("<slug:org>/tousu/", complaint_public.complaint_form, name="form"),
    path("<slug:org>/tousu/chaxun/", complaint_public.track, name="track"),
]
