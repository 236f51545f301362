from django.urls import path

from . import views

app_name = "consultations-staff"
urlpatterns = [
    path("", views.consultation_list, name="consultations"),
    path("<int:pk>/", views.consultation_page, name="consultation"),
    path("<int:pk>/submit/", views.consultation_submit, name="consultation-submit"),
    path("<int:pk>/answers/", views.answer_comments, name="answer"),
    path("<int:pk>/adoption/", views.adoption_report, name="adoption"),
    path("<int:pk>/spam/", views.mark_spam, name="spam"),
    path("<int:pk>/phases/<int:phase_pk>/", views.update_phase, name="phase"),
    path("<int:pk>/extend/", views.extend, name="extend"),
]
