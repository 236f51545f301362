from django.urls import path

from . import public_views

app_name = "questions"
urlpatterns = [
    path("<slug:org>/hdjl/", public_views.question_list, name="list"),
    path("<slug:org>/hdjl/ask/", public_views.ask, name="ask"),
    path("<slug:org>/hdjl/chaxun/", public_views.track, name="track"),
    path("<slug:org>/hdjl/chaxun/convert/", public_views.convert, name="convert"),
    path("<slug:org>/hdjl/<int:pk>/", public_views.question_page, name="question"),
]
