"""Who may do what with events. Staff (authority, methodist) run the events of their municipalities; a school's
administrator runs the events their organization organizes; anyone reads and registers for published events."""

import rules

from innoinfra.accounts.rules import is_installation_admin, is_staff_member
from innoinfra.accounts.scopes import scope_of

from .enums import PUBLIC_STATES


@rules.predicate
def manages_event(user, event):
    return event is None or scope_of(user).manages(event.municipality_id)


@rules.predicate
def administers_organizer(user, event):
    """org_admin of the organizing organization."""
    return event is not None and event.organizer_id in scope_of(user).organizations


@rules.predicate
def is_org_admin(user):
    return bool(scope_of(user).organizations)


@rules.predicate
def is_public_event(user, event):
    return event is not None and event.state in PUBLIC_STATES


can_organize = (is_staff_member & manages_event) | administers_organizer

rules.add_perm("events.add_event", is_staff_member | is_org_admin)
rules.add_perm("events.view_event", is_public_event | can_organize)
rules.add_perm("events.change_event", can_organize)
rules.add_perm("events.view_registrations", can_organize)
rules.add_perm("events.manage_events", is_staff_member | is_org_admin)


@rules.predicate
def may_edit_template(user, template):
    """A template of an organization: its administrator and staff of its territory; the common one: the
    installation's administrator."""
    if template is None:
        return False
    if template.organization_id is None:
        return is_installation_admin(user)
    scope = scope_of(user)
    return template.organization_id in scope.organizations or (
        scope.is_staff and scope.manages(template.organization.municipality_id)
    )


rules.add_perm("events.manage_certificate_templates", is_staff_member | is_org_admin)
rules.add_perm("events.change_certificatetemplate", may_edit_template)

# a school's head registers their staff, a methodist the staff of their territory's schools (services.group)
rules.add_perm("events.register_staff", is_staff_member | is_org_admin)


# courses: the register of удостоверения о ПК is kept by those who run events (each sees their own territory's or
# organization's); an удостоверение is seen by its course's organizers and by its holder
@rules.predicate
def runs_course_of(user, certificate):
    return certificate is not None and can_organize.test(user, certificate.event)


@rules.predicate
def holds_training_certificate(user, certificate):
    if certificate is None or not user.is_authenticated:
        return False
    registration = certificate.registration
    email = (user.email or "").strip().lower()
    return registration.user_id == user.pk or bool(email and certificate.email == email)


rules.add_perm("events.view_training_register", is_staff_member | is_org_admin)
rules.add_perm("events.view_trainingcertificate", runs_course_of | holds_training_certificate)
