"""API clients and small readers shared by the API tests."""

from rest_framework.test import APIClient


def api(user=None):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def logged_in(user):
    """A session like a browser's: each request loads its user afresh, so query counts are the real ones."""
    client = APIClient()
    client.force_login(user)
    return client


def persona(request, name):
    return request.getfixturevalue(name) if name else None


def ids(response) -> set[int]:
    assert response.status_code == 200, response.json()
    return {row["id"] for row in response.json()["results"]}
