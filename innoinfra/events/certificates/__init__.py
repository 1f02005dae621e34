"""Certificates of events: templates, issuing, batches in the background, PDF, verification pages."""
