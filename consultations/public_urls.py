from django.urls import path

from . import hearing_public, open_data, public_views

app_name = "consultations"
urlpatterns = [
    path("<slug:org>/yjzj/", public_views.consultation_list, name="list"),
    path("<slug:org>/yjzj/receipt/", public_views.receipt, name="receipt"),
    path("<slug:org>/yjzj/<int:pk>/", public_views.consultation_page, name="consultation"),
    path("<slug:org>/yjzj/<int:pk>/comments/", public_views.shown_comments, name="shown"),
    path("<slug:org>/yjzj/files/<int:pk>/", public_views.document, name="document"),
    path("<slug:org>/yjzj/tzh/<int:pk>/", hearing_public.hearing_page, name="hearing"),
    path("<slug:org>/yjzj/atom/", open_data.ConsultationFeed(), name="feed"),
    path("<slug:org>/yjzj/<int:pk>/comments.csv", open_data.comments_csv, name="comments-csv"),
    path("<slug:org>/yjzj/<int:pk>/comments.xlsx", open_data.comments_xlsx, name="comments-xlsx"),
]
