from django.urls import path

from . import views
from .comments import views as comments
from .hearings import views as hearings

app_name = "consultations-staff"
urlpatterns = [
    path("", views.consultation_list, name="consultations"),
    path("<int:pk>/", views.consultation_page, name="consultation"),
    path("<int:pk>/edit/", views.consultation_edit, name="consultation-edit"),
    path("<int:pk>/submit/", views.consultation_submit, name="consultation-submit"),
    path("<int:pk>/answers/", comments.answer_comments, name="answer"),
    path("<int:pk>/adoption/", comments.adoption_report, name="adoption"),
    path("<int:pk>/spam/", comments.mark_spam, name="spam"),
    path("<int:pk>/phases/<int:phase_pk>/", views.update_phase, name="phase"),
    path("<int:pk>/extend/", views.extend, name="extend"),
    path("<int:pk>/documents/", views.add_document, name="add-document"),
    path("<int:pk>/documents/<int:document_pk>/", views.document_action, name="document"),
    path("<int:pk>/documents/<int:document_pk>/file/", views.document_file, name="document-file"),
    path("<int:pk>/decision/", views.link_decision, name="decision"),
    path("<int:pk>/register/", comments.register_comment, name="register"),
    path("<int:pk>/meetings/", comments.record_meeting, name="meeting"),
    path("<int:pk>/moderate/", comments.moderate, name="moderate"),
    path("<int:pk>/comments/<int:comment_pk>/file/", comments.comment_attachment, name="comment-file"),
    path("<int:pk>/hearings/", hearings.create_hearing, name="create-hearing"),
    path("hearings/<int:pk>/", hearings.hearing_page, name="hearing"),
    path("hearings/<int:pk>/action/", hearings.hearing_action, name="hearing-action"),
    path("hearings/<int:pk>/registrations/", hearings.paper_registration, name="paper-registration"),
    path("hearings/<int:pk>/contacts/", hearings.contacts, name="hearing-contacts"),
    path("hearings/<int:pk>/record/", hearings.record, name="record"),
    path("hearings/<int:pk>/record/file/", hearings.record_file, name="record-file"),
]
