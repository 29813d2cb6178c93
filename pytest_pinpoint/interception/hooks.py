"""What the registry hands each adapter when it installs it (adapters import nothing above this).

The adapters (botocore, aiobotocore) patch a library at the wire and, per request, ask
:attr:`Hooks.resolve` which stub answers; they never import the registry or the service.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..service.http import Handler

#: botocore's ``Endpoint._endpoint_prefix`` for Pinpoint (the model's endpointPrefix)
ENDPOINT_PREFIX = "pinpoint"


@dataclass(frozen=True)
class Hooks:
    #: ``(method, url) -> stub | None``; raises PinpointStubError when the live-send guard
    #: stops the request (no stub, not a loopback URL).
    resolve: Callable[[str, str], Handler | None]
    #: whether any stub (or getter) is registered: cheap, for the signer and moto patches
    active: Callable[[], bool]
    #: after a reply: remember that a retry backoff would follow a stubbed error
    answered: Callable[[Any, int], None]
    #: a retry sleep of ``seconds``: True when it was recorded on a stub instead of slept
    backoff: Callable[[float], bool]
    #: a client call ended (retries included): forget any backoff still pending
    call_done: Callable[[], None]
    #: new modules were imported (moto, aiobotocore): let the registry patch them
    modules_changed: Callable[[], None]
