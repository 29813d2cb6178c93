"""The AWS messaging APIs the plugin stands between a test and: which ones it names, and what a
user is told when the fake does not serve one yet.

The one home of this list. The interception adapters ask it whether a botocore request is a
messaging request (by the client's own service name, so nothing of a model is retyped here);
the stub's units say which of them it serves (:mod:`pytest_pinpoint.service.units`). A messaging
request that no unit serves is stopped before it leaves the machine, credentials or not.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class MessagingApi:
    """One AWS API that sends messages to people (botocore's service name and its title)."""

    service: str  # botocore's service name, as in ``boto3.client(service)``
    title: str
    #: only this operation of the service sends to a person (SNS: Publish to a phone number);
    #: empty when every operation of the service is messaging
    operation: str = ""
    #: with ``operation``, the request member that makes it a message to a person
    member: str = ""


MESSAGING_APIS: tuple[MessagingApi, ...] = (
    MessagingApi("pinpoint", "Pinpoint"),  # the guard's words since 0.1
    MessagingApi("pinpoint-sms-voice-v2", "AWS End User Messaging SMS and voice v2"),
    MessagingApi("pinpoint-sms-voice", "Amazon Pinpoint SMS and Voice (v1)"),
    MessagingApi("sesv2", "Amazon SES v2"),
    MessagingApi("ses", "Amazon SES (v1)"),
    MessagingApi("pinpoint-email", "Amazon Pinpoint Email"),
    MessagingApi("socialmessaging", "AWS End User Messaging Social"),
    MessagingApi("sns", "Amazon SNS", operation="Publish", member="PhoneNumber"),
)

BY_SERVICE: dict[str, MessagingApi] = {api.service: api for api in MESSAGING_APIS}
SERVICES: frozenset[str] = frozenset(BY_SERVICE)


def is_message(service: str, operation: str, params: object) -> bool:
    """Whether a request of ``service`` (a name in :data:`SERVICES`) sends to a person: every
    request of a messaging service, or the one operation (with its member) that does."""
    api = BY_SERVICE[service]
    if not api.operation:
        return True
    return operation == api.operation and isinstance(params, dict) and bool(params.get(api.member))


def unserved_message(service: str, operation: str, served: tuple[str, ...]) -> str:
    """What the guard says when a messaging request reaches no unit that serves it."""
    api = BY_SERVICE.get(service)
    title = api.title if api is not None else service
    what = f"{service}.{operation}" if operation else service
    faked = ", ".join(served) if served else "none"
    return (
        f"pytest-pinpoint stopped a call to {title} ({what}): the fake does not serve "
        f"{service} yet, and no message leaves the machine while the plugin is active. "
        f"Served here: {faked}. Answer it with another in-process mock (moto's mock_aws, a "
        "botocore Stubber on that client), point the client at a loopback endpoint, or mark "
        "the test @pytest.mark.pinpoint_live for a real integration suite"
    )
