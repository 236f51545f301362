from django.urls import path

from requests_app import register_views, staff_views

app_name = "requests-staff"
urlpatterns = [
    path("", staff_views.queue, name="queue"),
    path("register/", staff_views.register, name="register"),
    path("import/", register_views.import_register_view, name="import"),
    path("register.xlsx", register_views.export_register, name="export"),
    path("<int:pk>/", staff_views.case, name="case"),
    path("<int:pk>/act/<slug:action>/", staff_views.act, name="act"),
    path("<int:pk>/reveal/", staff_views.reveal, name="reveal"),
    path("<int:pk>/appeals/", staff_views.appeal_add, name="appeal-add"),
    path("<int:pk>/appeals/<int:appeal_pk>/", staff_views.appeal_result, name="appeal-result"),
    path("notices/<int:pk>/", staff_views.notice, name="notice"),
    path("notices/<int:pk>.pdf", staff_views.notice, {"pdf": True}, name="notice-pdf"),
    path("attachments/<int:pk>/", staff_views.attachment, name="attachment"),
]
