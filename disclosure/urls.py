from django.urls import path

from disclosure.standard_catalogue import public_views as standard_catalogue
from disclosure.views import open_data, public
from portal.page_cache import kept

app_name = "disclosure"
urlpatterns = [
    path("i/<path:index_number>/", public.by_index_number, name="by-index"),
    path("attachment/<int:pk>/", public.attachment, name="attachment"),
    path("<slug:org>/", public.organisation_column, name="organisation"),
    path("<slug:org>/c/<slug:slug>/", public.column, name="column"),
    path("<slug:org>/item/<int:pk>/", public.item, name="item"),
    path("<slug:org>/zt/<slug:slug>/", public.topic_page, name="topic-page"),
    path("<slug:org>/item/<int:pk>/print/", public.item_print, name="item-print"),
    path("<slug:org>/rss/", kept(open_data.ItemFeed()), name="feed-rss"),
    path("<slug:org>/atom/", kept(open_data.AtomItemFeed()), name="feed-atom"),
    path("<slug:org>/c/<slug:slug>/rss/", kept(open_data.ItemFeed()), name="column-feed-rss"),
    path("<slug:org>/c/<slug:slug>/atom/", kept(open_data.AtomItemFeed()), name="column-feed-atom"),
    path("<slug:org>/catalogue.csv", open_data.export_csv, name="export-csv"),
    path("<slug:org>/catalogue.xlsx", open_data.export_xlsx, name="export-xlsx"),
    path("<slug:org>/mulu/", standard_catalogue.catalogue, name="standard-catalogue"),
    path("<slug:org>/mulu/<int:pk>/", standard_catalogue.matter, name="matter"),
    path("<slug:org>/<slug:column>/rss/", kept(open_data.ItemFeed()), name="first-level-feed-rss"),
    path("<slug:org>/<slug:column>/atom/", kept(open_data.AtomItemFeed()), name="first-level-feed-atom"),
    path("<slug:org>/<slug:column>/", public.first_level, name="first-level"),
]
