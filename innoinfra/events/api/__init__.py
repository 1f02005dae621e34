"""REST resources of events: the calendar of events, registrations with their cancel and check-in, and the public
verification of certificates.

Reads follow the pages: published (held, cancelled) events are public, drafts are seen by those who run them; a
registration is seen by the registrant and by the event's organizers, and its token — the key to the participant's
own page — only by the registrant. Writes ask the same `rules` perms and call the same services, so the API and
the web can never disagree.

`innoinfra.api.urls` registers the three view sets exported here; the package holds:

- `events`: `EventViewSet`, the calendar of events with their programme;
- `registrations`: `RegistrationViewSet` (register, cancel, attend) and its permission;
- `certificates`: `CertificateViewSet`, a certificate verified by its number;
- `courses`: `CourseModuleViewSet` (the programme of a course) and `TrainingCertificateViewSet` (удостоверения о ПК);
- `serializers`: the shapes of events, registrations and certificates;
- `filters`: the filters of the calendar and of the registrations;
- `visibility`: what each user sees (public events and those they run, their own registrations and their events').
"""

from .certificates import CertificateViewSet
from .courses import CourseModuleViewSet, TrainingCertificateViewSet
from .events import EventViewSet
from .registrations import RegistrationViewSet

__all__ = [
    "CertificateViewSet",
    "CourseModuleViewSet",
    "EventViewSet",
    "RegistrationViewSet",
    "TrainingCertificateViewSet",
]
