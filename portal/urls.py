from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from disclosure.views import open_data, search, sitemaps
from portal.views import public, signin, staff

portal_patterns = (
    [
        path("", public.home, name="home"),
        path("mode/<slug:mode>/<slug:state>/", public.set_mode, name="set-mode"),
        path("wzdt/", public.site_map, name="site-map"),
        path("kfsj/", public.open_data, name="open-data"),
        path("wza/", public.accessibility, name="accessibility"),
        path("staff/", staff.workbench, name="workbench"),
        path("staff/login/", signin.StaffLoginView.as_view(), name="staff-login"),
        path("staff/logout/", auth_views.LogoutView.as_view(), name="staff-logout"),
        path("staff/password/", signin.PasswordChangeView.as_view(), name="staff-password"),
        path(
            "staff/password/reset/<uidb64>/<token>/",
            signin.PasswordResetConfirmView.as_view(),
            name="staff-password-reset",
        ),
        path("staff/otp/", signin.authenticator, name="staff-otp"),
        path("staff/otp/codes/", signin.recovery_codes, name="staff-recovery-codes"),
        path("staff/account/", signin.account, name="staff-account"),
        path("staff/audit/", staff.audit_log, name="audit-log"),
        path("staff/audit/export/", staff.audit_export, name="audit-export"),
        path("staff/audit/purge/", staff.audit_purge_view, name="audit-purge"),
    ],
    "portal",
)

urlpatterns = [
    path("", include(portal_patterns)),
    path("search/", search.search_page, name="search"),
    path("api/<slug:org>/items/", open_data.api_items, name="api-items"),
    path("sitemap.xml", sitemaps.index, name="sitemap-index"),
    path("sitemap-columns.xml", sitemaps.columns, name="sitemap-columns"),
    path("sitemap-items-<int:number>.xml", sitemaps.items, name="sitemap-items"),
    path("gk/", include("supervision.annual_report.public_urls")),
    path("wzbb/", include("supervision.website_report.public_urls")),
    path("gk/", include("consultations.public_urls")),
    path("gk/", include("supervision.complaints.public_urls")),
    path("gk/", include("consultations.questions.public_urls")),
    path("", include("supervision.evaluations.urls")),
    path("gk/", include("disclosure.urls")),
    path("staff/items/", include("disclosure.staff_urls")),
    path("staff/catalogue/", include("disclosure.standard_catalogue.urls")),
    path("staff/review/", include("review.urls")),
    path("ysq/", include("requests_app.urls")),
    path("staff/ysq/", include("requests_app.staff_urls")),
    path("staff/reports/", include("supervision.annual_report.urls")),
    path("staff/website-reports/", include("supervision.website_report.urls")),
    path("staff/supervision/", include("supervision.dashboard.urls")),
    path("staff/complaints/", include("supervision.complaints.urls")),
    path("staff/inspections/", include("supervision.inspections.urls")),
    path("staff/assessments/", include("supervision.assessments.urls")),
    path("staff/consultations/", include("consultations.urls")),
    path("staff/questions/", include("consultations.questions.urls")),
    path("admin/", admin.site.urls),
]
