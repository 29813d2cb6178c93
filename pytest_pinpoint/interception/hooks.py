"""What the registry hands each adapter when it installs it (adapters import nothing above this).

The adapters (botocore, aiobotocore) patch a library at the wire and, per request, ask
:attr:`Hooks.answer` for the reply; they never import the registry or the service.
"""

from __future__ import annotations

import contextvars
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, NamedTuple

from .. import messaging
from ..service.http import HttpReply


class MessagingCall(NamedTuple):
    """The messaging request a client call is making: its service and operation."""

    service: str  # botocore's service name ("sesv2")
    operation: str  # the model's operation name ("SendEmail")


# Set by an adapter for the length of a messaging call, read by its _send (same thread or task).
CURRENT_CALL: contextvars.ContextVar[MessagingCall | None] = contextvars.ContextVar(
    "pytest_pinpoint_messaging_call", default=None
)


def messaging_call(operation_model: Any, body: Any) -> MessagingCall | None:
    """The call when ``operation_model`` (a client's) sends a message to a person, else None."""
    service = operation_model.service_model.service_name
    if service not in messaging.SERVICES:
        return None
    operation = operation_model.name
    return (
        MessagingCall(service, operation)
        if messaging.is_message(service, operation, body)
        else None
    )


@dataclass(frozen=True)
class Hooks:
    #: a prepared request (``.method``, ``.url``, ``.headers``, ``.body``), its service
    #: (botocore's name, one of :data:`pytest_pinpoint.messaging.SERVICES`) and operation (the
    #: model's name) -> the stub's reply, or None when it may go out; PinpointStubError when the
    #: guard stops it. After an error reply, a retry sleep that follows is recorded on the stub.
    answer: Callable[[Any, str, str], HttpReply | None]
    #: whether an active stub serves this messaging service (moto then lets it through)
    serves: Callable[[str], bool]
    #: a retry sleep of ``seconds``: True when it was recorded on a stub instead of slept
    backoff: Callable[[float], bool]
    #: a client call ended (retries included): forget any backoff still pending
    call_done: Callable[[], None]
    #: new modules were imported (moto, aiobotocore): let the registry patch them
    modules_changed: Callable[[], None]
    #: ``(service, operation, method, url)`` of a messaging request about to be signed without
    #: credentials: True when a stub answers it (sign with dummy credentials); raises the
    #: guard's PinpointStubError when it would be stopped anyway (so a test hears about the
    #: fixture or the unserved service, not NoCredentialsError); False to sign as botocore does
    sign_dummy: Callable[[str, str, str, str], bool]


#: the access key of the dummy credentials a request without any is signed with while a stub
#: answers it (nothing leaves the process; botocore only needs something to sign with)
DUMMY_ACCESS_KEY = "AKIAPINPOINTSTUB0000"
DUMMY_SECRET_KEY = "dummy"
