"""Materials of an event: files and links, public or for participants only."""

from __future__ import annotations

from django.db import transaction

from innoinfra.core.errors import ServiceError
from innoinfra.core.uploads import DOCUMENTS, checked_material

from ..enums import SEATED_STATES, EventState
from ..models import Event, Material, Registration
from ._common import locked

MATERIAL_TYPES = DOCUMENTS.extensions


@transaction.atomic
def add_material(
    event: Event, *, title: str, file=None, url: str = "", participants_only: bool = True, by=None
) -> Material:
    """A file or a link; a file is stored under a random name (see core.files), so nobody finds it by guessing."""
    locked(event)
    if event.state == EventState.CANCELLED:
        raise ServiceError("Мероприятие отменено: материалы к нему не добавляются.")
    title, url = checked_material(title=title or "", file=file, url=url, purpose=DOCUMENTS)
    return Material.objects.create(
        event=event, title=title[:500], file=file or "", url=url, participants_only=bool(participants_only)
    )


@transaction.atomic
def delete_material(material: Material, *, by=None) -> None:
    """The row goes now; the file goes from the storage once the deletion is committed."""
    locked(material.event)
    file = material.file
    material.delete()
    if file:
        name, storage = file.name, file.storage
        transaction.on_commit(lambda: storage.delete(name))


def material_download_name(material: Material) -> str:
    return material.download_name


def sees_private_materials(event: Event, *, user=None, registration: Registration | None = None) -> bool:
    """Materials «только для участников» are for those holding a seat (by their link or their account) and
    for the organizers."""
    if registration is not None:
        return registration.event_id == event.pk and registration.state in SEATED_STATES
    if user is None or not user.is_authenticated:
        return False
    if user.has_perm("events.change_event", event):
        return True
    return event.registrations.filter(user=user, state__in=SEATED_STATES).exists()
