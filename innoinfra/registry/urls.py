from django.urls import path

from innoinfra.core.public_cache import cached_for_visitors

from .views import imports, manage, network, public

# anonymous visitors' pages, kept until something in the registry or the reference data changes (core.public_cache)
public_page = cached_for_visitors("registry", "reference")

app_name = "registry"

urlpatterns = [
    path("", public_page(public.site_list), name="sites"),
    path("sites/new/", manage.site_create, name="site_create"),
    path("sites/<int:pk>/edit/", manage.site_edit, name="site_edit"),
    path("sites/<int:pk>/state/", manage.site_state, name="site_state"),
    path("sites/<int:pk>/network/", network.site_network, name="site_network"),
    path("sites/<int:site_pk>/members/new/", network.member_edit, name="member_create"),
    path("members/<int:pk>/edit/", network.member_edit, name="member_edit"),
    path("members/<int:pk>/delete/", network.member_delete, name="member_delete"),
    path("sites/<int:site_pk>/agreements/new/", network.agreement_edit, name="agreement_create"),
    path("agreements/", network.agreement_list, name="agreements"),
    path("agreements/<int:pk>/edit/", network.agreement_edit, name="agreement_edit"),
    path("agreements/<int:pk>/delete/", network.agreement_delete, name="agreement_delete"),
    path("agreements/<int:pk>/file/", network.agreement_file, name="agreement_file"),
    path("organizations/", public_page(public.organization_list), name="organizations"),
    path("organizations/new/", manage.organization_create, name="organization_create"),
    path("organizations/import/", imports.organization_import, name="organization_import"),
    path("organizations/import/preview/", imports.organization_import_preview, name="organization_import_preview"),
    path(
        "organizations/import/template.xlsx",
        imports.organization_import_template,
        name="organization_import_template",
    ),
    path("organizations/<int:pk>/edit/", manage.organization_edit, name="organization_edit"),
    path("municipalities/options/", public.municipality_options, name="municipality_options"),
    path("orders/", public_page(public.order_list), name="orders"),
    path("orders/new/", manage.order_create, name="order_create"),
    path("orders/<int:pk>/", public.order_detail, name="order"),
    path("orders/<int:pk>/file/", public.order_file, name="order_file"),
    path("orders/<int:pk>/edit/", manage.order_edit, name="order_edit"),
    path("map/", public.map_page, name="map"),
    path("map/data.json", public_page(public.map_data), name="map_data"),
    path("map/matrix/", public.map_matrix, name="map_matrix"),
    path("history/<str:model>/<int:pk>/", manage.history, name="history"),
    path("catalogues/", manage.catalogues, name="catalogues"),
    path("catalogues/<str:catalogue>/new/", manage.catalogue_edit, name="catalogue_create"),
    path("catalogues/<str:catalogue>/<int:pk>/", manage.catalogue_edit, name="catalogue_edit"),
]
