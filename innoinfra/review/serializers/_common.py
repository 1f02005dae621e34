"""What the serializers of the package share: the request's user and absolute addresses."""

from __future__ import annotations


def request_user(serializer) -> object:
    return serializer.context["request"].user


def absolute_uri(serializer, url: str) -> str:
    request = serializer.context.get("request")
    return request.build_absolute_uri(url) if request is not None else url
