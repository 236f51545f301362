from django.urls import path

from review import views

app_name = "review"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("batch/", views.approve_batch, name="batch"),
    path("figures/", views.figures, name="figures"),
    path("batches/<int:pk>/", views.batch_page, name="batch-page"),
    path("batches/<int:pk>/approve/", views.batch_approve, name="batch-approve"),
    path("<int:pk>/", views.submission_page, name="submission"),
    path("<int:pk>/decide/", views.decide, name="decide"),
    path("<int:pk>/mask/", views.mask, name="mask"),
    path("<int:pk>/override/", views.override, name="override"),
    path("<int:pk>/answer/", views.answer, name="answer"),
]
