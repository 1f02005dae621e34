"""A site created from an application takes the application's passport: review sends `application_approved` when
the order that creates the site approves the application (council orders and any other path go through it)."""

from django.dispatch import receiver

from innoinfra.review.signals import application_approved

from . import services


@receiver(application_approved, dispatch_uid="passports.from_application")
def copy_application_passport(sender, application, by=None, **kwargs):
    services.passport_from_application(application, by=by)
