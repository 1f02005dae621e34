"""Django's password change and reset pages with our Bootstrap forms and Russian e-mails.

Included at /accounts/ before `django.contrib.auth.urls`, under the same URL names, so every
`{% url 'password_reset' %}` and the views' own redirects reach these versions.
"""

from django.contrib.auth import views as auth_views
from django.urls import path

from .forms import ChangePasswordForm, NewPasswordForm, ResetPasswordForm
from .throttling import ThrottledPasswordResetView

urlpatterns = [
    path(
        "password_change/",
        auth_views.PasswordChangeView.as_view(form_class=ChangePasswordForm),
        name="password_change",
    ),
    path("password_change/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path(
        "password_reset/",
        ThrottledPasswordResetView.as_view(form_class=ResetPasswordForm),
        name="password_reset",
    ),
    path("password_reset/done/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(form_class=NewPasswordForm),
        name="password_reset_confirm",
    ),
    path("reset/done/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
]
