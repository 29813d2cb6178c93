"""What the registry hands each adapter when it installs it (adapters import nothing above this).

The adapters (botocore, aiobotocore) patch a library at the wire and, per request, ask
:attr:`Hooks.answer` for the reply; they never import the registry or the service.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..service.http import HttpReply

#: botocore's ``Endpoint._endpoint_prefix`` for Pinpoint (the model's endpointPrefix)
ENDPOINT_PREFIX = "pinpoint"


@dataclass(frozen=True)
class Hooks:
    #: a prepared request (``.method``, ``.url``, ``.headers``, ``.body``) -> the stub's reply,
    #: or None when it may go out; PinpointStubError when the live-send guard stops it. After
    #: an error reply, a retry sleep that follows is recorded on the stub (see ``backoff``).
    answer: Callable[[Any], HttpReply | None]
    #: whether any stub (or getter) is registered: cheap, for the signer and moto patches
    active: Callable[[], bool]
    #: a retry sleep of ``seconds``: True when it was recorded on a stub instead of slept
    backoff: Callable[[float], bool]
    #: a client call ended (retries included): forget any backoff still pending
    call_done: Callable[[], None]
    #: new modules were imported (moto, aiobotocore): let the registry patch them
    modules_changed: Callable[[], None]
