from django.urls import path

from . import evaluation_views

app_name = "evaluations"
urlpatterns = [
    path("staff/evaluations/", evaluation_views.evaluations, name="page"),
    path("gk/pj/<int:pk>/", evaluation_views.vote, name="vote"),
    path("ysq/track/<str:number>/rating/", evaluation_views.rate_handling, name="rate-handling"),
]
