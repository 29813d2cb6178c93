"""``PinpointStub``: the object tests hold. It only delegates.

Options are checked by :class:`~pytest_pinpoint.options.StubOptions`; the state, scripts and
record are the service's (:mod:`.state`, :mod:`.scripts`, :mod:`.record`); requests go through
:func:`.router.dispatch`; :meth:`PinpointStub.start` registers the stub with the interception
registry, which routes every botocore/aiobotocore Pinpoint request to :meth:`handle`.

What the fake chooses where the references are silent (invented endpoints of unknown users,
channels of addresses, outcome checks, failures before contract checks, expected rules) is
listed, with how a test changes each, in docs/contract.md "What the fake guesses".
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Collection, Mapping
from types import TracebackType
from typing import TYPE_CHECKING, Any

from .. import contract, model
from ..contract import Template, Violation
from ..contract.validate import BOTO3_NAMES
from ..errors import PinpointStubError
from ..interception import registry
from ..options import ContractMode, EosMode, OutcomeMap, StubOptions, UserMap, aware
from . import clients, record, router, teardown, units
from .context import Service
from .endpoints import merged
from .http import HttpReply
from .record import Call, SentMessage
from .routing import route
from .scripted import Scripted, check_response
from .scripts import (
    Failure,
    OutcomeRule,
    OutcomeScript,
    check_channel,
    check_error,
    check_status,
    check_times,
    check_updated_token,
    scripts_from_map,
    send_operation,
)
from .sesv2.facade import SesV2
from .sms_v2.facade import SmsV2
from .state import (
    ANY_APP,
    EndpointRecord,
    State,
    TemplateRecord,
    TemplateVersions,
    checked_endpoints,
)
from .unit import Unit, find_operation, wire

if TYPE_CHECKING:
    from typing_extensions import Self

#: views of earlier releases -> where they are read now
_MOVED = {
    **{
        name: f"stub.options.{name}"
        for name in ("contract", "seed", "strict_users", "known_apps", "fail_on_unused")
    },
    "operations": "stub.served (what the fake models) or botocore's model of the service",
}


class PinpointStub:
    """A fake Amazon Pinpoint (sends, apps, endpoints, templates); every botocore Pinpoint client
    talks to it while it is started (``with PinpointStub() as stub:`` or ``.start()``)."""

    def __init__(
        self,
        *,
        contract: ContractMode = "strict",
        seed: int = 0,
        severities: Mapping[str, str] | None = None,
        strict_users: bool = False,
        known_apps: Collection[str] | None = None,
        users: UserMap | None = None,
        outcomes: OutcomeMap | None = None,
        fail_on_unused: bool = True,
        clock: _dt.datetime | None = None,
        eos: EosMode = "warn",
        sms_sandbox: bool = False,
        ses_sandbox: bool = False,
        ses_identities: Collection[str] | Mapping[str, str] | None = None,
    ) -> None:
        options = StubOptions(
            contract=contract,
            seed=seed,
            severities=severities,
            strict_users=strict_users,
            known_apps=known_apps,
            users=users,
            outcomes=outcomes,
            fail_on_unused=fail_on_unused,
            clock=clock,
            eos=eos,
            sms_sandbox=sms_sandbox,
            ses_sandbox=ses_sandbox,
            ses_identities=ses_identities,
        )
        assert options.clock is not None  # StubOptions fills in the default clock
        self._svc = Service(options, State(options.seed, options.clock))
        self._units: tuple[Unit, ...] = units.load_all()
        #: the AWS services this stub fakes (botocore's names): their clients talk to it
        self.services: frozenset[str] = frozenset(unit.service for unit in self._units)
        self._started = False
        self._stopped = False
        # botocore's retry backoff after a stubbed error, recorded instead of slept (registry)
        self.retry_delays: list[float] = []
        for user_id, endpoints in (users or {}).items():
            self.add_user(user_id, endpoints=endpoints)
        if outcomes:
            self.outcome(outcomes)

    # --- options and record (read-only views) --------------------------------------------------

    @property
    def options(self) -> StubOptions:
        """The options this stub was made with (contract mode, seed, strict_users ...)."""
        return self._svc.options

    if not TYPE_CHECKING:  # a type checker keeps flagging unknown names

        def __getattr__(self, name: str) -> Any:
            moved = _MOVED.get(name)  # read-only views of earlier releases
            hint = f": read {moved}" if moved else ""
            raise AttributeError(f"'PinpointStub' object has no attribute {name!r}{hint}")

    @property
    def calls(self) -> list[Call]:
        return self._svc.record.calls

    @property
    def sent(self) -> list[SentMessage]:
        return self._svc.record.sent

    @property
    def violations(self) -> list[Violation]:
        return self._svc.record.violations

    @property
    def served(self) -> tuple[str, ...]:
        """The operations the fake models from its state (apps, endpoints, templates, sends)."""
        return router.OPERATIONS

    @property
    def sms_v2(self) -> SmsV2:
        """End User Messaging SMS v2's account: numbers, sender IDs, pools, opt-outs, sandbox."""
        return SmsV2(self._svc)

    @property
    def sesv2(self) -> SesV2:
        """SES v2's account: the events of its sends, the suppression list, the identities."""
        return SesV2(self._svc)

    def endpoints(self, *, user: str | None = None, app: str | None = None) -> list[EndpointRecord]:
        """The endpoints the fake holds, in registration order: the app's (UpdateEndpoint ...)
        and :meth:`add_user`'s; ``user=`` and ``app=`` (an ApplicationId) narrow them."""
        with self._svc.state.lock:
            held = self._svc.state.endpoints
            return [
                found
                for app_id, per_app in held.items()
                if app is None or app_id in (app, ANY_APP)
                for found in per_app.values()
                if user is None or found.user_id == user
            ]

    def templates(self) -> list[Template]:
        """Every template version the ``template-exists`` rule knows: the app's and
        :meth:`add_template`'s (:meth:`template` has a version's content)."""
        with self._svc.state.lock:
            return self._svc.state.templates

    def template(self, kind: str, name: str, version: str | None = None) -> TemplateRecord | None:
        """A template's version (``None``: its active one), e.g. ``("SMSTemplate", "otp")``."""
        with self._svc.state.lock:
            return self._svc.state.template(kind, name, version)

    # --- lifecycle --------------------------------------------------------------------------

    def start(self) -> Self:
        """Route every botocore Pinpoint request to this stub (until :meth:`stop`)."""
        with self._svc.state.lock:
            if self._started:
                return self
            self._started = True
            self._stopped = False
        registry.activate(self)
        return self

    def stop(self) -> None:
        with self._svc.state.lock:
            if not self._started:
                return
            self._started = False
            self._stopped = True
        registry.deactivate(self)

    def _check_live(self, what: str) -> None:
        if self._stopped:
            raise PinpointStubError(
                f"{what}: this PinpointStub was stopped (the test or `with` block that owned it "
                "ended); script a started stub, or start() it again"
            )

    @property
    def active(self) -> bool:
        return self._started

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
        if exc_type is None:
            self.verify()

    # --- scripting --------------------------------------------------------------------------

    def add_user(
        self,
        user_id: str,
        endpoints: Mapping[str, Mapping[str, Any]] | None = None,
    ) -> None:
        """Register a user and its endpoints ``{endpoint_id: {"ChannelType", "Address", ...}}``
        in every application (sugar over the endpoint registry ``update_endpoint`` fills; the
        user's earlier add_user endpoints are replaced)."""
        self._check_live(f"add_user({user_id!r})")
        checked = checked_endpoints(user_id, endpoints)
        state = self._svc.state
        with state.lock:
            self._svc.scripts.check_new_user(user_id, checked)
            for record in state.endpoints_of_user(ANY_APP, user_id):
                state.remove_endpoint(ANY_APP, record.id)
            now = state.timestamp()
            for endpoint_id, conf in checked.items():
                user = dict(conf.get("User") or {})
                user["UserId"] = user_id
                data = merged(None, {**conf, "User": user}, now, endpoint_id)
                state.put_endpoint(ANY_APP, endpoint_id, data)
            state.seen_users.add(user_id)
            state.endpoints_version += 1

    def add_template(
        self,
        name: str,
        kind: str = "SMSTemplate",
        version: str | None = None,
        *,
        content: Mapping[str, Any] | None = None,
    ) -> None:
        """Register a message template that exists outside the test (``template-exists``
        follows it). With ``content`` (the Create*Template request: ``{"Body": ...,
        "DefaultSubstitutions": "{...}"}``) it is stored as a created template's version
        (``version`` or "1"), so TemplateConfiguration can render it."""
        self._check_live(f"add_template({name!r})")
        kinds = model.template_kinds()
        if kind not in kinds:
            raise PinpointStubError(f"add_template: kind {kind!r} is not one of {', '.join(kinds)}")
        state = self._svc.state
        with state.lock:
            if content is None:
                state.extra_templates.append(Template(kind, name, version))
                return
            number = version or "1"
            now = state.timestamp()
            entry = state.template_store.setdefault((kind, name), TemplateVersions([], number))
            record = TemplateRecord(kind, name, number, dict(content), now, now)
            entry.versions = [r for r in entry.versions if r.version != number] + [record]

    def respond(
        self, operation: str, response: Mapping[str, Any], *, times: int | None = 1
    ) -> None:
        """Answer an operation the fake does not model (``"GetEventStream"`` or
        ``"get_event_stream"``) with ``response`` in boto3's output shape, checked against the
        model now. ``times=None``: every call."""
        self._check_live(f"respond({operation!r})")
        unit, name = find_operation(self._units, operation, "respond")
        if name in unit.served:
            raise PinpointStubError(
                f"respond({name!r}): the stub serves {name} from its state; drive it through "
                "the app's own calls (or the stub's test-side sugar), or script an error with "
                f"fail(code, operation={name!r})"
            )
        if times is not None:
            check_times(times, "respond")
        checked = check_response(
            name, dict(response) if isinstance(response, Mapping) else response, unit.service
        )
        with self._svc.state.lock:
            self._svc.responses.add(Scripted(name, checked, None, None, times, unit.service))

    def advise(self, audience: str) -> None:
        """Who reads this stub's advice on unserved operations: ``"test"`` (a Python test:
        ``respond``, the default) or ``"serve"`` (a CLI or other-language user of
        ``pytest-pinpoint serve``: the script file and the control API)."""
        from .scripted import AUDIENCES

        if audience not in AUDIENCES:
            raise PinpointStubError(f"advise({audience!r}): expected one of {AUDIENCES}")
        with self._svc.state.lock:
            self._svc.responses.audience = audience

    def outcome(
        self,
        status: str | OutcomeRule | OutcomeMap | Mapping[str, Any],
        *,
        user: str | None = None,
        endpoint: str | None = None,
        address: str | None = None,
        channel: str | None = None,
        times: int | None = None,
        status_code: int | None = None,
        status_message: str | None = None,
        updated_token: str | None = None,
    ) -> None:
        """Script the DeliveryStatus of matching recipients (first matching script wins).

        ``status`` is a current DeliveryStatus, a callable ``(SentMessage) -> status | None``
        (None: fall through to the next script), ``{user: {endpoint: status}}`` or
        ``{address: status}`` (one-shot outcomes, e.g. drawn by a Hypothesis strategy; all or
        nothing is registered). ``times=None``: every call. ``updated_token``: the result's
        UpdatedToken (GCM only, as documented).
        """
        self._check_live("outcome()")
        if isinstance(status, Mapping):
            scripts = scripts_from_map(status)
        else:
            if not callable(status):
                status = check_status(status)
            check_times(times, "outcome")
            check_channel(channel)
            check_updated_token(updated_token, channel)
            scripts = [
                OutcomeScript(
                    status,
                    user,
                    endpoint,
                    channel,
                    times,
                    status_code,
                    status_message,
                    address=address,
                    updated_token=updated_token,
                )
            ]
        svc = self._svc
        with svc.state.lock:
            users = svc.state.users
            for script in scripts:  # every check first: a bad entry registers nothing
                if script.user in users:  # unknown users may still be registered by the app
                    svc.scripts.check_target(script, users, svc.options.strict_users)
            svc.scripts.outcomes.extend(scripts)

    def fail(
        self,
        error_code: str,
        *,
        times: int | None = 1,
        message: str | None = None,
        operation: str | None = None,
    ) -> None:
        """Answer the next ``times`` requests (``None``: every one) with a modeled error (real
        status and body).

        Without ``operation`` it scripts the sends (both send operations); ``operation`` (model
        or boto3 name) scripts that operation alone with one of its declared errors.
        """
        self._check_live(f"fail({error_code!r})")
        unit, name = (
            (router.UNIT, None)  # Pinpoint's sends
            if operation is None
            else find_operation(self._units, operation, "fail")
        )
        check_error(error_code, name or model.OPERATION_NAME, unit)
        check_times(times, "fail")
        with self._svc.state.lock:
            if name is None or name in BOTO3_NAMES:
                failure = Failure(error_code, times, message, operation=send_operation(name))
                self._svc.scripts.failures.append(failure)
            else:
                scripted = Scripted(name, None, error_code, message, times, unit.service)
                self._svc.responses.add(scripted)

    def expect_violation(self, rule_id: str) -> None:
        """The test means to break ``rule_id``: strict mode lets it through, teardown passes."""
        self._check_live(f"expect_violation({rule_id!r})")
        if rule_id not in contract.RULES:
            raise PinpointStubError(
                f"expect_violation({rule_id!r}): unknown rule; known rules: "
                + ", ".join(contract.RULE_IDS)
            )
        with self._svc.state.lock:
            self._svc.scripts.expected.setdefault(rule_id, 0)

    # --- clock ------------------------------------------------------------------------------

    @property
    def clock(self) -> _dt.datetime:
        return self._svc.state.clock

    @clock.setter
    def clock(self, when: _dt.datetime) -> None:
        with self._svc.state.lock:
            self._svc.state.clock = aware(when)

    def advance(self, seconds: float) -> None:
        with self._svc.state.lock:
            self._svc.state.clock += _dt.timedelta(seconds=seconds)

    # --- clients ----------------------------------------------------------------------------

    def client(self, **kwargs: Any) -> Any:
        """A boto3 Pinpoint client with dummy credentials (region us-east-1 unless given)."""
        return clients.pinpoint_client(**kwargs)

    def responses(self, mock: Any = None) -> Any:
        """Answer ``requests`` calls to the Pinpoint REST API from this stub through the
        ``responses`` library (see :mod:`pytest_pinpoint.interception.responses`)."""
        from ..interception.responses import register

        return register(self, mock)

    # --- the HTTP entry point -------------------------------------------------------------------

    def handle(self, method: str, url: str, headers: Mapping[str, str], body: bytes) -> HttpReply:
        """Answer one HTTP request as the service it is for would (the unit that claims it; a
        request no unit claims goes to Pinpoint's, which answers what no route matches)."""
        return route(self._units, self._svc, wire(method, url, headers, body))

    # --- assertions and teardown ------------------------------------------------------------

    def assert_sent(self, **match: Any) -> SentMessage:
        """Assert the app sent some recipient (endpoint or address) a message matching every
        given field, whatever its status (OPT_OUT too: :meth:`assert_delivered`); return it."""
        __tracebackhide__ = True
        with self._svc.state.lock:
            sent = list(self._svc.record.sent)
        return record.assert_sent(sent, match)

    def assert_delivered(self, **match: Any) -> SentMessage:
        """:meth:`assert_sent`, and the message was delivered: its status is SUCCESSFUL."""
        __tracebackhide__ = True
        with self._svc.state.lock:
            sent = list(self._svc.record.sent)
        return record.assert_delivered(sent, match)

    def assert_not_sent(self, **match: Any) -> None:
        """Assert no recipient (endpoint or address) received a message matching every field."""
        __tracebackhide__ = True
        with self._svc.state.lock:
            sent = list(self._svc.record.sent)
        record.assert_not_sent(sent, match)

    def problems(self) -> list[str]:
        """What makes the test fail at teardown (empty when all is well)."""
        return teardown.problems(self._svc)

    def verify(self) -> None:
        """Raise AssertionError listing every teardown problem."""
        __tracebackhide__ = True
        found = self.problems()
        if found:
            raise AssertionError("\n".join(found))

    def __repr__(self) -> str:
        state = "started" if self._started else "stopped"
        return (
            f"<PinpointStub {state} contract={self.options.contract} seed={self.options.seed} "
            f"calls={len(self.calls)} sent={len(self.sent)}>"
        )
