"""What the review engine tells the apps above it. They listen; the engine imports none of them (the layers)."""

from django.dispatch import Signal

# Sent inside the transaction that approves an application by an order and links the site created from it, with
# `application` (its `site` and `order` set) and `by`. A receiver's failure rolls the approval back with it.
application_approved = Signal()
