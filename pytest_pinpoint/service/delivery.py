"""Each recipient's message and outcome: render it, then decide its DeliveryStatus.

The status of one recipient, first that applies: a scripted outcome; OPT_OUT for an endpoint
with ``OptOut: "ALL"``; DUPLICATE for a repeat of an address already messaged on the same
channel in this call (000, DeliveryStatus: "The endpoint address is a duplicate of another
endpoint address"; invented endpoints share placeholder addresses and are never duplicates);
else SUCCESSFUL. Every result carries a MessageId (a guess, see
docs/contract.md "What the fake guesses").
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

from .. import render
from ..contract.limits import CHANNEL_MESSAGE, STATUS_DETAILS
from . import directory, extras
from .recipient import Recipient
from .record import SentMessage

if TYPE_CHECKING:
    from .context import Service
    from .state import State


class Draft(NamedTuple):
    """One recipient's message, rendered; its status is decided by :func:`deliver_all`."""

    recipient: Recipient
    message: SentMessage


def _context(request_level: Any, recipient: Any) -> dict[str, str] | None:
    """Both Contexts reach the recipient (push: ``data.pinpoint``): the recipient's wins."""
    if request_level is None and recipient is None:
        return None  # the common case, without building anything
    merged: dict[str, str] = {}
    for layer in (request_level, recipient):
        if isinstance(layer, dict):
            merged.update(layer)
    return merged if merged or isinstance(recipient, dict) else None


_UNPLANNED: Any = object()  # a channel whose plan this request has not made yet


def render_all(
    svc: Service,
    app_id: str,
    body: Mapping[str, Any],
    recipients: list[Recipient],
    request_id: str,
    operation: str,
) -> list[Draft]:
    """A draft per recipient that the request has content for (status not decided yet)."""
    config = body.get("MessageConfiguration")
    config = config if isinstance(config, dict) else {}
    refs = body.get("TemplateConfiguration")
    refs = refs if isinstance(refs, dict) else {}
    request_context = body.get("Context")
    state = svc.state
    stamp = state.creation_date()
    plans: dict[str, render.ChannelPlan | None] = {}  # channel -> its plan (None: no content)
    shared: dict[str, extras.ChannelExtras] = {}  # channel -> what its recipients share
    drafts: list[Draft] = []
    for recipient in recipients:
        channel, conf, record = recipient.channel, recipient.conf, recipient.record
        plan = plans.get(channel, _UNPLANNED)
        if plan is _UNPLANNED:
            plan = plans[channel] = _plan(state, channel, config, refs)
        if plan is None:
            continue
        # the endpoint's variables, asked only when a text names one
        variables = (
            None
            if record is None
            else functools.partial(render.endpoint_variables, record, recipient.endpoint)
        )
        rendered = plan.render(conf, stamp, variables)
        more = shared.get(channel)
        if more is None:
            more = shared[channel] = extras.channel_extras(channel, config)
        shown_body, shown_title = rendered.body, rendered.title
        if rendered.raw_content is not None:  # what the push shows is the payload's
            shown_title, shown_body = extras.raw_text(rendered.raw_content)
        headers = more.headers
        context = conf.get("Context")
        if request_context is not None or context is not None:
            context = _context(request_context, context)
        message = SentMessage(
            user=recipient.user,
            endpoint=recipient.endpoint,
            channel=channel,
            address=recipient.address,
            body=shown_body,
            title=shown_title,
            substitutions=rendered.substitutions,
            priority=rendered.priority,
            push_type=rendered.push_type,
            raw_content=rendered.raw_content,
            data=rendered.data,
            context=context,
            status="SUCCESSFUL",  # decided by deliver_all
            status_code=200,
            status_message="",
            message_id=None,
            request_id=request_id,
            application_id=app_id,
            sent_at=state.clock,
            operation=operation,
            channel_message=more.written,
            origination=more.origination,
            message_type=more.message_type,
            headers=(
                None
                if headers is None
                else extras.rendered_headers(headers, rendered.substitutions, stamp)
            ),
        )
        drafts.append(Draft(recipient, message))
    return drafts


def _plan(
    state: State, channel: str, config: Mapping[str, Any], refs: Mapping[str, Any]
) -> render.ChannelPlan | None:
    """The channel's plan for this request, or None when it carries no message for it."""
    member = CHANNEL_MESSAGE.get(channel)
    # the channel's own message is there (the common case), else ask what else could serve
    if not (member and isinstance(config.get(member), dict)) and not render.has_content(
        channel, config, refs
    ):
        return None
    kind = render.TEMPLATE_OF_CHANNEL.get(channel)
    found = kind is not None and kind in refs
    template = directory.template(state, kind, refs[kind]) if found and kind else None
    return render.ChannelPlan(channel, config, template)


def deliver_all(svc: Service, drafts: list[Draft], blocked: Mapping[int, str]) -> None:
    """Decide each draft's status and give it a MessageId (in request order); ``blocked``:
    draft index -> why it cannot be delivered (:mod:`.undeliverable`: PERMANENT_FAILURE)."""
    seen: set[tuple[str, str]] = set()  # (channel, address) messaged in this call
    scripts = svc.scripts if svc.scripts.outcomes else None
    # every result carries a MessageId (a key for apps), drawn for the whole call at once
    message_ids = svc.state.message_ids(len(drafts))
    for i, ((recipient, draft), mid) in enumerate(zip(drafts, message_ids, strict=True)):
        address, channel, opted_out = recipient.address, recipient.channel, recipient.opted_out
        script = scripts.choose(draft) if scripts is not None else None
        why = blocked.get(i) if blocked else None
        if script is not None:
            if script.updated_token is not None and channel == "GCM":
                draft.updated_token = script.updated_token
        elif why is not None:
            draft.status = "PERMANENT_FAILURE"
        elif opted_out:
            draft.status = "OPT_OUT"
        if address is not None and not recipient.invented:
            key = (channel, address)
            if key not in seen:
                seen.add(key)
            elif script is None and not opted_out and why is None:
                draft.status = "DUPLICATE"
        draft.message_id = mid
        default_code, before, after = _STATUS_TEXT[draft.status]
        code = script.status_code if script is not None else None
        text = script.status_message if script is not None else why
        draft.status_code = default_code if code is None else code
        if text is None:
            text = before if after is None else before + mid + after
        draft.status_message = text


def _split_status_text(template: str) -> tuple[str, str | None]:
    """A StatusMessage template around its ``{message_id}`` (after: None when it has none)."""
    before, found, after = template.partition("{message_id}")
    return (before, after) if found else (template, None)


#: STATUS_DETAILS with each message split around its MessageId once.
_STATUS_TEXT: dict[str, tuple[int, str, str | None]] = {
    status: (code, *_split_status_text(template))
    for status, (code, template) in STATUS_DETAILS.items()
}


def result_entries(drafts: list[SentMessage]) -> list[dict[str, Any]]:
    """Each draft's result, in order: an EndpointMessageResult (a draft with an endpoint ID:
    with its Address) or a MessageResult (a direct address: without)."""
    out = []
    for draft in drafts:
        entry: dict[str, Any] = {
            "DeliveryStatus": draft.status,
            "MessageId": draft.message_id,
            "StatusCode": draft.status_code,
            "StatusMessage": draft.status_message,
        }
        if draft.endpoint is not None and draft.address is not None:
            entry["Address"] = draft.address
        if draft.updated_token is not None:
            entry["UpdatedToken"] = draft.updated_token
        out.append(entry)
    return out
