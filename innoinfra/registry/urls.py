from django.urls import path

from . import import_views, manage_views, views

app_name = "registry"

urlpatterns = [
    path("", views.site_list, name="sites"),
    path("sites/new/", manage_views.site_create, name="site_create"),
    path("sites/<int:pk>/edit/", manage_views.site_edit, name="site_edit"),
    path("sites/<int:pk>/state/", manage_views.site_state, name="site_state"),
    path("organizations/", views.organization_list, name="organizations"),
    path("organizations/new/", manage_views.organization_create, name="organization_create"),
    path("organizations/import/", import_views.organization_import, name="organization_import"),
    path("organizations/import/preview/", import_views.organization_import_preview, name="organization_import_preview"),
    path(
        "organizations/import/template.xlsx",
        import_views.organization_import_template,
        name="organization_import_template",
    ),
    path("organizations/<int:pk>/edit/", manage_views.organization_edit, name="organization_edit"),
    path("organizations/<int:pk>/embed/", views.organization_embed, name="organization_embed"),
    path("organizations/<int:pk>/activity.json", views.organization_activity_feed, name="organization_feed"),
    path("orders/", views.order_list, name="orders"),
    path("orders/new/", manage_views.order_create, name="order_create"),
    path("orders/<int:pk>/", views.order_detail, name="order"),
    path("orders/<int:pk>/edit/", manage_views.order_edit, name="order_edit"),
    path("map/", views.map_page, name="map"),
    path("map/data.json", views.map_data, name="map_data"),
    path("map/matrix/", views.map_matrix, name="map_matrix"),
    path("history/<str:model>/<int:pk>/", manage_views.history, name="history"),
    path("catalogues/", manage_views.catalogues, name="catalogues"),
    path("catalogues/<str:catalogue>/new/", manage_views.catalogue_edit, name="catalogue_create"),
    path("catalogues/<str:catalogue>/<int:pk>/", manage_views.catalogue_edit, name="catalogue_edit"),
]
