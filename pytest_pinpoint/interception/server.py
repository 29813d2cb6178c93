"""The loopback server: a real HTTP server over the fake, for the AWS CLI and other SDKs.

Anything that can take an endpoint URL (``aws --endpoint-url``, ``boto3.client(endpoint_url=)``,
the JavaScript or Go SDKs, curl) talks to the same engine the in-process fixture uses: the
server hands every request, unchanged, to :meth:`PinpointStub.handle` and writes back its reply.
So routing, contract checks, scripted outcomes, the call log and the service-shaped errors
(404, 405, 400, 413) are the stub's, never re-implemented here.

The server only ever listens on a loopback address: the fake must not be reachable from the
network, and nothing here opens a socket anywhere else.
"""

from __future__ import annotations

import contextlib
import functools
import socket
import threading
import types
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from ..errors import PinpointStubError
from ..service.http import internal_error_reply, is_loopback_host
from .control import PREFIX

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIEnvironment
    from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler

    from ..service.stub import PinpointStub
    from .control import Control

DEFAULT_HOST = "127.0.0.1"
# A handler still running this long after stop() shut its socket down is stuck in the stub:
# stop() says so instead of hanging the test session.
_JOIN_TIMEOUT = 10.0


def _check_loopback(host: str) -> None:
    if not is_loopback_host(host):
        raise PinpointStubError(
            f"LoopbackServer host {host!r} is not a loopback address: the fake only listens on "
            "127.0.0.1, ::1 or localhost so that nothing outside this machine can reach it"
        )


class _Connections:
    """Idle client sockets (between requests), so stop() can unblock their handlers.

    A request being handled is left to finish; its connection then closes instead of waiting
    for another request.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._open: set[socket.socket] = set()
        self._closing = False

    def add(self, conn: socket.socket) -> bool:
        with self._lock:
            if self._closing:
                return False
            self._open.add(conn)
            return True

    def discard(self, conn: socket.socket) -> None:
        with self._lock:
            self._open.discard(conn)

    def close_all(self) -> None:
        with self._lock:
            self._closing = True
            conns = list(self._open)
        for conn in conns:
            with contextlib.suppress(OSError):  # already closed by the client
                conn.shutdown(socket.SHUT_RDWR)


class _Body:
    """``wsgi.input`` of a request on a kept-alive connection: its Content-Length bytes, then
    nothing. werkzeug drains the socket after each reply (it closes every connection); on a
    kept-alive one that drain would eat the client's next request."""

    def __init__(self, rfile: Any, length: int) -> None:
        self._rfile = rfile
        self._left = length
        self.unread = length > 0

    def read(self, size: int | None = -1) -> bytes:
        if self._left <= 0:
            return b""
        n = self._left if size is None or size < 0 else min(size, self._left)
        data: bytes = self._rfile.read(n)
        self._left = self._left - len(data) if data else 0
        self.unread = self._left > 0
        return data


def _handler_class(connections: _Connections) -> type[WSGIRequestHandler]:
    from werkzeug.serving import WSGIRequestHandler

    class Handler(WSGIRequestHandler):
        # Replies are two small writes (headers, body): without this, Nagle's algorithm holds
        # the body back until the client acknowledges the headers.
        disable_nagle_algorithm = True
        _keep_alive = False

        def handle_one_request(self) -> None:
            if not connections.add(self.connection):  # stopping: no further request
                self.close_connection = True
                return
            try:
                super().handle_one_request()
            finally:
                connections.discard(self.connection)

        def run_wsgi(self) -> None:
            connections.discard(self.connection)  # busy from here on: stop() waits for it
            # HTTP/1.1 keep-alive (werkzeug closes every connection): only for a request whose
            # body has a Content-Length (or none at all), so nothing unread is left behind.
            length = self.headers.get("Content-Length")
            chunked = self.headers.get("Transfer-Encoding") is not None
            self._keep_alive = (
                not self.close_connection and not chunked and (length is None or length.isdigit())
            )
            if not self._keep_alive:
                super().run_wsgi()
                return
            rfile, body = self.rfile, _Body(self.rfile, int(length or 0))
            self.rfile = body  # type: ignore[assignment]
            try:
                super().run_wsgi()
            finally:
                self.rfile = rfile
            # a body left unread would be taken for the next request line
            self.close_connection = self.close_connection or body.unread

        def send_header(self, keyword: str, value: str) -> None:
            if self._keep_alive and keyword == "Connection" and value == "close":
                return  # werkzeug's "always close": this connection stays open
            super().send_header(keyword, value)

        def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
            # One line per request drowns the test output; the stub's call log has it all.
            pass

    return Handler


