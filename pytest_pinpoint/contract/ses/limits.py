"""SES v2's documented limits, each next to the public page it is quoted from.

What botocore's ``sesv2`` model states (header count and lengths, ``TemplateData``'s maximum,
attachment fields, enums) is read from the model by :mod:`.constraints`, never restated here;
the header count and name length are the same facts as Pinpoint's email headers
(:data:`pytest_pinpoint.contract.limits.MAX_EMAIL_HEADERS`, ``MAX_HEADER_NAME_LENGTH``), which
tests/test_sesv2_contract.py holds equal to the model.
"""

from __future__ import annotations

import re

SERVICE = "sesv2"
SEND_EMAIL = "SendEmail"
SEND_BULK_EMAIL = "SendBulkEmail"
OPERATIONS = (SEND_EMAIL, SEND_BULK_EMAIL)

# --- the public documents users can look up -----------------------------------------------------

MODEL = "botocore service model (sesv2)"
API_V2 = "Amazon SES API v2 reference"
API_V1 = "Amazon SES API reference (v1)"
DEV_GUIDE = "Amazon SES developer guide"
SEND_EMAIL_PAGE = "https://docs.aws.amazon.com/ses/latest/APIReference-V2/API_SendEmail.html"
SEND_EMAIL_V1_PAGE = "https://docs.aws.amazon.com/ses/latest/APIReference/API_SendEmail.html"
MESSAGE_TAG_PAGE = "https://docs.aws.amazon.com/ses/latest/APIReference-V2/API_MessageTag.html"
RAW_MESSAGE_PAGE = "https://docs.aws.amazon.com/ses/latest/APIReference-V2/API_RawMessage.html"
ATTACHMENTS_PAGE = "https://docs.aws.amazon.com/ses/latest/dg/attachments.html"
IDENTITIES_PAGE = "https://docs.aws.amazon.com/ses/latest/dg/verify-addresses-and-domains.html"
RENDERING_PAGE = "https://repost.aws/knowledge-center/ses-sendtemplatedemail-delivery-failure"
TEMPLATES_PAGE = "https://docs.aws.amazon.com/ses/latest/dg/send-personalized-email-api.html"

# --- destinations --------------------------------------------------------------------------------

# API reference (v1), SendEmail: "The combined number of To:, CC: and BCC: email addresses cannot
# exceed 50." The v2 reference is silent per message; its developer guide (send-personalized-
# email-api) says a SendBulkEmail call reaches "up to 50 destination objects".
MAX_DESTINATIONS = 50
MAX_BULK_ENTRIES = 50

# --- message size --------------------------------------------------------------------------------

# Developer guide, attachments: "You can include multiple attachments per email, up to the 40MB
# total message size limit." What counts (a guess, docs/contract.md): Raw, the MIME bytes as
# given; Simple and Template, subject + bodies + header values + each attachment base64-encoded
# (4/3 of its bytes), as SES builds the MIME message from them.
MAX_MESSAGE_BYTES = 40 * 1024 * 1024

# --- raw MIME (RawMessage.Data) ------------------------------------------------------------------

# RawMessage: "The length of any single line of text in the message can't exceed 1,000
# characters. This restriction is defined in RFC 5321." (RFC 5321 counts the CRLF in the 1,000.)
MAX_RAW_LINE = 1000
# RawMessage: "All of the required header fields must be present in the message." RFC 5322
# section 3.6 requires From and Date; SES adds a Date it does not find (a guess from its sent
# mail), so the fake requires From, unless FromEmailAddress gives it.
RAW_REQUIRED_HEADERS = ("From",)

# --- tags -----------------------------------------------------------------------------------------

# MessageTag, Name and Value: "It can only contain ASCII letters (a-z, A-Z), numbers (0-9),
# underscores (_), or dashes (-). It can contain no more than 256 characters."
TAG_TEXT = re.compile(r"[A-Za-z0-9_-]+")
MAX_TAG_LENGTH = 256

# --- identities -----------------------------------------------------------------------------------

# Developer guide, verified identities: "Before you can send an email using Amazon SES, you must
# create and verify each identity that you're going to use as a "From", "Source", "Sender", or
# "Return-Path" address." and "If your account is still in the Amazon SES sandbox, you also need
# to verify any email addresses which you plan on sending email to, unless you're sending to test
# inboxes provided by the Amazon SES mailbox simulator."
MAILBOX_SIMULATOR_DOMAIN = "simulator.amazonses.com"
# The error for an unverified sender (knowledge center, ses-554-400-message-rejected-error):
# "Email address is not verified. The following identities failed the check in region ..."
NOT_VERIFIED = "Email address is not verified. The following identities failed the check in region"

# Sandbox quotas (developer guide, request-production-access: "You can send a maximum of 200
# messages per 24-hour period. You can send a maximum of 1 message per second.")
SANDBOX_MAX_24_HOUR_SEND = 200.0
SANDBOX_MAX_SEND_RATE = 1.0
# Production quotas differ per account; the fake's are a guess (docs/contract.md)
PRODUCTION_MAX_24_HOUR_SEND = 50000.0
PRODUCTION_MAX_SEND_RATE = 14.0
