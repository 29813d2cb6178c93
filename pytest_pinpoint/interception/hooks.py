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
    #: ``(method, url)`` of a request about to be signed without credentials and with no stub
    #: active: raises the live-send guard's PinpointStubError when the guard is on (so a test
    #: that forgot the fixture hears about the fixture, not NoCredentialsError)
    guard: Callable[[str, str], None]


#: the access key of the dummy credentials a request without any is signed with while a stub
#: answers it (nothing leaves the process; botocore only needs something to sign with)
DUMMY_ACCESS_KEY = "AKIAPINPOINTSTUB0000"
DUMMY_SECRET_KEY = "dummy"
