"""The SES event records a send publishes (``Send``, ``Delivery``, ``Bounce``, ``Complaint``,
``Reject``, ``DeliveryDelay``, ``Rendering Failure``), in the documented JSON (developer guide,
"Examples of event data that Amazon SES publishes": ``eventType``, ``mail`` and the event's own
object), kept per configuration set in order for the app's own event consumer.

A configuration set with event destinations keeps the event types an enabled destination
matches (``MatchingEventTypes``); a set the test never created, or one without destinations,
keeps every event (the fake does not know the account's destinations: a guess).
"""

from __future__ import annotations

from typing import Any

from ..record import SentMessage
from .state import SesState

ACCOUNT = "123456789012"  # the sending account the fake reports (a placeholder, as AWS's docs)

# SentMessage.status -> (eventType, its object's key, the object)
_OUTCOMES: dict[str, tuple[str, str, dict[str, Any]]] = {
    "SUCCESSFUL": (
        "Delivery",
        "delivery",
        {
            "smtpResponse": "250 2.6.0 Message received",
            "processingTimeMillis": 500,
            "reportingMTA": "a8-70.smtp-out.amazonses.com",
        },
    ),
    "DUPLICATE": (
        "Delivery",
        "delivery",
        {
            "smtpResponse": "250 2.6.0 Message received",
            "processingTimeMillis": 500,
            "reportingMTA": "a8-70.smtp-out.amazonses.com",
        },
    ),
    "PERMANENT_FAILURE": (
        "Bounce",
        "bounce",
        {"bounceType": "Permanent", "bounceSubType": "General"},
    ),
    "OPT_OUT": (
        "Bounce",
        "bounce",
        {"bounceType": "Permanent", "bounceSubType": "OnAccountSuppressionList"},
    ),
    "TEMPORARY_FAILURE": (
        "DeliveryDelay",
        "deliveryDelay",
        {"delayType": "TransientCommunicationFailure"},
    ),
    "UNKNOWN_FAILURE": ("Reject", "reject", {"reason": "Bad content"}),
}
# eventType -> its MatchingEventTypes value (the model's EventType)
_MATCHING = {
    "Send": "SEND",
    "Delivery": "DELIVERY",
    "Bounce": "BOUNCE",
    "Complaint": "COMPLAINT",
    "Reject": "REJECT",
    "DeliveryDelay": "DELIVERY_DELAY",
    "Rendering Failure": "RENDERING_FAILURE",
}


def _mail(first: SentMessage, destination: list[str], region: str) -> dict[str, Any]:
    source = first.origination or ""
    tags: dict[str, list[str]] = {k: [v] for k, v in (first.tags or {}).items()}
    if first.configuration_set:
        tags["ses:configuration-set"] = [first.configuration_set]
    tags["ses:source-ip"] = ["127.0.0.1"]
    headers = [{"name": k, "value": v} for k, v in (first.headers or {}).items()]
    return {
        "timestamp": _time(first),
        "source": source,
        "sourceArn": f"arn:aws:ses:{region}:{ACCOUNT}:identity/{source.rpartition('@')[2]}",
        "sendingAccountId": ACCOUNT,
        "messageId": first.message_id,
        "destination": destination,
        "headersTruncated": False,
        "headers": headers,
        "commonHeaders": {
            "from": [source],
            "to": destination,
            "subject": first.title or "",
            "messageId": first.message_id,
        },
        "tags": tags,
    }


def _time(message: SentMessage) -> str:
    return (
        message.sent_at.strftime("%Y-%m-%dT%H:%M:%S.")
        + f"{message.sent_at.microsecond // 1000:03d}Z"
    )


def _recipient(key: str, message: SentMessage) -> dict[str, Any]:
    if key == "bounce":
        return {
            "bouncedRecipients": [
                {
                    "emailAddress": message.address,
                    "action": "failed",
                    "status": "5.1.1",
                    "diagnosticCode": message.status_message,
                }
            ]
        }
    if key == "deliveryDelay":
        return {
            "delayedRecipients": [
                {
                    "emailAddress": message.address,
                    "status": "4.4.1",
                    "diagnosticCode": message.status_message,
                }
            ]
        }
    if key == "delivery":
        return {"recipients": [message.address]}
    return {}


def publish(state: SesState, messages: list[SentMessage], region: str, failure: str | None) -> None:
    """The events of one message (its recipients' records, all of one MessageId)."""
    if not messages:
        return
    first = messages[0]
    mail = _mail(first, [m.address or "" for m in messages], region or "us-east-1")
    out: list[dict[str, Any]] = []
    if failure is not None:
        out.append(
            {
                "eventType": "Rendering Failure",
                "mail": mail,
                "failure": {"errorMessage": failure, "templateName": first.template},
            }
        )
    else:
        out.append({"eventType": "Send", "mail": mail, "send": {}})
        for message in messages:
            kind, key, body = _OUTCOMES.get(message.status, _OUTCOMES["SUCCESSFUL"])
            detail = {**body, "timestamp": _time(message), **_recipient(key, message)}
            if key == "bounce":
                detail["feedbackId"] = f"{message.message_id}-{message.address}"
            out.append({"eventType": kind, "mail": mail, key: detail})
    name = first.configuration_set
    kept = [e for e in out if _matches(state, name, e["eventType"])]
    state.events.setdefault(name, []).extend(kept)


def _matches(state: SesState, name: str | None, event_type: str) -> bool:
    found = state.configuration_sets.get(name) if name else None
    if found is None or not found.destinations:
        return True
    wanted = _MATCHING[event_type]
    return any(
        d.get("Enabled", False) and wanted in (d.get("MatchingEventTypes") or ())
        for d in found.destinations.values()
    )
