"""Channel messages and per-recipient configurations that break no rule.

A recipient is a user (``Users[id]``), an address (``Addresses[address]``) or an endpoint
(``Endpoints[id]``): the three share BodyOverride, TitleOverride, Substitutions, Context and
RawContent, and the same rules apply to them.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from typing import Any

from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from .. import contract, model, render
from ..contract.limits import ACTION_CHANNELS, APNS_PUSH_TYPES, PUSH_DEFAULT, RAW_OVERRIDDEN_FIELDS
from .members import aps, channel_nodes, dumps, member, raw_payload, structure
from .texts import RAW_EMAILS, STRING_MAPS, URLS, either, record

# Channels whose messages carry a push payload: the only ones a recipient's RawContent can serve.
PUSH_CHANNELS = (*ACTION_CHANNELS, PUSH_DEFAULT)
_SPECIAL = ("Action", "Url", "RawContent", "Body")
_URL_ACTION = "URL"


def _action_url() -> SearchStrategy[dict[str, Any]]:
    """Action and Url together: Url only with Action=URL (contract rule action-url)."""
    others = tuple(a for a in contract.actions() if a != _URL_ACTION)
    return either(
        st.just({}),
        record({"Action": st.sampled_from(others)}),
        record({"Action": st.just(_URL_ACTION), "Url": URLS}),
    )


def _email_body(node: model.Node) -> SearchStrategy[dict[str, Any]]:
    """SimpleEmail or RawEmail (or neither): one way to say it. Headers are drawn later, sized
    after rendering for every recipient (:mod:`.headers`)."""
    simple = node.members["SimpleEmail"]
    return either(
        st.just({}),
        record({"SimpleEmail": structure(simple, [k for k in simple.members if k != "Headers"])}),
        record({"RawEmail": RAW_EMAILS}),
    )


def _plain_message(channel: str) -> SearchStrategy[dict[str, Any]]:
    """A channel message without RawContent; ``Body`` always there (the seed's shape)."""
    node = channel_nodes()[channel]
    rest = [k for k in node.members if k not in _SPECIAL]
    if channel == "EmailMessage":
        rest = [k for k in rest if k not in ("SimpleEmail", "RawEmail")]
    required = {}
    if "Body" in node.members:
        required["Body"] = member(channel, "Body", node.members["Body"])
    extras = []
    if "Action" in node.members:
        extras.append(_action_url())
    if channel == "EmailMessage":
        extras.append(_email_body(node))
    strategy = structure(node, rest, required=required, extras=tuple(extras))
    if channel == "APNSMessage":
        strategy = strategy.map(_coherent_apns)
    return strategy


def _coherent_apns(msg: dict[str, Any]) -> dict[str, Any]:
    # SilentPush=true with push type alert (or false with background) says two things at once.
    if msg.get("SilentPush") is True and msg.get("APNSPushType") == "alert":
        msg["APNSPushType"] = "background"
    if msg.get("SilentPush") is False and msg.get("APNSPushType") == "background":
        del msg["SilentPush"]
    return msg


def _raw_message(channel: str) -> SearchStrategy[dict[str, Any]]:
    """A push message carried by RawContent: nothing it overrides is set beside it."""
    node = channel_nodes()[channel]
    rest = [k for k in node.members if k not in RAW_OVERRIDDEN_FIELDS and k not in _SPECIAL]
    if channel != "APNSMessage":
        return structure(node, rest, required={"RawContent": raw_payload(channel)})
    rest = [k for k in rest if k not in ("SilentPush", "APNSPushType")]
    return either(*[structure(node, rest, extras=(_apns_raw(silent),)) for silent in (False, True)])


def _apns_raw(silent: bool) -> SearchStrategy[dict[str, Any]]:
    """RawContent with content-available 0 or 1, and SilentPush / push type that agree with it."""
    push_types = tuple(t for t in APNS_PUSH_TYPES if t != ("alert" if silent else "background"))
    return record(
        {"RawContent": record({"aps": aps(silent)}).map(dumps)},
        optional={"SilentPush": st.just(silent), "APNSPushType": st.sampled_from(push_types)},
    )


@functools.cache
def message(channel: str, form: str = "any") -> SearchStrategy[dict[str, Any]]:
    """``form``: "plain", "raw" (push channels with RawContent only) or "any"."""
    node = channel_nodes()[channel]
    if form == "raw":
        return _raw_message(channel)
    if form == "plain" or "RawContent" not in node.members:
        return _plain_message(channel)
    return either(_plain_message(channel), _raw_message(channel))


def _raw_silent(apns: Mapping[str, Any]) -> bool | None:
    raw = apns.get("RawContent")
    if not isinstance(raw, str):
        return None
    return bool(json.loads(raw)["aps"]["content-available"])


def harmonize_silent(cfg: dict[str, Any]) -> None:
    """APNs inherits SilentPush from the default push message: the APNs message's own say (its
    RawContent, else its APNSPushType alert/background) stays in charge, so that one silence
    holds for every APNs payload of the request."""
    apns = cfg.get("APNSMessage")
    if apns is None or "SilentPush" in apns:
        return
    inherited = (cfg.get(PUSH_DEFAULT) or {}).get("SilentPush")
    if inherited is None:
        return
    own = _raw_silent(apns)
    if own is None and apns.get("APNSPushType") in _SAYS_SILENT:
        own = _SAYS_SILENT[apns["APNSPushType"]]
    if own is not None and inherited is not own:
        apns["SilentPush"] = own


_SAYS_SILENT = {"alert": False, "background": True}


def apns_silent(cfg: Mapping[str, Any]) -> bool:
    """Whether the APNs payloads of this request must be silent (``content-available`` 1).

    As the contract judges it (rule apns-silent-consistency): SilentPush (the APNs message's, else
    the default push message's), else an APNSPushType of alert or background; when neither says,
    the renderer decides (RawContent silent or not). A recipient's RawContent must agree.
    """
    apns = cfg.get("APNSMessage") or {}
    said = apns.get("SilentPush")
    if said is None:
        said = (cfg.get(PUSH_DEFAULT) or {}).get("SilentPush")
    if isinstance(said, bool):
        return said
    push_type = apns.get("APNSPushType")
    if push_type in _SAYS_SILENT:
        return _SAYS_SILENT[push_type]
    return render.render_endpoint("APNS", cfg, None, "").push_type == "background"


def _recipient_raw(silent: bool) -> SearchStrategy[str]:
    """A recipient's RawContent that serves every push channel: aps for APNs, data for others."""
    return record({"aps": aps(silent)}, optional={"data": STRING_MAPS}).map(dumps)


@functools.cache
def recipient_conf(node_name: str, raw: bool, silent: bool) -> SearchStrategy[dict[str, Any]]:
    """A ``node_name`` configuration (EndpointSendConfiguration, AddressConfiguration without
    ChannelType): RawContent only when ``raw``, and never beside what it overrides."""
    node = model.shape(node_name)
    fields = [k for k in node.members if k not in ("RawContent", "ChannelType")]
    plain = structure(node, fields)
    if not raw:
        return plain
    # RawContent overrides BodyOverride/TitleOverride: never both (rule raw-content-overrides).
    kept = [k for k in fields if k not in contract.limits.USER_OVERRIDDEN_FIELDS]
    with_raw = structure(node, kept, required={"RawContent": _recipient_raw(silent)})
    return either(plain, with_raw)
