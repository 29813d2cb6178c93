"""Push channels (ADM, APNs, Baidu, GCM, DefaultPushNotificationMessage): actions, TTLs, GCM, ADM,
and the RawContent of each channel message."""

from __future__ import annotations

import base64
import binascii
from typing import Any

from .apns import check_apns
from .fields import check_enum, check_priority, parse_raw
from .limits import (
    ACTION_CHANNELS,
    ADM_MD5_DIGEST_BYTES,
    GCM_AUTH_METHODS,
    PUSH_DEFAULT,
    RAW_OVERRIDDEN_FIELDS,
    TTL_CHANNELS,
    TTL_MAXIMA,
    actions,
)
from .violation import Collector
from .walk import integer, obj, text


def check_push(cfg: dict[str, Any], path: str, c: Collector) -> None:
    default_push = obj(cfg, PUSH_DEFAULT)
    if default_push is None and not any(ch in cfg for ch in ACTION_CHANNELS):
        return
    _check_actions(cfg, default_push, path, c)
    apns = obj(cfg, "APNSMessage")
    if apns is not None:
        check_apns(apns, f"{path}.APNSMessage", default_push, c)
    gcm = obj(cfg, "GCMMessage")
    if gcm is not None:
        gpath = f"{path}.GCMMessage"
        check_priority(gcm, gpath, "GCM", c)
        check_enum(
            gcm, "PreferredAuthenticationMethod", GCM_AUTH_METHODS, "gcm-auth-enum", gpath, c
        )
    _check_ttls(cfg, path, c)
    adm = obj(cfg, "ADMMessage")
    if adm is not None:
        _check_adm(adm, f"{path}.ADMMessage", c)
    _check_raw_contents(cfg, path, c)


def _check_actions(
    cfg: dict[str, Any], default_push: dict[str, Any] | None, path: str, c: Collector
) -> None:
    """``action-url``: a Url is used only where the *effective* Action (the channel's own, else
    the default push message's) is URL; a default Url that serves such a channel is used."""
    action_enum = actions()
    default_action = text(default_push, "Action")
    default_url = text(default_push, "Url")
    default_url_used = False
    for channel in ACTION_CHANNELS:
        msg = obj(cfg, channel)
        if msg is None:
            continue
        mpath = f"{path}.{channel}"
        check_enum(msg, "Action", action_enum, "action-enum", mpath, c)
        own = text(msg, "Action")
        action = own if own is not None else default_action
        url = text(msg, "Url")
        if action == "URL" and not url:
            if default_url:
                default_url_used = True
            else:
                c.add(
                    "action-url",
                    f"{mpath}.Action",
                    "is URL but no Url is given: the notification opens nothing",
                )
        elif url:
            _unused_url(url, action, action_enum, f"{mpath}.Url", c)
    if default_push is None:
        return
    dpath = f"{path}.{PUSH_DEFAULT}"
    check_enum(default_push, "Action", action_enum, "action-enum", dpath, c)
    if default_action == "URL" and not default_url:
        c.add(
            "action-url",
            f"{dpath}.Action",
            "is URL but no Url is given: the notification opens nothing",
        )
    elif default_url and not default_url_used:
        _unused_url(default_url, default_action, action_enum, f"{dpath}.Url", c)


def _unused_url(
    url: str, action: str | None, action_enum: tuple[str, ...], path: str, c: Collector
) -> None:
    if action is None:
        c.add(
            "action-url",
            path,
            "is ignored because Action defaults to OPEN_APP; set Action to URL",
            url,
        )
    elif action in action_enum and action != "URL":
        c.add("action-url", path, f"is ignored because Action is {action}", url)


def _check_ttls(cfg: dict[str, Any], path: str, c: Collector) -> None:
    for channel in TTL_CHANNELS:
        msg = obj(cfg, channel)
        ttl = integer(msg, "TimeToLive") if msg is not None else None
        if ttl is None:
            continue
        tpath = f"{path}.{channel}.TimeToLive"
        maximum = TTL_MAXIMA.get(channel)
        if ttl < 0:
            c.add("ttl-range", tpath, f"must be >= 0 seconds, got {ttl}", ttl)
        elif maximum is not None and ttl > maximum:
            c.add(
                "ttl-range",
                tpath,
                f"must be <= {maximum:,} seconds for {channel}, got {ttl:,}",
                ttl,
            )


def _check_adm(adm: dict[str, Any], path: str, c: Collector) -> None:
    expires = text(adm, "ExpiresAfter")
    if expires is not None and not (expires.isascii() and expires.isdigit()):
        c.add(
            "adm-expires-after",
            f"{path}.ExpiresAfter",
            f"must be a whole number of seconds written in decimal digits, not {expires!r}",
            expires,
        )
    md5 = text(adm, "MD5")
    if md5 is not None:
        try:
            digest = base64.b64decode(md5, validate=True)
        except (binascii.Error, ValueError):
            digest = None
        if digest is None or len(digest) != ADM_MD5_DIGEST_BYTES:
            got = "not valid base64" if digest is None else f"decodes to {len(digest)} bytes"
            c.add(
                "adm-md5",
                f"{path}.MD5",
                f"must be the base64 of a {ADM_MD5_DIGEST_BYTES}-byte MD5 digest; {got}",
                md5,
            )


def _check_raw_contents(cfg: dict[str, Any], path: str, c: Collector) -> None:
    for channel in ACTION_CHANNELS:
        msg = obj(cfg, channel)
        raw = text(msg, "RawContent") if msg is not None else None
        if msg is None or raw is None:
            continue
        rpath = f"{path}.{channel}.RawContent"
        if channel != "APNSMessage":  # the APNs check parses it itself
            parse_raw(raw, rpath, c)
        beside = [k for k in RAW_OVERRIDDEN_FIELDS if msg.get(k) not in (None, "")]
        if beside:
            c.add(
                "raw-content-overrides",
                rpath,
                f"overrides all other content: {', '.join(beside)} beside it will be ignored",
            )
