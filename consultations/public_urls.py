from django.urls import path

from . import open_data, public_views
from .comments import public_views as comments
from .hearings import public_views as hearings

app_name = "consultations"
urlpatterns = [
    path("<slug:org>/yjzj/", public_views.consultation_list, name="list"),
    path("<slug:org>/yjzj/receipt/", comments.receipt, name="receipt"),
    path("<slug:org>/yjzj/<int:pk>/", public_views.consultation_page, name="consultation"),
    path("<slug:org>/yjzj/<int:pk>/comments/", comments.shown_comments, name="shown"),
    path("<slug:org>/yjzj/files/<int:pk>/", public_views.document, name="document"),
    path("<slug:org>/yjzj/tzh/<int:pk>/", hearings.hearing_page, name="hearing"),
    path("<slug:org>/yjzj/atom/", open_data.ConsultationFeed(), name="feed"),
    path("<slug:org>/yjzj/<int:pk>/comments.csv", open_data.comments_csv, name="comments-csv"),
    path("<slug:org>/yjzj/<int:pk>/comments.xlsx", open_data.comments_xlsx, name="comments-xlsx"),
]
