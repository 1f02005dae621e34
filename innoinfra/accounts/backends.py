from axes.backends import AxesStandaloneBackend
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class LockoutBackend(AxesStandaloneBackend):
    """Refuses every sign-in of a locked-out account or client before a password is checked (django-axes).

    Every sign-in from the web passes its request (the login form, the admin login, the API token serializer);
    a call without one (the test client's `login`, a shell) comes from no client that could be counted or locked,
    so it is left to the backends below instead of failing as axes' own backend would."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


class UsernameOrEmailBackend(ModelBackend):
    """Log in with the user name or the e-mail address (case-insensitive)."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(get_user_model().USERNAME_FIELD)
        if not username or password is None:
            return None
        users = get_user_model()._default_manager
        if "@" in username:
            candidates = list(users.filter(email__iexact=username.strip())[:2])
            # An e-mail shared by two accounts identifies nobody.
            user = candidates[0] if len(candidates) == 1 else None
        else:
            user = users.filter(username__iexact=username.strip()).first()
        if user is None:
            users.model().set_password(password)  # same time as a real check: no user enumeration
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