class LoopbackServer:
    """A real HTTP server on 127.0.0.1 answering from a :class:`PinpointStub`.

    ``LoopbackServer(stub=None, *, host="127.0.0.1", port=0, **stub_options)``: without a
    stub, one is created from ``stub_options`` (``contract=``, ``seed=``, ...). Port 0 picks a
    free port; :attr:`url` has the real one once started. Use as a context manager or call
    :meth:`start` / :meth:`stop`. The stub's in-process botocore interception is *not*
    activated: the server only uses the stub's engine (``stub.handle``).
    """

    def __init__(
        self,
        stub: PinpointStub | None = None,
        *,
        host: str = DEFAULT_HOST,
        port: int = 0,
        **stub_options: Any,
    ) -> None:
        _check_loopback(host)
        if not isinstance(port, int) or isinstance(port, bool) or not 0 <= port <= 65535:
            raise PinpointStubError(f"LoopbackServer port must be an integer 0-65535, got {port!r}")
        if stub is None:
            # The one place an adapter builds a stub: from the options a caller gave.
            from ..service.stub import PinpointStub

            stub = PinpointStub(**stub_options)
        elif stub_options:
            raise PinpointStubError(
                "LoopbackServer takes a stub or stub options, not both: got stub= and "
                f"{', '.join(sorted(stub_options))}"
            )
        self.stub: PinpointStub = stub
        self.host = host
        self._port = port
        self._server: BaseWSGIServer | None = None
        self._thread: threading.Thread | None = None
        self._connections = _Connections()
        #: Exceptions ``stub.handle`` raised (each answered as a 500 InternalServerErrorException).
        self.errors: list[BaseException] = []
        #: The serve command's control API (:mod:`.control`) under ``/_pinpoint``; None: off.
        self.control: Control | None = None

    # -- lifecycle -----------------------------------------------------------------------

    @property
    def port(self) -> int:
        if self._server is None:
            raise PinpointStubError("LoopbackServer is not started: call start() or use `with`")
        return int(self._server.server_address[1])

    @property
    def url(self) -> str:
        """``http://127.0.0.1:PORT`` (the value for ``--endpoint-url`` / ``endpoint_url=``)."""
        host = f"[{self.host.strip('[]')}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> LoopbackServer:
        if self._server is not None:
            raise PinpointStubError("LoopbackServer is already started")
        from werkzeug.serving import ThreadedWSGIServer, make_server

        self._connections = _Connections()
        handler = _handler_class(self._connections)
        try:
            server = make_server(
                self.host.strip("[]"), self._port, self._wsgi_app, threaded=True,
                request_handler=handler,
            )  # fmt: skip
        except SystemExit:  # werkzeug prints the reason (e.g. port in use) and exits
            raise PinpointStubError(
                f"LoopbackServer cannot listen on {self.host}:{self._port} (see the message "
                "above; pass port=0 for a free port)"
            ) from None
        # Non-daemon handler threads are tracked by socketserver and joined by server_close().
        if isinstance(server, ThreadedWSGIServer):
            server.daemon_threads = False
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"pytest-pinpoint-server:{server.server_address[1]}",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop accepting, drop idle connections, let requests in flight finish, join every
        thread and close the socket."""
        server, thread = self._server, self._thread
        if server is None:
            return
        self._server = self._thread = None
        server.shutdown()  # returns once the accept loop has exited: no new connections
        self._connections.close_all()
        # werkzeug's serve_forever ends with server_close(), which joins the handler threads.
        if thread is not None:
            thread.join(_JOIN_TIMEOUT)
            if thread.is_alive():
                raise PinpointStubError(
                    f"LoopbackServer.stop(): a request is still being handled after "
                    f"{_JOIN_TIMEOUT:g}s (a scripted outcome callable that blocks?); the "
                    "listening socket is closed, the handler thread is left running"
                )
        server.server_close()

    def __enter__(self) -> LoopbackServer:
        # `with LoopbackServer(...).start() as server:` is fine too
        return self if self._server is not None else self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: types.TracebackType | None,
    ) -> None:
        self.stop()

    def problems(self) -> list[str]:
        """What should fail a test at teardown: exceptions the stub raised while answering
        (each was a 500 the client may have retried or swallowed), then the stub's problems."""
        raised = [
            f"the stub raised {type(exc).__name__}: {exc} while answering a request (the client "
            "got 500 InternalServerErrorException)"
            for exc in list(self.errors)
        ]
        return raised + self.stub.problems()

    def __repr__(self) -> str:
        where = self.url if self._server is not None else "stopped"
        return f"<LoopbackServer {where}>"

    # -- the WSGI app ----------------------------------------------------------------------

    def _wsgi_app(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        # Read from the environ directly: werkzeug's Request object costs more than the stub.
        stream = environ["wsgi.input"]
        if environ.get("wsgi.input_terminated"):  # chunked: werkzeug de-chunks to the end
            body = stream.read()
        else:
            length = environ.get("CONTENT_LENGTH")
            body = stream.read(int(length)) if length and length.isdigit() else b""
        # The raw request target, as the client sent it (percent-encoding included), so the
        # stub parses exactly what it would parse from an intercepted botocore request.
        target = environ.get("RAW_URI") or _full_path(environ)
        # absolute-form targets ("POST http://host/path", as sent to a proxy) are already URLs
        if target.startswith("/"):
            host = environ.get("HTTP_HOST") or (
                f"{environ['SERVER_NAME']}:{environ['SERVER_PORT']}"
            )
            url = f"http://{host}{target}"
        else:
            url = target
        control = self.control
        if control is not None and environ.get("PATH_INFO", "").startswith(PREFIX):
            answer = control.handle(environ["REQUEST_METHOD"], environ["PATH_INFO"], body)
            headers_out = [*answer.headers, ("Content-Length", str(len(answer.body)))]
            start_response(_status_line(answer.status), headers_out)
            return [answer.body]
        # lower-case names, as botocore's own requests reach the stub
        headers = {
            key[5:].replace("_", "-").lower(): value
            for key, value in environ.items()
            if key.startswith("HTTP_")
        }
        try:
            # The stub keeps its state behind its own lock: handler threads call it directly.
            reply = self.stub.handle(environ["REQUEST_METHOD"], url, headers, body)
            status, reply_headers, reply_body = reply.status, dict(reply.headers), reply.body
        except Exception as exc:  # surface the bug to the client instead of a dropped socket
            self.errors.append(exc)
            failed = internal_error_reply(exc)
            status, reply_headers, reply_body = failed.status, dict(failed.headers), failed.body
        if not any(k.lower() == "content-length" for k in reply_headers):
            reply_headers["Content-Length"] = str(len(reply_body))
        start_response(_status_line(status), list(reply_headers.items()))
        return [reply_body]


def _full_path(environ: WSGIEnvironment) -> str:
    from urllib.parse import quote

    query = environ.get("QUERY_STRING")
    path = quote(environ.get("PATH_INFO", "/"))
    return f"{path}?{query}" if query else path


@functools.cache
def _status_line(status: int) -> str:
    from http import HTTPStatus

    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = "Unknown"
    return f"{status} {phrase}"


def server_fixture(**options: Any) -> Iterator[LoopbackServer]:
    """Generator behind a fixture: a started :class:`LoopbackServer`, stopped afterwards."""
    with LoopbackServer(**options) as server:
        yield server
