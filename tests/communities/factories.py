"""Communities built through the services, as the pages build them."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from innoinfra.communities import services


def make_community(creator, municipality, *, title="Цифровая педагогика", is_open=True, **fields):
    fields.setdefault("description", "Педагоги, которые применяют цифровые инструменты на уроках.")
    return services.create_community(by=creator, title=title, municipality=municipality, is_open=is_open, **fields)


def add_member(community, user):
    """Join (open) or request and approve (closed) — an active member either way."""
    member = services.join(community, user=user)
    if not member.is_active:
        member = services.approve_request(member, by=None)
    return member


def make_post(community, author, *, kind="discussion", title="Перевёрнутый класс в 7 классе", body=None, **extra):
    body = body or "Как проверять, что ученики посмотрели видео дома?"
    return services.publish_post(community, by=author, kind=kind, title=title, body=body, **extra)


def checklist(name="chek-list.pdf", content=b"%PDF-1.4 checklist"):
    return SimpleUploadedFile(name, content, content_type="application/pdf")
