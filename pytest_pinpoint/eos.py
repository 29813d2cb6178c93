"""Which Amazon Pinpoint operations are past end of support (2026-10-30), and what AWS names
instead: the one home of that knowledge (the session report, the ``eos`` option and
docs/migration.md read it from here).

The operations are botocore's Pinpoint model's, never retyped: :data:`FAMILIES` are rules over
operation names, each with its public source, and :func:`table` applies them to every operation
of the model. A row is ``inferred`` where its source does not say it of that family outright
(a guess, written down; docs/migration.md shows which).

What the notice says (every Pinpoint page carries it): "After October 30, 2026, you will no
longer be able to access the Amazon Pinpoint console or Amazon Pinpoint resources (endpoints,
segments, campaigns, journeys, and analytics)", and "APIs related to SMS, voice, mobile push,
OTP, and phone number validate are not impacted by this change and are supported by AWS End
User Messaging". Cheap to import: the model is loaded only when a table is asked for.
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

#: The date of the notice.
END_OF_SUPPORT = _dt.date(2026, 10, 30)
SERVICE = "pinpoint"

# --- the sources (each rule names one) ---------------------------------------------------------
#: "Amazon Pinpoint end of support" (user guide): the engagement features (endpoints,
#: segments, campaigns, journeys, analytics) go to Amazon Connect (outbound campaigns, Customer
#: Profiles), event collection and mobile analytics to Amazon Kinesis; the messaging channels
#: were renamed AWS End User Messaging in 2024 and continue.
NOTICE = "https://docs.aws.amazon.com/pinpoint/latest/userguide/migrate.html"
#: The banner on every Pinpoint page (here the developer guide's): what is gone, what continues.
BANNER = "https://docs.aws.amazon.com/pinpoint/latest/developerguide/integrate.html"
#: AWS End User Messaging Push: "You create an application, then enable the push channels it
#: uses"; push is sent with the Pinpoint API's SendMessages.
PUSH = "https://docs.aws.amazon.com/end-user-messaging/latest/userguide/nx-push.html"
#: AWS Messaging blog, "AWS End User Messaging SMS & Voice v2 API: A Migration Guide from v1":
#: SendMessages (SMS) -> SendTextMessage, optional ("not impacted by the EOS").
SMS_V2 = (
    "https://aws.amazon.com/blogs/messaging-and-targeting/"
    "aws-end-user-messaging-sms-and-voice-v2-api-a-migration-guide-from-v1"
)
#: AWS Amplify's notice: "AWS End User Messaging for push notifications and SMS, Amazon Simple
#: Email Service for sending emails, Amazon Connect for campaigns, journeys, endpoints, and
#: engagement analytics ... Amazon Kinesis for event collection and mobile analytics".
AMPLIFY = "https://docs.amplify.aws/android/sdk/push-notifications/messaging-campaign/"

#: How the docs' table names each source.
SOURCE_NAMES: dict[str, str] = {
    NOTICE: "Pinpoint end of support",
    BANNER: "the notice on every Pinpoint page",
    PUSH: "End User Messaging Push",
    SMS_V2: "SMS v1 to v2 migration guide",
    AMPLIFY: "Amplify's Pinpoint notice",
}

# the replacements AWS names for sending, in boto3's names
BY_ADDRESS = (
    "pinpoint send_messages to Addresses (push); pinpoint-sms-voice-v2 send_text_message / "
    "send_voice_message (SMS, voice); sesv2 send_email (email)"
)


@dataclass(frozen=True)
class Family:
    """A rule: the operations whose names match ``pattern`` (the whole name)."""

    name: str
    pattern: str
    past_eos: bool
    replacement: str
    source: str
    inferred: bool


@dataclass(frozen=True)
class EosEntry:
    """One Pinpoint operation (or a usage of one, e.g. ``SendMessages (EMAIL)``)."""

    operation: str
    past_eos: bool
    replacement: str
    source: str
    inferred: bool
    family: str


#: First match wins (``GetSegmentExportJobs`` is a segment's, ``CreateInAppTemplate`` in-app).
FAMILIES: tuple[Family, ...] = (
    Family(
        "OTP", "SendOTPMessage|VerifyOTPMessage", False,
        "continues under AWS End User Messaging (send_otp_message, verify_otp_message)",
        BANNER, False,
    ),
    Family(
        "phone number validation", "PhoneNumberValidate", False,
        "continues under AWS End User Messaging (phone_number_validate)", BANNER, False,
    ),
    Family(
        "send by address", "SendMessages", False,
        "continues under AWS End User Messaging (push by Addresses); SMS and voice may move to "
        "pinpoint-sms-voice-v2 send_text_message / send_voice_message",
        PUSH, False,
    ),
    Family("send to users", "SendUsersMessages", True, BY_ADDRESS, AMPLIFY, True),
    Family(
        "endpoints", "(Update|Get|Delete)(User)?Endpoints?(Batch)?|RemoveAttributes", True,
        "keep device tokens and addresses in the app and send by address ("
        + BY_ADDRESS + "); customer profiles: Amazon Connect Customer Profiles",
        NOTICE, False,
    ),
    Family(
        "segments", ".*Segments?.*", True,
        "Amazon Connect Customer Profiles (segments) and outbound campaigns", NOTICE, False,
    ),
    Family(
        "endpoint import and export", "(Create|Get)(Import|Export)Jobs?", True,
        "Amazon Connect Customer Profiles (import); keep the app's own list of addresses",
        NOTICE, True,
    ),
    Family("campaigns", ".*Campaigns?.*", True, "Amazon Connect outbound campaigns", NOTICE, False),
    Family(
        "journeys", ".*Journeys?.*", True, "Amazon Connect outbound campaigns (journeys)",
        NOTICE, False,
    ),
    Family(
        "analytics and event streams", ".*DateRangeKpi|PutEvents|(Put|Get|Delete)EventStream",
        True,
        "Amazon Kinesis (event collection, analytics); delivery events: pinpoint-sms-voice-v2 "
        "create_event_destination, sesv2 create_configuration_set_event_destination",
        NOTICE, False,
    ),
    Family(
        "in-app messaging", ".*InApp.*", True,
        "none named by AWS (in-app messages are delivered by campaigns and journeys)",
        NOTICE, True,
    ),
    Family(
        "recommenders", ".*RecommenderConfigurations?", True,
        "none named by AWS (call Amazon Personalize from the app)", NOTICE, True,
    ),
    Family(
        "application settings", "(Get|Update)ApplicationSettings", True,
        "none named by AWS (the settings are campaign and journey limits, quiet time, hooks)",
        NOTICE, True,
    ),
    Family(
        "email channel", "(Get|Update|Delete)EmailChannel", True,
        "sesv2 email identities and configuration sets (create_email_identity, "
        "create_configuration_set)",
        AMPLIFY, True,
    ),
    Family(
        "email templates", ".*EmailTemplate", True,
        "sesv2 create_email_template; send_email with Content.Template", AMPLIFY, True,
    ),
    Family(
        "push, SMS and voice templates",
        ".*(Push|Sms|Voice)Template|ListTemplates|ListTemplateVersions|UpdateTemplateActiveVersion",
        False,
        "continues with SendMessages' TemplateConfiguration; pinpoint-sms-voice-v2 has no "
        "message templates (render in the app for send_text_message)",
        BANNER, True,
    ),
    Family(
        "push apps and channels",
        "(Create|Get|Delete)Apps?|GetChannels"
        "|(Get|Update|Delete)(Adm|Apns|ApnsSandbox|ApnsVoip|ApnsVoipSandbox|Baidu|Gcm)Channel",
        False, "continues under AWS End User Messaging Push", PUSH, False,
    ),
    Family(
        "SMS and voice channels", "(Get|Update|Delete)(Sms|Voice)Channel", False,
        "continues with SendMessages; pinpoint-sms-voice-v2 has no channel: origination "
        "identities (phone numbers, pools) and configuration sets",
        SMS_V2, True,
    ),
    Family(
        "tags", "ListTagsForResource|TagResource|UntagResource", False,
        "continues for the resources that continue (apps)", PUSH, True,
    ),
)  # fmt: skip

# Usages of a continuing operation that read a resource which is gone (see for_call).
SEND_TO_ENDPOINTS = EosEntry(
    "SendMessages (Endpoints)", True,
    "send_messages to Addresses, or the channel's own API (" + BY_ADDRESS + ")",
    NOTICE, True, "send by address",
)  # fmt: skip
SEND_EMAIL = EosEntry(
    "SendMessages (EMAIL)", True, "sesv2 send_email", AMPLIFY, True, "send by address"
)


def classify(operation: str) -> EosEntry:
    """The row of one operation of the model; ``LookupError`` for a name no rule covers."""
    for family in FAMILIES:
        if re.fullmatch(family.pattern, operation):
            return EosEntry(
                operation,
                family.past_eos,
                family.replacement,
                family.source,
                family.inferred,
                family.name,
            )
    raise LookupError(f"{operation}: no end-of-support rule covers it (pytest_pinpoint.eos)")


@functools.cache
def table() -> dict[str, EosEntry]:
    """Every operation of botocore's Pinpoint model, classified (in the model's order)."""
    from . import model

    return {name: classify(name) for name in model.service_model().operation_names}


def past_eos() -> dict[str, EosEntry]:
    return {name: entry for name, entry in table().items() if entry.past_eos}


def for_call(service: str, operation: str, params: Mapping[str, Any]) -> EosEntry | None:
    """The past-end-of-support entry one recorded call falls under, or None.

    ``SendMessages`` continues, but not to endpoint IDs (``MessageRequest.Endpoints``: the
    endpoints are gone) nor for email (not among the APIs the notice keeps).
    """
    if service != SERVICE or not operation:
        return None
    if operation == "SendMessages":
        return _send_messages(params)
    entry = table().get(operation)
    return entry if entry is not None and entry.past_eos else None


def _send_messages(params: Mapping[str, Any]) -> EosEntry | None:
    request = params.get("MessageRequest")
    if not isinstance(request, Mapping):
        return None
    if request.get("Endpoints"):
        return SEND_TO_ENDPOINTS
    config = request.get("MessageConfiguration")
    addresses = request.get("Addresses")
    if isinstance(config, Mapping) and config.get("EmailMessage"):
        return SEND_EMAIL
    if isinstance(addresses, Mapping) and any(
        isinstance(a, Mapping) and a.get("ChannelType") == "EMAIL" for a in addresses.values()
    ):
        return SEND_EMAIL
    return None


def markdown_table() -> str:
    """The table of docs/migration.md: one row per family, with its operations."""
    rows = [
        "| family | operations | past end of support | replacement (AWS's name) | source | "
        "inferred |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    by_family: dict[str, list[EosEntry]] = {}
    for entry in table().values():
        by_family.setdefault(entry.family, []).append(entry)
    for family in FAMILIES:
        entries = by_family.get(family.name)
        if not entries:
            continue
        names = ", ".join(f"`{e.operation}`" for e in entries)
        rows.append(
            f"| {family.name} | {names} | {'yes' if family.past_eos else 'no'} | "
            f"{family.replacement} | [{SOURCE_NAMES[family.source]}]({family.source}) | "
            f"{'yes (a guess)' if family.inferred else 'no'} |"
        )
    for usage in (SEND_TO_ENDPOINTS, SEND_EMAIL):
        rows.append(
            f"| {usage.family}: a usage | `{usage.operation}` | yes | {usage.replacement} | "
            f"[{SOURCE_NAMES[usage.source]}]({usage.source}) | yes (a guess) |"
        )
    return "\n".join(rows)


@dataclass
class Use:
    """How many app calls (a retry is not another call) fell under one entry."""

    entry: EosEntry
    count: int = 0


def uses(calls: Iterable[Any]) -> dict[str, Use]:
    """The past-end-of-support entries recorded calls fall under, by entry name, in call order."""
    found: dict[str, Use] = {}
    for call in calls:
        if call.attempt > 1:
            continue
        entry = for_call(call.service, call.operation, call.params)
        if entry is not None:
            found.setdefault(entry.operation, Use(entry)).count += 1
    return found


def problems(calls: Iterable[Any], mode: str) -> list[str]:
    """In ``eos="error"`` mode, the teardown failure naming each call and its replacement."""
    if mode != "error":
        return []
    found = uses(calls)
    if not found:
        return []
    lines = [
        f"  {use.entry.operation} ({_boto3_name(use.entry.operation)}, {use.count}x); "
        f"instead: {use.entry.replacement}"
        for use in found.values()
    ]
    return [
        f"the app called Amazon Pinpoint features past end of support ({END_OF_SUPPORT}; "
        "eos=error):\n"
        + "\n".join(lines)
        + "\n  (docs/migration.md has the table; allow them while migrating with "
        "@pytest.mark.pinpoint(eos='warn'))"
    ]


def _boto3_name(entry: str) -> str:
    """``SendUsersMessages`` -> ``send_users_messages``; a usage keeps its qualifier."""
    from botocore import xform_name

    operation, _, usage = entry.partition(" ")
    return f"{xform_name(operation)} {usage}".strip()
