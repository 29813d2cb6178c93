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
from typing import TYPE_CHECKING, Any

from .. import render
from ..contract import CHANNEL_MESSAGE, STATUS_DETAILS
from . import directory
from .record import SentMessage

if TYPE_CHECKING:
    from .context import Service
    from .state import State


#: One recipient before rendering (a user's endpoint, an endpoint ID or an address), as a plain
#: tuple: (user, endpoint ID, address, ChannelType, its conf (Users[id] / Endpoints[id] /
#: Addresses[a]: overrides, Context ...), the registered endpoint's record (None otherwise),
#: opted out, invented (a made-up endpoint of an unknown user/ID: never a DUPLICATE)). Built
#: per recipient and unpacked in one step: a class would cost a Python-level init per recipient.
Target = tuple[
    str | None, str | None, str | None, str, Mapping[str, Any], Mapping[str, Any] | None, bool, bool
]


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

#: What :func:`render_all` makes: a draft per reached target (status not decided yet), those
#: targets in the same order, and the drafts that are silent pushes (``background``). A plain
#: tuple: built once per request, where a NamedTuple's Python ``__new__`` would cost a call.
Drafts = tuple[list[SentMessage], list[Target], list[SentMessage]]


def render_all(
    svc: Service,
    app_id: str,
    body: Mapping[str, Any],
    targets: list[Target],
    request_id: str,
    operation: str,
) -> Drafts:
    """One draft per target that the request has content for (status not decided yet)."""
    config = body.get("MessageConfiguration")
    config = config if isinstance(config, dict) else {}
    refs = body.get("TemplateConfiguration")
    refs = refs if isinstance(refs, dict) else {}
    request_context = body.get("Context")
    state = svc.state
    stamp = state.creation_date()
    plans: dict[str, render.ChannelPlan | None] = {}  # channel -> its plan (None: no content)
    clock = state.clock
    drafts: list[SentMessage] = []
    reached: list[Target] = []
    silent: list[SentMessage] = []
    for target in targets:
        user, endpoint, address, channel, conf, record, _, _ = target
        plan = plans.get(channel, _UNPLANNED)
        if plan is _UNPLANNED:
            plan = plans[channel] = _plan(state, channel, config, refs)
        if plan is None:
            continue
        known = plan.last
        if known is not None and known[0] == (id(conf) if conf else 0):
            # the same user's next endpoint, and no endpoint variable went into the fields:
            # its own copies of them, without a call
            body_, title, subs, push_type, raw, data = known[1]
            subs = {k: list(v) for k, v in subs.items()} if subs else {}
            if data is not None:
                data = dict(data)
        else:
            # the endpoint's variables, asked only when a text names one (a partial: C level)
            variables = (
                None
                if record is None
                else functools.partial(render.endpoint_variables, record, endpoint)
            )
            body_, title, subs, push_type, raw, data = plan.fields(conf, stamp, variables)
        context = conf.get("Context")
        if request_context is not None or context is not None:
            context = _context(request_context, context)
        # positional, in SentMessage's field order: a keyword call costs twice as much, and
        # this runs once per recipient
        draft = SentMessage(
            user,
            endpoint,
            channel,
            address,
            body_,
            title,
            subs,
            plan.priority,
            push_type,
            raw,
            context,
            "SUCCESSFUL",  # status, decided by deliver_all
            200,
            "",
            None,  # message_id
            request_id,
            app_id,
            clock,
            operation,
            data,
        )
        drafts.append(draft)
        reached.append(target)
        if push_type == "background":  # apns-silent-rate counts these
            silent.append(draft)
    return drafts, reached, silent


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


def deliver_all(svc: Service, rendered: Drafts) -> None:
    """Decide each draft's status and give it a MessageId (in request order)."""
    seen: set[tuple[str, str]] = set()  # (channel, address) messaged in this call
    scripts = svc.scripts if svc.scripts.outcomes else None
    drafts, targets = rendered[0], rendered[1]
    # every result carries a MessageId (a key for apps), drawn for the whole call at once
    message_ids = svc.state.message_ids(len(drafts))
    for i, draft in enumerate(drafts):  # targets and IDs: one per draft, in the same order
        _, _, address, channel, _, _, opted_out, invented = targets[i]
        mid = message_ids[i]
        script = scripts.choose(draft) if scripts is not None else None
        if script is not None:
            if script.updated_token is not None and channel == "GCM":
                draft.updated_token = script.updated_token
        elif opted_out:
            draft.status = "OPT_OUT"
        if address is not None and not invented:
            key = (channel, address)
            if key not in seen:
                seen.add(key)
            elif script is None and not opted_out:
                draft.status = "DUPLICATE"
        draft.message_id = mid
        default_code, before, after = _STATUS_TEXT[draft.status]
        if script is None:
            draft.status_code = default_code
            draft.status_message = before if after is None else before + mid + after
            continue
        draft.status_code = default_code if script.status_code is None else script.status_code
        if script.status_message is None:
            draft.status_message = before if after is None else before + mid + after
        else:
            draft.status_message = script.status_message


def _split_status_text(template: str) -> tuple[str, str | None]:
    """A StatusMessage template around its ``{message_id}`` (after: None when it has none)."""
    before, found, after = template.partition("{message_id}")
    return (before, after) if found else (template, None)


#: STATUS_DETAILS with each message split once: a message's text is then a concatenation,
#: where ``str.format`` with a keyword would cost a call per message.
_STATUS_TEXT: dict[str, tuple[int, str, str | None]] = {
    status: (code, *_split_status_text(template))
    for status, (code, template) in STATUS_DETAILS.items()
}


def result_entries(drafts: list[SentMessage]) -> list[dict[str, Any]]:
    """Each draft's result, in order: an EndpointMessageResult (a draft with an endpoint ID:
    with its Address) or a MessageResult (a direct address: without). One call per request:
    a call per recipient would cost more than the entry."""
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
