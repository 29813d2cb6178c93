"""The seam between the engine and one faked AWS service.

A :class:`Unit` is everything one service brings: botocore's model of it (loaded, never
retyped), how to tell its requests apart on the wire, and the function that answers one of them
in the service's own protocol (rest-json for ``pinpoint`` and ``sesv2``, json 1.0 with
``X-Amz-Target`` for ``pinpoint-sms-voice-v2``). The engine (:class:`~.context.Service`: the
options, the lock, the clock, the seeded IDs, the scripts and the one record) is shared by the
units of a stub; each unit keeps its own state in :meth:`Service.unit_state`.

A unit is registered in one place, :data:`pytest_pinpoint.service.units.UNIT_MODULES`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from botocore.model import ServiceModel

    from .http import HttpReply


class Wire(NamedTuple):
    """One HTTP request as it reached the stub, with what routing reads off it."""

    method: str
    url: str
    headers: Mapping[
        str, Any
    ]  # str or bytes values; case-insensitive, or lower-case names (the loopback server)
    body: bytes
    #: the SigV4 credential scope's service (``mobiletargeting``, ``ses``, ``sms-voice``), or ""
    signing_name: str
    #: the SigV4 credential scope's region, or "" for an unsigned request
    region: str
    #: ``X-Amz-Target`` (json protocol: ``PinpointSMSVoiceV2.SendTextMessage``), or ""
    target: str


def wire(method: str, url: str, headers: Mapping[str, Any], body: bytes) -> Wire:
    """Read the signing scope and the json target off a request (one pass, no copy)."""
    auth = _text(headers.get("authorization"))
    signing_name = region = ""
    start = auth.find("Credential=") if auth else -1
    if start >= 0:
        # Credential=AKID/20261203/us-west-2/ses/aws4_request
        scope = auth[start + 11 :].split(",", 1)[0].split("/")
        if len(scope) == 5:
            region, signing_name = scope[2], scope[3]
    target = _text(headers.get("x-amz-target"))
    return Wire(method, url, headers, body, signing_name, region, target)


def _text(value: str | bytes | None) -> str:
    """A header's value as text (botocore holds the ones it signed as bytes)."""
    if value is None:
        return ""
    return value.decode("latin-1") if isinstance(value, bytes) else value


#: (the engine, a :class:`~.context.Service`; the request) -> the reply. The engine is typed
#: ``Any`` here so that this module, which the engine imports, does not import it back.
Dispatch = Callable[[Any, Wire], "HttpReply"]


@dataclass(frozen=True)
class Unit:
    """One faked AWS service."""

    #: botocore's service name (``boto3.client(service)``), as the interception names it
    service: str
    #: answers one request of this service (routing, parsing, handlers, replies)
    dispatch: Dispatch
    #: the operations answered from the unit's state (the model's names)
    served: tuple[str, ...]
    #: a rest-json service that shares its signing name with another (SES v2 and SES v1 both
    #: sign for ``ses``): the path its routes start with (``/v2/email/``)
    path_prefix: str = ""
    #: the unit's own state, made for each stub when it first needs it
    new_state: Callable[[], Any] | None = None

    @property
    def model(self) -> ServiceModel:
        return service_model(self.service)

    @functools.cached_property
    def signing_name(self) -> str:
        return str(self.model.signing_name)

    @functools.cached_property
    def target_prefix(self) -> str:
        """The json protocol's ``X-Amz-Target`` prefix (``PinpointSMSVoiceV2``), or ""."""
        return str(self.model.metadata.get("targetPrefix") or "")

    @property
    def operations(self) -> tuple[str, ...]:
        """Every operation of the service's model."""
        return tuple(self.model.operation_names)

    def operation(self, name: str) -> str | None:
        """The model's name of an operation given by it or by boto3's name, else None."""
        if name in self.model.operation_names:
            return name
        return _boto3_names(self.service).get(name)

    def error_statuses(self, operation: str) -> dict[str, int]:
        """The errors the model declares for ``operation`` -> their HTTP status."""
        from .. import model

        return model.declared_errors(self.model.operation_model(operation))

    def claims(self, request: Wire) -> bool:
        """Whether ``request`` is for this service: by its json target, its signing scope, or
        (an unsigned request, as ``requests`` sends one) its host's endpoint prefix."""
        if request.target:
            prefix = self.target_prefix
            return bool(prefix) and request.target.startswith(prefix + ".")
        parts = urlsplit(request.url)
        if request.signing_name:
            if request.signing_name != self.signing_name:
                return False
        elif not (parts.hostname or "").startswith(self.model.endpoint_prefix + "."):
            return False
        return not self.path_prefix or parts.path.startswith(self.path_prefix)


def service_model(service: str) -> ServiceModel:
    """botocore's bundled model of ``service``, loaded once per process."""
    if service == "pinpoint":
        from .. import model  # Pinpoint's may already be the one a client holds

        return model.service_model()
    return _loaded(service)


@functools.cache
def _boto3_names(service: str) -> dict[str, str]:
    from botocore import xform_name

    return {xform_name(op): op for op in service_model(service).operation_names}


def find_operation(units: tuple[Unit, ...], operation: Any, what: str) -> tuple[Unit, str]:
    """The unit and model name of ``operation`` (``SendTextMessage`` or ``send_text_message``),
    or PinpointStubError naming the services searched."""
    from ..errors import PinpointStubError

    for unit in units if isinstance(operation, str) else ():
        found = unit.operation(operation)
        if found is not None:
            return unit, found
    others = ", ".join(unit.service for unit in units if unit.service != "pinpoint")
    raise PinpointStubError(
        f"{what}: {operation!r} is not a Pinpoint operation{', nor one of ' if others else ''}"
        f"{others} (give the model name, e.g. 'GetEventStream', or boto3's method name, e.g. "
        "'get_event_stream')"
    )


def _loaded(service: str) -> ServiceModel:
    from .. import model

    return model.bundled_model(service)
