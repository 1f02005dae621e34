"""What the modules of the package share: the records of a cancelled meeting, or of one whose protocol is signed, do
not change."""

from __future__ import annotations

from innoinfra.core.errors import ServiceError

from ..models import Meeting


def check_editable(meeting: Meeting) -> None:
    """Refuse when the meeting is cancelled or its protocol signed. The row is re-read under a lock (callers run in a
    transaction), so an edit and the signature of the protocol never interleave."""
    fresh = Meeting.objects.select_for_update().only("state", "protocol_signed_at").get(pk=meeting.pk)
    meeting.state, meeting.protocol_signed_at = fresh.state, fresh.protocol_signed_at
    if not meeting.is_editable:
        raise ServiceError(meeting.lock_reason)
