"""The ``responses`` adapter: for apps that call the Pinpoint REST API with ``requests``.

Some apps sign requests themselves (``requests-aws4auth``, ``botocore.auth.SigV4Auth``) and
call ``https://pinpoint.<region>.amazonaws.com/v1/apps/<id>/users-messages``. :func:`register`
adds one ``responses`` callback, any HTTP method, for the paths of the operations the stub
serves (taken from the model's routing table), answered by ``stub.handle``: the same routing,
contract checks, scripted outcomes, call log and service-shaped errors (a GET gets the stub's
405) as the in-process fixture. Other URLs are left to ``responses``.

The mock must be active while the app runs, e.g.::

    with responses.RequestsMock() as rsps:
        register(stub, rsps)
        app.send(...)

or ``register(stub)`` (the default ``responses.mock``) inside a ``@responses.activate`` test.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import responses

from .. import model
from ..service.http import Handler, body_bytes

if TYPE_CHECKING:
    from requests import PreparedRequest

#: Every regional (and FIPS, and China) endpoint of the service, over HTTPS.
HOST_PATTERN = r"https://pinpoint(?:-fips)?\.[a-z0-9-]+\.amazonaws\.com(?:\.cn)?"
_GROUP = re.compile(r"\(\?P<\w+>")


def url_pattern(operations: Iterable[str]) -> re.Pattern[str]:
    """The URLs of ``operations`` (model names) in any region, with any query string.

    The paths are the model's routes (:func:`pytest_pinpoint.model.routes`), their URI labels
    made anonymous so that several operations fit in one pattern.
    """
    wanted = set(operations)
    paths = [_GROUP.sub("(?:", r.pattern.pattern) for r in model.routes() if r.operation in wanted]
    return re.compile(f"^{HOST_PATTERN}(?:{'|'.join(paths)})(?:[?#].*)?$")


def register(stub: Handler, mock: responses.RequestsMock | None = None) -> responses.RequestsMock:
    """Answer Pinpoint requests made with ``requests`` from ``stub``.

    ``mock`` defaults to ``responses.mock`` (what ``@responses.activate`` activates); the caller
    keeps it active. Returns the mock, whose ``calls`` list the raw requests as ``responses`` saw
    them (``stub.calls`` has them parsed).
    """
    target = responses.mock if mock is None else mock

    def callback(request: PreparedRequest) -> tuple[int, dict[str, str], bytes]:
        reply = stub.handle(
            str(request.method),
            str(request.url),
            {
                k: v.decode("latin-1") if isinstance(v, bytes) else v
                for k, v in request.headers.items()
            },
            body_bytes(request.body),
        )
        return reply.status, dict(reply.headers), reply.body

    every = model.service_model().operation_names  # the stub answers each of them
    target.add(_AnyMethodCallback(url_pattern(every), callback))
    return target


class _AnyMethodCallback(responses.CallbackResponse):
    """A callback that matches every HTTP method: the stub, not ``responses``, answers 405."""

    def __init__(self, url: re.Pattern[str], callback: Any) -> None:
        super().__init__(method="POST", url=url, callback=callback, content_type=None)

    def matches(self, request: PreparedRequest) -> tuple[bool, str]:
        if not self._url_matches(self.url, str(request.url)):
            return False, "URL does not match"
        return True, ""
