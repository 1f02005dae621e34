from rest_framework.permissions import SAFE_METHODS, BasePermission


class RulesPermission(BasePermission):
    """Reads follow the view's queryset (public data is public); writes ask the `rules` perms.

    A view names its perms in `perms = {"create": "registry.add_site", "update": ..., "destroy": ...}`.
    Object-level checks pass the object to the same predicates the pages use; a view whose perms are about a
    related object (a review is judged by its assignment) says which one in `perm_object(obj)`.
    """

    def has_permission(self, request, view):
        if request.method in SAFE_METHODS:
            return True
        perm = getattr(view, "perms", {}).get(getattr(view, "action", None) or "")
        if perm is None:
            return False
        if getattr(view, "action", None) == "create":
            return request.user.has_perm(perm)
        return request.user.is_authenticated

    def has_object_permission(self, request, view, obj):
        if request.method in SAFE_METHODS:
            return True
        perm = getattr(view, "perms", {}).get(getattr(view, "action", None) or "")
        target = view.perm_object(obj) if hasattr(view, "perm_object") else obj
        return bool(perm) and request.user.has_perm(perm, target)
