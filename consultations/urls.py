from django.urls import path

from . import comment_views, hearing_views, views

app_name = "consultations-staff"
urlpatterns = [
    path("", views.consultation_list, name="consultations"),
    path("<int:pk>/", views.consultation_page, name="consultation"),
    path("<int:pk>/edit/", views.consultation_edit, name="consultation-edit"),
    path("<int:pk>/submit/", views.consultation_submit, name="consultation-submit"),
    path("<int:pk>/answers/", views.answer_comments, name="answer"),
    path("<int:pk>/adoption/", views.adoption_report, name="adoption"),
    path("<int:pk>/spam/", views.mark_spam, name="spam"),
    path("<int:pk>/phases/<int:phase_pk>/", views.update_phase, name="phase"),
    path("<int:pk>/extend/", views.extend, name="extend"),
    path("<int:pk>/documents/", views.add_document, name="add-document"),
    path("<int:pk>/documents/<int:document_pk>/", views.document_action, name="document"),
    path("<int:pk>/documents/<int:document_pk>/file/", views.document_file, name="document-file"),
    path("<int:pk>/decision/", views.link_decision, name="decision"),
    path("<int:pk>/register/", comment_views.register_comment, name="register"),
    path("<int:pk>/meetings/", comment_views.record_meeting, name="meeting"),
    path("<int:pk>/moderate/", comment_views.moderate, name="moderate"),
    path("<int:pk>/comments/<int:comment_pk>/file/", comment_views.comment_attachment, name="comment-file"),
    path("<int:pk>/hearings/", hearing_views.create_hearing, name="create-hearing"),
    path("hearings/<int:pk>/", hearing_views.hearing_page, name="hearing"),
    path("hearings/<int:pk>/action/", hearing_views.hearing_action, name="hearing-action"),
    path("hearings/<int:pk>/registrations/", hearing_views.paper_registration, name="paper-registration"),
    path("hearings/<int:pk>/contacts/", hearing_views.contacts, name="hearing-contacts"),
    path("hearings/<int:pk>/record/", hearing_views.record, name="record"),
    path("hearings/<int:pk>/record/file/", hearing_views.record_file, name="record-file"),
]
