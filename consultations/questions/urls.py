from django.urls import path

from . import views

app_name = "questions-staff"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("<int:pk>/", views.question_page, name="question"),
]
