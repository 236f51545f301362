from django.urls import path

from requests_app import views

app_name = "requests_app"
urlpatterns = [
    path("<slug:org>/", views.entrance, name="entrance"),
    path("<slug:org>/form.pdf", views.blank_form, name="blank-form"),
]
