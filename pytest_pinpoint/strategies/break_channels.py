"""Breakers of the per-channel rules: enums, Action/Url, CollapseId bytes, Priority, TTL, ADM,
origination numbers."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st
from hypothesis.strategies import DrawFn

from .. import contract
from ..contract.limits import (
    ADM_MD5_DIGEST_BYTES,
    APNS_AUTH_METHODS,
    APNS_PUSH_TYPES,
    GCM_AUTH_METHODS,
    MAX_COLLAPSE_ID_BYTES,
    PRIORITY_EQUIVALENT,
    TTL_MAXIMA,
)
from .breaking import breaks, cfg, off_by_case
from .messages import PUSH_CHANNELS
from .texts import MULTIBYTE_CHARS, URLS, b64, cut_bytes, either


def _push_with_action(draw: DrawFn, params: dict[str, Any]) -> dict[str, Any]:
    """A plain (non-raw) push message of the request that has an Action member."""
    config = cfg(params)
    names = [c for c in PUSH_CHANNELS if c in config and "RawContent" not in config[c]]
    msg: dict[str, Any] = config[draw(st.sampled_from(names))]
    return msg


@breaks("action-enum", need="GCMMessage", form="plain")
def _bad_action(draw: DrawFn, params: dict[str, Any]) -> None:
    msg = _push_with_action(draw, params)
    msg["Action"] = draw(either(off_by_case(contract.actions()), st.just("OPEN")))


@breaks("action-url", need="APNSMessage", form="plain")
def _url_without_url_action(draw: DrawFn, params: dict[str, Any]) -> None:
    msg = _push_with_action(draw, params)
    if draw(st.booleans()):  # Action=URL with nothing to open
        msg["Action"] = "URL"
        msg.pop("Url", None)
    else:  # a Url that the Action ignores
        others = [a for a in contract.actions() if a != "URL"]
        msg["Action"] = draw(st.sampled_from(others))
        msg["Url"] = draw(URLS)


@breaks("apns-push-type-enum", need="APNSMessage")
def _bad_push_type(draw: DrawFn, params: dict[str, Any]) -> None:
    msg = cfg(params)["APNSMessage"]
    msg["APNSPushType"] = draw(either(off_by_case(APNS_PUSH_TYPES), st.just("silent")))


_WIDE = "".join(c for c in MULTIBYTE_CHARS if len(c.encode()) > 1)


@breaks("apns-collapse-id-bytes", need="APNSMessage")
def _long_collapse_id(draw: DrawFn, params: dict[str, Any]) -> None:
    chars = draw(st.text(_WIDE, min_size=MAX_COLLAPSE_ID_BYTES, max_size=MAX_COLLAPSE_ID_BYTES))
    # up to and including the first character that crosses 64 bytes: 65..68 bytes
    cfg(params)["APNSMessage"]["CollapseId"] = cut_bytes(chars, MAX_COLLAPSE_ID_BYTES, cross=True)


@breaks("priority-value", need="APNSMessage")
def _bad_priority(draw: DrawFn, params: dict[str, Any]) -> None:
    channel = draw(st.sampled_from(("APNSMessage", "GCMMessage")))
    msg = cfg(params).setdefault(channel, {"Body": "x"})
    msg["Priority"] = draw(
        either(st.sampled_from(("urgent", "1", "medium")), off_by_case(PRIORITY_EQUIVALENT))
    )


@breaks("sms-message-type-enum", need="SMSMessage")
def _bad_sms_type(draw: DrawFn, params: dict[str, Any]) -> None:
    cfg(params)["SMSMessage"]["MessageType"] = draw(
        either(off_by_case(contract.sms_message_types()), st.just("MARKETING"))
    )


@breaks("apns-auth-enum", need="APNSMessage")
def _bad_apns_auth(draw: DrawFn, params: dict[str, Any]) -> None:
    bad = either(off_by_case(APNS_AUTH_METHODS), st.just("KEY"))  # KEY is GCM's word
    cfg(params)["APNSMessage"]["PreferredAuthenticationMethod"] = draw(bad)


@breaks("gcm-auth-enum", need="GCMMessage")
def _bad_gcm_auth(draw: DrawFn, params: dict[str, Any]) -> None:
    bad = either(off_by_case(GCM_AUTH_METHODS), st.just("CERTIFICATE"))  # APNs' word
    cfg(params)["GCMMessage"]["PreferredAuthenticationMethod"] = draw(bad)


_NOT_E164 = ("12065550100", "+1 206-555-0100", "+1234567890123456", "+", "(206) 555-0100")


@breaks("origination-e164", need="VoiceMessage")
def _not_e164(draw: DrawFn, params: dict[str, Any]) -> None:
    config = cfg(params)
    channel = draw(st.sampled_from([c for c in ("SMSMessage", "VoiceMessage") if c in config]))
    config[channel]["OriginationNumber"] = draw(st.sampled_from(_NOT_E164))


@breaks("ttl-range", need="GCMMessage")
def _bad_ttl(draw: DrawFn, params: dict[str, Any]) -> None:
    config = cfg(params)
    channel = draw(st.sampled_from([c for c in contract.limits.TTL_CHANNELS if c in config]))
    choices = [-1]
    if channel in TTL_MAXIMA:
        choices.append(TTL_MAXIMA[channel] + 1)
    config[channel]["TimeToLive"] = draw(st.sampled_from(choices))


@breaks("adm-expires-after", need="ADMMessage")
def _bad_expires(draw: DrawFn, params: dict[str, Any]) -> None:
    cfg(params)["ADMMessage"]["ExpiresAfter"] = draw(
        st.sampled_from(("1h", "3600s", "-1", "1.5", " 60", "", "٣٦٠٠"))
    )


def _digests(size: int) -> st.SearchStrategy[str]:
    return st.binary(min_size=size, max_size=size).map(b64)


_BAD_MD5 = either(
    st.sampled_from((ADM_MD5_DIGEST_BYTES - 1, ADM_MD5_DIGEST_BYTES + 1)).flatmap(_digests),
    st.binary(min_size=ADM_MD5_DIGEST_BYTES, max_size=ADM_MD5_DIGEST_BYTES).map(bytes.hex),
    st.just("not base64!"),
)


@breaks("adm-md5", need="ADMMessage")
def _bad_md5(draw: DrawFn, params: dict[str, Any]) -> None:
    cfg(params)["ADMMessage"]["MD5"] = draw(_BAD_MD5)
