"""Actions that create records from one click happen once, however many times the click arrives.

A page's form carries a one-time token (`{% submission_token %}` from the `once` template tags); an API request may
carry an `Idempotency-Key` header. The first request that brings a key inserts a `Submission` row in the same
transaction as the action; any repeat — sequential, or at the same moment (the database makes the second insert wait
for the first transaction and then refuses it) — finds that row and answers with the first result instead of acting
again. A refused action rolls its row back, so the same form may be corrected and sent again.
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.db import IntegrityError, transaction

from .models import Submission

FIELD = "submission_token"
HEADER = "Idempotency-Key"
KEY_PATTERN = re.compile(r"[A-Za-z0-9_.:-]{8,100}")
REPLAYED = "Эта форма уже была отправлена: повторное нажатие ничего не добавило, открыта запись, созданная первым."


def new_token() -> str:
    return secrets.token_urlsafe(24)


def owner_of(user) -> str:
    return f"user:{user.pk}" if user is not None and user.is_authenticated else "anonymous"


@dataclass(frozen=True)
class Replay:
    """A repeat of an earlier submission: what the first one answered."""

    earlier: Submission


def claim(*, user, key: str, purpose: str, fingerprint: str = "") -> Submission | Replay:
    """Take the key for this action, or find who took it first. Call inside the action's transaction."""
    owner = owner_of(user)
    try:
        with transaction.atomic():  # a savepoint: the refused insert must not spoil the caller's transaction
            return Submission.objects.create(owner=owner, key=key, purpose=purpose[:200], fingerprint=fingerprint)
    except IntegrityError:
        return Replay(Submission.objects.get(owner=owner, key=key))


@dataclass(frozen=True)
class Repeated:
    """What `once` returns for a repeated form: where the first submission's result is."""

    url: str


def once(request, action: Callable[[], Any], *, purpose: str, fallback_url: str = "") -> Any:
    """Run a page's `action` at most once per form token; a repeat returns `Repeated(url)` (the first result's page,
    or `fallback_url`) after telling the user so. A form without a valid token (an old page, a script) just acts."""
    token = request.POST.get(FIELD, "")
    if not KEY_PATTERN.fullmatch(token):
        return action()
    # The token and what was sent: a double click sends the same twice; a page brought back with «Back», changed
    # and sent again is a new request and must not be mistaken for a repeat.
    key = f"{token}:{form_digest(request)}"
    with transaction.atomic():
        taken = claim(user=request.user, key=key, purpose=purpose)
        if isinstance(taken, Replay):
            messages.info(request, REPLAYED)
            return Repeated(taken.earlier.result_url or fallback_url or request.path)
        result = action()
        url = result.get_absolute_url() if hasattr(result, "get_absolute_url") else ""
        taken.result_url = url[:500]
        taken.save(update_fields=["result_url"])
    return result


def form_digest(request) -> str:
    fields = sorted((name, values) for name, values in request.POST.lists() if name != "csrfmiddlewaretoken")
    files = sorted((name, f.name, f.size) for name, f in request.FILES.items())
    body = json.dumps([request.path, fields, files], ensure_ascii=False)
    return hashlib.sha256(body.encode()).hexdigest()[:32]


def fingerprint_of(request) -> str:
    """What the request asks for: a repeat with the same key must ask for the same thing."""
    data = request.data
    if hasattr(data, "lists"):  # a QueryDict of a form or multipart body
        data = {name: values for name, values in data.lists()}
    body = json.dumps([request.method, request.path, data], sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(body.encode()).hexdigest()
