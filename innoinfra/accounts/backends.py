from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


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
