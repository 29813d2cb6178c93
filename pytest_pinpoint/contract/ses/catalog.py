"""SES v2's rules in the catalog: ID (``ses-``), default severity, summary, public source, limit.

Merged into :data:`pytest_pinpoint.contract.RULES` (as its ``Rule``) by
:mod:`pytest_pinpoint.contract.rules`, so a severity override, ``expect_violation`` and
``pytest-pinpoint rules`` take them as they take Pinpoint's. Numbers come from :mod:`.limits`
and :mod:`..limits` (one home each).
"""

from __future__ import annotations

from ..limits import MAX_EMAIL_HEADERS, MAX_HEADER_NAME_LENGTH
from ..rule import Rule, Severity
from .limits import (
    API_V1,
    API_V2,
    ATTACHMENTS_PAGE,
    DEV_GUIDE,
    IDENTITIES_PAGE,
    MAX_BULK_ENTRIES,
    MAX_DESTINATIONS,
    MAX_RAW_LINE,
    MAX_TAG_LENGTH,
    MESSAGE_TAG_PAGE,
    MODEL,
    OPERATIONS,
    RAW_MESSAGE_PAGE,
    RAW_REQUIRED_HEADERS,
    RENDERING_PAGE,
    SEND_BULK_EMAIL,
    SEND_EMAIL_PAGE,
    SEND_EMAIL_V1_PAGE,
    TEMPLATES_PAGE,
)


def _rule(
    rule_id: str,
    severity: Severity,
    summary: str,
    source: str,
    limit: str | None = None,
    operations: tuple[str, ...] = OPERATIONS,
) -> Rule:
    return Rule(rule_id, summary, severity, source, limit, operations)


_TAG = "ASCII letters, digits, _ and -"

SES_RULES: tuple[Rule, ...] = (
    # the model's own constraints (botocore checks none of them)
    _rule("ses-model-max", "error", "a value is within the model's maximum", MODEL, "model max"),
    _rule("ses-model-min", "error", "a value is at least the model's minimum", MODEL, "model min"),
    _rule("ses-model-pattern", "error", "a string matches the model's pattern", MODEL, "pattern"),
    _rule("ses-model-enum", "error", "a value is one of the model's enum", MODEL, "enum"),
    # content
    _rule(
        "ses-content-kind",
        "error",
        "Content has exactly one of Simple, Raw, Template",
        f"{API_V2}, EmailContent: {SEND_EMAIL_PAGE}",
        "exactly one",
    ),
    _rule(
        "ses-template-source",
        "error",
        "a Template names exactly one of TemplateName, TemplateArn, TemplateContent",
        f"{API_V2}, Template: {SEND_EMAIL_PAGE}",
        "exactly one",
    ),
    _rule(
        "ses-template-data-json",
        "error",
        "TemplateData is a JSON object",
        f"{API_V2}, Template.TemplateData",
        "a JSON object",
    ),
    _rule(
        "ses-rendering-failure",
        "warning",
        "every variable of the template has a value in TemplateData (else the message is not "
        "delivered: a Rendering Failure)",
        f"AWS knowledge center: {RENDERING_PAGE}",
        "a value per variable",
    ),
    # destinations and addresses
    _rule(
        "ses-destinations-max",
        "error",
        f"To + Cc + Bcc hold at most {MAX_DESTINATIONS} addresses",
        f"{API_V1}, SendEmail: {SEND_EMAIL_V1_PAGE}",
        f"<= {MAX_DESTINATIONS}",
    ),
    _rule(
        "ses-destination-empty",
        "error",
        "a message has at least one recipient (Destination, or the To/Cc/Bcc headers of Raw)",
        f"{API_V2}, Destination: {SEND_EMAIL_PAGE} (guess: docs/contract.md)",
        ">= 1",
    ),
    _rule(
        "ses-address",
        "error",
        "every address is an email address (local-part@domain)",
        f"{API_V2}, Destination",
        "local@domain",
    ),
    _rule(
        "ses-from-required",
        "error",
        "FromEmailAddress is given (or a Raw message's From header)",
        f"{DEV_GUIDE}: {IDENTITIES_PAGE}",
        "a From address",
    ),
    # headers: the same facts as Pinpoint's email headers
    _rule(
        "ses-headers-max",
        "error",
        f"at most {MAX_EMAIL_HEADERS} Headers",
        f"{MODEL}, MessageHeaderList",
        f"<= {MAX_EMAIL_HEADERS}",
    ),
    _rule(
        "ses-header-name",
        "error",
        f"a header Name has 1-{MAX_HEADER_NAME_LENGTH} printable ASCII characters, no colon",
        f"{MODEL}, MessageHeaderName",
        f"1-{MAX_HEADER_NAME_LENGTH}, ^[!-9;-@A-~]+$",
    ),
    _rule(
        "ses-header-value",
        "error",
        "a header Value is 1-995 printable ASCII characters",
        f"{MODEL}, MessageHeaderValue",
        "the model's length and pattern",
    ),
    # size, tags, raw MIME
    _rule(
        "ses-message-size",
        "error",
        "the message is at most 40 MB, attachments included",
        f"{DEV_GUIDE}: {ATTACHMENTS_PAGE}",
        "<= 40 MB",
    ),
    _rule(
        "ses-tag-name",
        "error",
        f"a tag Name has only {_TAG}, at most {MAX_TAG_LENGTH} characters",
        f"{API_V2}, MessageTag: {MESSAGE_TAG_PAGE}",
        f"[A-Za-z0-9_-], <= {MAX_TAG_LENGTH}",
    ),
    _rule(
        "ses-tag-value",
        "error",
        f"a tag Value has only {_TAG}, at most {MAX_TAG_LENGTH} characters",
        f"{API_V2}, MessageTag: {MESSAGE_TAG_PAGE}",
        f"[A-Za-z0-9_-], <= {MAX_TAG_LENGTH}",
    ),
    _rule(
        "ses-raw-mime",
        "error",
        "Raw Data is a MIME message: a header and a body, separated by one blank line",
        f"{API_V2}, RawMessage: {RAW_MESSAGE_PAGE}",
        "header, blank line, body",
    ),
    _rule(
        "ses-raw-line-length",
        "error",
        f"no line of a Raw message exceeds {MAX_RAW_LINE} characters (RFC 5321)",
        f"{API_V2}, RawMessage: {RAW_MESSAGE_PAGE}",
        f"<= {MAX_RAW_LINE} characters a line",
    ),
    _rule(
        "ses-raw-headers",
        "error",
        f"a Raw message has the required header fields ({', '.join(RAW_REQUIRED_HEADERS)})",
        f"{API_V2}, RawMessage: {RAW_MESSAGE_PAGE}",
        ", ".join(RAW_REQUIRED_HEADERS),
    ),
    _rule(
        "ses-bulk-entries-max",
        "error",
        f"a SendBulkEmail call has at most {MAX_BULK_ENTRIES} BulkEmailEntries",
        f"{DEV_GUIDE}: {TEMPLATES_PAGE}",
        f"<= {MAX_BULK_ENTRIES}",
        (SEND_BULK_EMAIL,),
    ),
)
