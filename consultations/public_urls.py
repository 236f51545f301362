from django.urls import path

from . import public_views

app_name = "consultations"
urlpatterns = [
    path("<slug:org>/yjzj/", public_views.consultation_list, name="list"),
    path("<slug:org>/yjzj/receipt/", public_views.receipt, name="receipt"),
    path("<slug:org>/yjzj/<int:pk>/", public_views.consultation_page, name="consultation"),
]
