"""Single sign-on through the region's identity provider (accounts/oidc.py); 404 while it is off.

The URL names are mozilla-django-oidc's own, so its views build the callback address they expect."""

from django.urls import path

from .oidc_views import SignOnCallback, StartSignOn

urlpatterns = [
    path("authenticate/", StartSignOn.as_view(), name="oidc_authentication_init"),
    path("callback/", SignOnCallback.as_view(), name="oidc_authentication_callback"),
]
