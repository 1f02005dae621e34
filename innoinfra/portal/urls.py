from django.urls import path

from . import views

app_name = "portal"

# Mounted under /registry/ like the registry's own pages, so the addresses people bookmarked stay the same.
urlpatterns = [
    path("sites/<int:pk>/", views.site_detail, name="site"),
    path("organizations/<int:pk>/", views.organization_detail, name="organization"),
    path("organizations/<int:pk>/embed/", views.organization_embed, name="organization_embed"),
    path("organizations/<int:pk>/activity.json", views.organization_activity_feed, name="organization_feed"),
]
