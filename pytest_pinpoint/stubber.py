"""``botocore.stub.Stubber`` that holds Pinpoint's send operations to the documented contract.

A plain Stubber checks what the *test* wrote: the stubbed response against the model's shapes
and the expected params by equality (``ANY`` matches anything). It never looks at what the *app*
sends, so an app request with 16 email headers passes when the test wrote ``ANY``.
:class:`ContractStubber` is a drop-in subclass (change the import) that also checks:

- every ``send_users_messages`` / ``send_messages`` call the app makes, at the point where
  Stubber compares expected params (botocore's ``before-parameter-build`` event), so it works
  with ``ANY`` and with no expected params at all;
- the stubbed responses of both operations (``add_response``): legacy ``DeliveryStatus`` values,
  unknown ones, ``StatusCode`` types;
- stubbed errors (``add_client_error``): the code must be one the operation declares in
  botocore's Pinpoint model, with its HTTP status (which becomes the default status).

Other operations behave exactly as with ``Stubber``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Literal

import botocore
from botocore.exceptions import StubAssertionError
from botocore.stub import Stubber

# Aliased: `contract` is also the mode keyword (as on PinpointStub) and botocore passes the
# operation as `model=` to event handlers.
from . import contract as _contract
from . import model as _model
from . import usage
from .options import CONTRACT_MODES

__all__ = ["ContractStubber", "ContractStubberError"]

# Model operation names whose requests and responses the contract knows.
CHECKED_OPERATIONS = (_model.OPERATION_NAME, _model.SEND_MESSAGES)


class ContractStubberError(StubAssertionError):  # type: ignore[misc]
    """A stubbed call, response or error breaks the documented contract (an AssertionError)."""

    fmt = "ContractStubber ({operation_name}): {reason}"


def _describe(found: Iterable[_contract.Violation]) -> str:
    lines = []
    for v in found:
        limit = f" (limit: {v.limit})" if v.limit else ""
        lines.append(f"  {v}{limit}")
    return "\n".join(lines)


class ContractStubber(Stubber):  # type: ignore[misc]
    """A ``Stubber`` whose Pinpoint send calls, responses and errors obey the contract.

    ``contract="strict"`` (default) raises :class:`ContractStubberError` for an error-severity
    violation; ``"warn"`` only records; ``"off"`` checks nothing. Every violation found (warnings
    too) is kept on :attr:`violations`; :meth:`problems` / :meth:`verify` turn them into the same
    teardown check as ``PinpointStub``. ``severities`` and ``templates`` work as in
    :func:`pytest_pinpoint.validate_request`.
    """

    def __init__(
        self,
        client: Any,
        *,
        contract: Literal["strict", "warn", "off"] = "strict",
        severities: Mapping[str, str] | None = None,
        templates: Iterable[_contract.Template] | None = None,
        fail_on_unused: bool = True,
    ) -> None:
        if contract not in CONTRACT_MODES:
            raise ValueError(f"contract={contract!r}: must be one of {', '.join(CONTRACT_MODES)}")
        # validate_response raises ValueError naming an unknown rule ID or level: check once here.
        _contract.validate_response({}, severities=severities)
        super().__init__(client)
        self.contract = contract
        self.severities = dict(severities or {})
        self.templates = list(templates) if templates is not None else None
        self.fail_on_unused = fail_on_unused
        self.violations: list[_contract.Violation] = []
        self._expected: dict[str, int] = {}

    # --- what the test stubs ---------------------------------------------------------------

    def activate(self) -> None:
        """Start answering (``with ContractStubber(client) as stubber:`` calls this); the session
        report counts the test that did."""
        super().activate()
        for listener in usage.CONTRACT_STUBBER_LISTENERS:
            listener(self)

    def add_response(
        self,
        method: str,
        service_response: Any,
        expected_params: Mapping[str, Any] | None = None,
    ) -> None:
        """As ``Stubber.add_response``; a send operation's response is checked first."""
        __tracebackhide__ = True
        operation = self._checked_operation(method)
        if operation is not None:
            found = _contract.validate_response(service_response, severities=self.severities)
            self._judge(operation, f"add_response({method!r}): the stubbed response", found)
        super().add_response(method, service_response, expected_params)

    def add_client_error(
        self,
        method: str,
        service_error_code: str = "",
        service_message: str = "",
        http_status_code: int | None = None,
        service_error_meta: Mapping[str, Any] | None = None,
        expected_params: Mapping[str, Any] | None = None,
        response_meta: Mapping[str, Any] | None = None,
        modeled_fields: Mapping[str, Any] | None = None,
    ) -> None:
        """As ``Stubber.add_client_error``; for a send operation the code must be a modeled
        error of it, and ``http_status_code`` defaults to that error's modeled status."""
        __tracebackhide__ = True
        operation = self._checked_operation(method)
        if operation is not None:
            http_status_code = self._check_error(
                operation, method, service_error_code, http_status_code
            )
        super().add_client_error(
            method,
            service_error_code,
            service_message,
            400 if http_status_code is None else http_status_code,
            service_error_meta,
            expected_params,
            response_meta,
            modeled_fields,
        )

    def expect_violation(self, rule_id: str) -> None:
        """The test means to break ``rule_id``: strict mode still raises, teardown passes."""
        if rule_id not in _contract.RULES:
            raise ValueError(
                f"expect_violation({rule_id!r}): unknown rule; known rules: "
                + ", ".join(_contract.RULES)
            )
        self._expected.setdefault(rule_id, 0)

    # --- what the app sends ----------------------------------------------------------------

    def _assert_expected_params(self, model: Any, params: Any, context: Any, **kwargs: Any) -> None:
        """Stubber's own check (call order, expected params), then the contract on ``params``.

        Runs on ``before-parameter-build``: ``params`` are the app's keyword arguments, before
        botocore validates or serializes them.
        """
        __tracebackhide__ = True
        super()._assert_expected_params(model, params, context, **kwargs)
        if self.contract == "off" or self._should_not_stub(context):
            return
        if model.name not in CHECKED_OPERATIONS:
            return
        found = _contract.validate_request(
            params, severities=self.severities, templates=self.templates
        )
        if found and self._blocking(found):
            # The call is answered (with this error), as the service answers 400: its stubbed
            # response is used up, so assert_no_pending_responses() stays truthful.
            self._queue.popleft()
        method = botocore.xform_name(model.name)
        self._judge(model.name, f"the {method} request the code under test sent", found)

    # --- teardown --------------------------------------------------------------------------

    def problems(self) -> list[str]:
        """What should fail the test at teardown (empty when all is well), as PinpointStub's."""
        out = []
        if self.contract == "strict":
            bad = [v for v in _contract.errors(self.violations) if v.rule not in self._expected]
            if bad:
                out.append(
                    f"{len(bad)} contract violation(s) (contract=strict; ContractStubber raised "
                    "ContractStubberError, which the code under test may have swallowed):\n"
                    + _describe(bad)
                    + "\n  (use stubber.expect_violation(rule_id) if intended, or "
                    "ContractStubber(client, contract='warn'))"
                )
        if self.fail_on_unused:
            unused = [
                f"stubbed {item['operation_name']} response never used" for item in self._queue
            ]
            unused += [
                f"expect_violation({r!r}) never occurred"
                for r, n in self._expected.items()
                if n == 0
            ]
            if unused:
                out.append(
                    "ContractStubber: stubbed behaviour was not used up:\n"
                    + "\n".join(f"  {u}" for u in unused)
                    + "\n  (opt out with ContractStubber(client, fail_on_unused=False))"
                )
        return out

    def verify(self) -> None:
        """Raise AssertionError listing every teardown problem (as ``PinpointStub.verify``)."""
        __tracebackhide__ = True
        found = self.problems()
        if found:
            raise AssertionError("\n".join(found))

    # --- helpers ---------------------------------------------------------------------------

    def _checked_operation(self, method: str) -> str | None:
        if self.contract == "off":
            return None
        operation = self.client.meta.method_to_api_mapping.get(method)
        return operation if operation in CHECKED_OPERATIONS else None

    def _blocking(self, found: list[_contract.Violation]) -> bool:
        return self.contract == "strict" and bool(_contract.errors(found))

    def _judge(self, operation: str, what: str, found: list[_contract.Violation]) -> None:
        """Record every violation; in strict mode raise for error-severity ones."""
        __tracebackhide__ = True
        self.violations.extend(found)
        for v in found:
            if v.rule in self._expected:
                self._expected[v.rule] += 1
        if not self._blocking(found):
            return
        errors = _contract.errors(found)
        raise ContractStubberError(
            operation_name=operation,
            reason=f"{what} breaks {len(errors)} documented rule(s):\n{_describe(errors)}",
        )

    def _check_error(
        self, operation: str, method: str, code: str, status: int | None
    ) -> int | None:
        """The modeled status for ``code``; raise if ``code`` (or ``status``) is not modeled."""
        __tracebackhide__ = True
        declared = _model.error_statuses(operation)
        listing = ", ".join(f"{name} ({http})" for name, http in sorted(declared.items()))
        source = f"botocore's Pinpoint model declares for {operation}: {listing}"
        if code not in declared:
            raise ContractStubberError(
                operation_name=operation,
                reason=f"add_client_error({method!r}, service_error_code={code!r}): not an "
                f"error of {operation}; {source}",
            )
        if status is not None and status != declared[code]:
            raise ContractStubberError(
                operation_name=operation,
                reason=f"add_client_error({method!r}, {code!r}, http_status_code={status}): "
                f"the service answers {code} with HTTP {declared[code]}; {source}",
            )
        return declared[code]
