"""Which collections a person sees, for the list page and the API alike."""

from django.db.models import Q, QuerySet

from innoinfra.accounts.scopes import scope_of

from .models import Collection, CollectionState


def visible_collections(user) -> QuerySet[Collection]:
    """Published collections, and the drafts of the territories the user compiles for."""
    collections = Collection.objects.all()
    managed = scope_of(user).managed_municipalities
    if managed is not None:
        collections = collections.filter(Q(state=CollectionState.PUBLISHED) | Q(municipality__in=managed))
    return collections
