from django.urls import path

from . import views

app_name = "evaluations"
urlpatterns = [
    path("staff/evaluations/", views.evaluations, name="page"),
    path("gk/pj/<int:pk>/", views.vote, name="vote"),
    path("ysq/track/<str:number>/rating/", views.rate_handling, name="rate-handling"),
]
