from django.urls import path

from disclosure.views import catalogue_import, guide, staff

app_name = "disclosure-staff"
urlpatterns = [
    path("", staff.item_list, name="items"),
    path("new/", staff.item_create, name="item-new"),
    path("import/", catalogue_import.catalogue_import, name="import"),
    path("import/template.csv", catalogue_import.catalogue_template, name="import-template"),
    path("print/", staff.print_layouts, name="print"),
    path("guide/", guide.guide_edit, name="guide"),
    path("<int:pk>/postings/new/", staff.posting_add, name="posting-add"),
    path("<int:pk>/postings/<int:posting_pk>/photo/", staff.posting_photo, name="posting-photo"),
    path("<int:pk>/", staff.item_detail, name="item"),
    path("<int:pk>/edit/", staff.item_edit, name="item-edit"),
    path("<int:pk>/preview/", staff.item_preview, name="item-preview"),
    path("<int:pk>/submit/", staff.item_submit, name="item-submit"),
    path("<int:pk>/revise/", staff.item_revise, name="item-revise"),
    path("<int:pk>/withdraw/", staff.item_withdraw, name="item-withdraw"),
    path("<int:pk>/attachments/", staff.attachment_add, name="attachment-add"),
    path("<int:pk>/attachments/<int:attachment_pk>/", staff.attachment_download, name="attachment"),
    path("<int:pk>/attachments/<int:attachment_pk>/delete/", staff.attachment_remove, name="attachment-remove"),
    path("<int:pk>/attachments/<int:attachment_pk>/replace/", staff.attachment_replace, name="attachment-replace"),
    path("<int:pk>/docx/", staff.docx_import, name="docx-import"),
]
