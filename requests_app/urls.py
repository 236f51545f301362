from django.urls import path

from requests_app import views

app_name = "requests_app"
urlpatterns = [
    path("track/", views.track, name="track"),
    path("track/<str:number>/", views.track_detail, name="track-detail"),
    path("track/<str:number>/notices/<int:pk>/", views.track_notice, name="track-notice"),
    path("track/<str:number>/notices/<int:pk>.pdf", views.track_notice, {"pdf": True}, name="track-notice-pdf"),
    path("track/<str:number>/files/<int:pk>/", views.track_file, name="track-file"),
    path("<slug:org>/", views.entrance, name="entrance"),
    path("<slug:org>/form.pdf", views.blank_form, name="blank-form"),
    path("<slug:org>/apply/", views.apply_start, name="apply"),
    path("<slug:org>/apply/check/", views.apply_check, name="apply-check"),
    path("<slug:org>/apply/done/", views.apply_done, name="apply-done"),
    path("<slug:org>/apply/<slug:step>/", views.apply_step, name="apply-step"),
]
