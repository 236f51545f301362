from django.urls import path

from . import views

app_name = "inspections"
urlpatterns = [
    path("", views.overview, name="follow-ups"),
    path("new/", views.new_inspection, name="new-inspection"),
    path("meetings/new/", views.new_meeting, name="new-meeting"),
    path("follow-ups/<int:pk>/", views.follow_up_action, name="follow-up"),
]
