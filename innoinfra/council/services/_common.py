"""What the modules of the package share: a cancelled meeting's records do not change."""

from __future__ import annotations

from innoinfra.core.errors import ServiceError

from ..models import Meeting


def check_editable(meeting: Meeting) -> None:
    if not meeting.is_editable:
        raise ServiceError("Заседание отменено: его сведения не меняются. Верните его в запланированные.")
