from django.urls import path

from . import inspection_views

app_name = "inspections"
urlpatterns = [
    path("", inspection_views.overview, name="follow-ups"),
    path("new/", inspection_views.new_inspection, name="new-inspection"),
    path("meetings/new/", inspection_views.new_meeting, name="new-meeting"),
    path("follow-ups/<int:pk>/", inspection_views.follow_up_action, name="follow-up"),
]
