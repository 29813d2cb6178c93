"""The documented contract of Amazon SES v2's sends (``sesv2``: SendEmail, SendBulkEmail).

Its limits, each next to its quoted source (:mod:`.limits`), its rules in the catalog
(:mod:`.catalog`, merged into :data:`pytest_pinpoint.contract.RULES`), the model's own
maxima, minima, patterns and enums (:mod:`.constraints`, read from botocore, never retyped)
and the prose rules of the API reference and developer guide (:mod:`.send`). The one
validator of a send request is :func:`.send.validate_send`.
"""
