"""The demo app, migrated: codes by SMS v2, receipts by SES v2, order updates by push address.

Nothing here calls a Pinpoint feature past end of support: the app keeps its users' phone
numbers, email addresses and device tokens itself (no endpoints), renders its own SMS text (SMS
v2 has no templates) and sends each channel with the API AWS names for it. Its suite runs with
``eos="error"``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

import boto3
from botocore.exceptions import ClientError

APP_ID = os.environ.get("NOTIFY_PINPOINT_APP", "611e3e3cdd47474c9c1399a505665b91")
REGION = os.environ.get("AWS_DEFAULT_REGION", "us-west-2")
ORIGINATION = "+12065550100"
SENDER = "orders@example.com"

PUSH = boto3.client("pinpoint", region_name=REGION)  # End User Messaging Push: by address
SMS = boto3.client("pinpoint-sms-voice-v2", region_name=REGION)
EMAIL = boto3.client("sesv2", region_name=REGION)


@dataclass
class Order:
    order_id: str
    product: str
    total: str
    customer_name: str
    tags: list[str] = field(default_factory=list)


@dataclass
class Contact:
    """What the app keeps per user now that Pinpoint endpoints are gone."""

    phone: str | None = None
    email: str | None = None
    devices: dict[str, tuple[str, str]] = field(default_factory=dict)  # id -> (channel, token)


def collapse_id(order: Order) -> str:
    """APNs coalesces updates of one order under this key: at most 64 bytes (the v1 app's bug,
    cutting 64 characters, fixed in the migration)."""
    raw = f"order-{order.order_id}-{order.product}".encode()[:64]
    return raw.decode("utf-8", errors="ignore")


def send_otp(contact: Contact, code: str) -> str:
    """SUCCESSFUL, or OPT_OUT for a number that opted out (botocore retries throttling)."""
    assert contact.phone is not None
    try:
        SMS.send_text_message(
            DestinationPhoneNumber=contact.phone,
            OriginationIdentity=ORIGINATION,
            MessageBody=f"Your code is {code}. It expires in 10 minutes.",
            MessageType="TRANSACTIONAL",
        )
    except ClientError as exc:
        if exc.response.get("Reason") == "DESTINATION_PHONE_NUMBER_OPTED_OUT":
            return "OPT_OUT"
        raise
    return "SUCCESSFUL"


def send_receipt(contact: Contact, order: Order) -> str:
    """The receipt's MessageId."""
    assert contact.email is not None
    headers = [{"Name": "X-Order-Id", "Value": order.order_id}]
    headers += [{"Name": f"X-Tag-{i}", "Value": tag} for i, tag in enumerate(order.tags)]
    out = EMAIL.send_email(
        FromEmailAddress=SENDER,
        Destination={"ToAddresses": [contact.email]},
        Content={
            "Simple": {
                "Subject": {"Data": f"Your receipt for {order.product}"},
                "Body": {"Text": {"Data": f"Total: {order.total}"}},
                "Headers": headers,
            }
        },
    )
    return str(out["MessageId"])


def push_request(contact: Contact, order: Order, *, urgent: bool) -> dict[str, Any]:
    text = f"{order.product} has shipped"
    return {
        "ApplicationId": APP_ID,
        "MessageRequest": {
            "Addresses": {token: {"ChannelType": ch} for ch, token in contact.devices.values()},
            "MessageConfiguration": {
                "APNSMessage": {
                    "Title": "Order update",
                    "Body": text,
                    "Priority": "10" if urgent else "5",
                    "CollapseId": collapse_id(order),
                },
                "GCMMessage": {
                    "Title": "Order update",
                    "Body": text,
                    "Priority": "high" if urgent else "normal",
                },
            },
        },
    }


def send_shipping_push(contact: Contact, order: Order, *, urgent: bool = False) -> dict[str, str]:
    """device token -> DeliveryStatus."""
    out = PUSH.send_messages(**push_request(contact, order, urgent=urgent))
    return {t: r["DeliveryStatus"] for t, r in out["MessageResponse"]["Result"].items()}
