from django.conf import settings


def installation(request):
    return {"INSTALLATION_NAME": settings.INNOINFRA["INSTALLATION_NAME"]}
