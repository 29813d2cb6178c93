"""The demo app: one-time codes by SMS, receipts by email, order updates by push.

It is written the way real apps are: a request builder per message, one boto3 client created at
import time, retries left to botocore, and a second attempt for endpoints Pinpoint throttled.
It also carries the kind of boundary bug the plugin exists to catch (see ``collapse_id``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

import boto3

APP_ID = os.environ.get("NOTIFY_PINPOINT_APP", "611e3e3cdd47474c9c1399a505665b91")

# Created at import time, before any test fixture runs: the plugin must still intercept it.
CLIENT = boto3.client(
    "pinpoint",
    region_name=os.environ.get("AWS_DEFAULT_REGION", "us-west-2"),
    aws_access_key_id=os.environ.get("AWS_ACCESS_KEY_ID", "demo"),
    aws_secret_access_key=os.environ.get("AWS_SECRET_ACCESS_KEY", "demo"),
)

RETRYABLE = {"THROTTLED", "TEMPORARY_FAILURE"}


@dataclass
class Order:
    order_id: str
    product: str
    total: str
    customer_name: str
    tags: list[str] = field(default_factory=list)


def collapse_id(order: Order) -> str:
    """APNs coalesces updates of one order under this key.

    BUG (kept on purpose for the demo): APNs allows 64 *bytes*, and this truncates to 64
    *characters*. A product name with accents or emoji yields up to 256 bytes.
    """
    return f"order-{order.order_id}-{order.product}"[:64]


def otp_request(user_id: str, code: str) -> dict[str, Any]:
    return {
        "ApplicationId": APP_ID,
        "SendUsersMessageRequest": {
            "MessageConfiguration": {
                "SMSMessage": {
                    "Body": "Your code is {{Code}}. It expires in 10 minutes.",
                    "MessageType": "TRANSACTIONAL",
                    "OriginationNumber": "+12065550100",
                }
            },
            "Users": {user_id: {"Substitutions": {"Code": [code]}}},
        },
    }


def receipt_request(user_id: str, order: Order) -> dict[str, Any]:
    headers = [
        {"Name": "X-Order-Id", "Value": order.order_id},
        {"Name": "X-Sent-At", "Value": "{CreationDate}"},
        {"Name": "X-Customer", "Value": "{{CustomerName}}"},
    ]
    headers += [{"Name": f"X-Tag-{i}", "Value": tag} for i, tag in enumerate(order.tags)]
    return {
        "ApplicationId": APP_ID,
        "SendUsersMessageRequest": {
            "MessageConfiguration": {
                "EmailMessage": {
                    "FromAddress": "orders@example.com",
                    "SimpleEmail": {
                        "Subject": {"Charset": "UTF-8", "Data": "Your receipt for {{Product}}"},
                        "TextPart": {"Charset": "UTF-8", "Data": "Total: {{Total}}"},
                        "Headers": headers,
                    },
                    "Substitutions": {"Product": [order.product], "Total": [order.total]},
                }
            },
            "Users": {user_id: {"Substitutions": {"CustomerName": [order.customer_name]}}},
        },
    }


def push_request(user_id: str, order: Order, *, urgent: bool) -> dict[str, Any]:
    return {
        "ApplicationId": APP_ID,
        "SendUsersMessageRequest": {
            "MessageConfiguration": {
                "APNSMessage": {
                    "Title": "Order update",
                    "Body": "{{Product}} has shipped",
                    "Priority": "10" if urgent else "5",
                    "CollapseId": collapse_id(order),
                },
                "GCMMessage": {
                    "Title": "Order update",
                    "Body": "{{Product}} has shipped",
                    "Priority": "high" if urgent else "normal",
                },
                "DefaultMessage": {"Substitutions": {"Product": [order.product]}},
            },
            "Users": {user_id: {}},
        },
    }


def _send(request: dict[str, Any]) -> dict[str, dict[str, str]]:
    """Send; re-send once to the users whose endpoints were throttled. Returns user -> endpoint
    -> final DeliveryStatus."""
    response = CLIENT.send_users_messages(**request)
    result = response["SendUsersMessageResponse"]["Result"]
    statuses = {u: {e: r["DeliveryStatus"] for e, r in eps.items()} for u, eps in result.items()}
    retry = [u for u, eps in statuses.items() if RETRYABLE & set(eps.values())]
    if retry:
        body = request["SendUsersMessageRequest"]
        again = {
            **request,
            "SendUsersMessageRequest": {**body, "Users": {u: body["Users"][u] for u in retry}},
        }
        second = CLIENT.send_users_messages(**again)["SendUsersMessageResponse"]["Result"]
        for user, eps in second.items():
            statuses[user] = {e: r["DeliveryStatus"] for e, r in eps.items()}
    return statuses


def send_otp(user_id: str, code: str) -> dict[str, dict[str, str]]:
    return _send(otp_request(user_id, code))


def send_receipt(user_id: str, order: Order) -> dict[str, dict[str, str]]:
    return _send(receipt_request(user_id, order))


def send_shipping_push(
    user_id: str, order: Order, *, urgent: bool = False
) -> dict[str, dict[str, str]]:
    return _send(push_request(user_id, order, urgent=urgent))


# --- devices: the app registers its users' endpoints itself -------------------------------------


def register_device(
    user_id: str, device_id: str, channel: str, address: str, *, opted_out: bool = False
) -> None:
    """Called at sign-up and whenever a device token or phone number changes."""
    CLIENT.update_endpoint(
        ApplicationId=APP_ID,
        EndpointId=device_id,
        EndpointRequest={
            "ChannelType": channel,
            "Address": address,
            "OptOut": "ALL" if opted_out else "NONE",
            "User": {"UserId": user_id},
        },
    )


def devices(user_id: str) -> dict[str, str]:
    """device ID -> address of a user's active devices ({} for a user without any)."""
    try:
        found = CLIENT.get_user_endpoints(ApplicationId=APP_ID, UserId=user_id)
    except CLIENT.exceptions.NotFoundException:
        return {}
    return {
        e["Id"]: e["Address"]
        for e in found["EndpointsResponse"]["Item"]
        if e.get("EndpointStatus") != "INACTIVE"
    }


def forget_user(user_id: str) -> int:
    """Account deletion: remove every endpoint of the user; returns how many there were."""
    try:
        gone = CLIENT.delete_user_endpoints(ApplicationId=APP_ID, UserId=user_id)
    except CLIENT.exceptions.NotFoundException:
        return 0
    return len(gone["EndpointsResponse"]["Item"])


# --- broadcasts: send_messages to phone numbers the app holds, not to users ---------------------


def broadcast_sms(numbers: dict[str, str], text: str) -> dict[str, str]:
    """A service notice to each number (``{number: first name}``); returns number ->
    DeliveryStatus. ``{{FirstName}}`` renders per number from its own Substitutions."""
    response = CLIENT.send_messages(
        ApplicationId=APP_ID,
        MessageRequest={
            "Addresses": {
                number: {"ChannelType": "SMS", "Substitutions": {"FirstName": [name]}}
                for number, name in numbers.items()
            },
            "MessageConfiguration": {"SMSMessage": {"Body": text, "MessageType": "PROMOTIONAL"}},
        },
    )
    result = response["MessageResponse"]["Result"]
    return {number: r["DeliveryStatus"] for number, r in result.items()}
