"""The fake Pinpoint service: a router of operations over one state per stub.

``http`` (replies, bodies, loopback) < ``state``, ``scripts``, ``record`` < ``context`` <
operation handlers (``messages``) < ``router`` < ``stub`` (the facade). Nothing is imported
here: ``pytest_pinpoint.service.http`` is used by the interception adapters without loading
the rest.
"""
