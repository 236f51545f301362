from django.urls import path

from . import complaint_views

app_name = "complaints-staff"
urlpatterns = [
    path("", complaint_views.queue, name="queue"),
    path("<int:pk>/", complaint_views.complaint_page, name="complaint"),
    path("<int:pk>/file/", complaint_views.attachment, name="attachment"),
]
