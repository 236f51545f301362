from django.urls import path

from . import views

app_name = "complaints-staff"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("<int:pk>/", views.complaint_page, name="complaint"),
    path("<int:pk>/file/", views.attachment, name="attachment"),
]
