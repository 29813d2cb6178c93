"""GetAccount: production access or the sandbox (the ``ses_sandbox`` option), the send quota
and what the stub sent in its (simulated) last 24 hours."""

from __future__ import annotations

from ...contract.ses import limits
from ..context import Request, Service
from ..http import HttpReply
from .replies import ok
from .state import of


def get_account(svc: Service, request: Request) -> HttpReply:
    sandbox = bool(getattr(svc.options, "ses_sandbox", False))
    with svc.state.lock:
        state = of(svc)
        call = svc.call(request, [])
        return ok(
            call,
            {
                "DedicatedIpAutoWarmupEnabled": False,
                "EnforcementStatus": "HEALTHY",
                "ProductionAccessEnabled": not sandbox,
                "SendingEnabled": True,
                "SendQuota": {
                    "Max24HourSend": limits.SANDBOX_MAX_24_HOUR_SEND
                    if sandbox
                    else limits.PRODUCTION_MAX_24_HOUR_SEND,
                    "MaxSendRate": limits.SANDBOX_MAX_SEND_RATE
                    if sandbox
                    else limits.PRODUCTION_MAX_SEND_RATE,
                    "SentLast24Hours": float(state.sent_last_24_hours),
                },
                "SuppressionAttributes": {"SuppressedReasons": ["BOUNCE", "COMPLAINT"]},
            },
        )


HANDLERS = {"GetAccount": get_account}
