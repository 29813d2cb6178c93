"""Opt-out lists (the account's ``Default`` one included) and keywords.

A send to a number on the opt-out list of its origination identity (``Default`` when it names
none or the fake invented it) answers ConflictException ``DESTINATION_PHONE_NUMBER_OPTED_OUT``
(:mod:`.sends`). Every phone number and pool answers the default keywords STOP and HELP
(the user guide's "Keywords": a guess at their default messages) beside its own.
"""

from __future__ import annotations

from typing import Any

from . import origins
from .handling import conflict, handler, not_found, only, page
from .state import Account

DEFAULT_KEYWORDS: dict[str, dict[str, str]] = {
    "HELP": {"KeywordMessage": "Reply STOP to unsubscribe.", "KeywordAction": "AUTOMATIC_RESPONSE"},
    "STOP": {"KeywordMessage": "You are unsubscribed.", "KeywordAction": "OPT_OUT"},
}


def create_opt_out_list(acct: Account, params: dict[str, Any], now: float) -> dict[str, Any]:
    name = str(params.get("OptOutListName"))
    if name in acct.opt_out_lists:
        raise conflict("RESOURCE_ALREADY_EXISTS", f"opt-out list {name!r} exists",
                       "opt-out-list", name)  # fmt: skip
    return {**acct.add_opt_out_list(name, now), "Tags": list(params.get("Tags") or [])}


def _list(acct: Account, value: Any) -> str:
    name = acct.opt_out_list(str(value))
    if name is None:
        raise not_found("opt-out-list", str(value))
    return name


def put_opted_out_number(acct: Account, params: dict[str, Any], now: float) -> dict[str, Any]:
    name = _list(acct, params.get("OptOutListName"))
    number = str(params.get("OptedOutNumber"))
    info = acct.opted_out[name].setdefault(
        number, {"OptedOutNumber": number, "OptedOutTimestamp": now, "EndUserOptedOut": False}
    )
    return {**_list_ref(acct, name), **info}


def _list_ref(acct: Account, name: str) -> dict[str, str]:
    return {"OptOutListArn": acct.opt_out_lists[name]["OptOutListArn"], "OptOutListName": name}


def delete_opted_out_number(acct: Account, params: dict[str, Any], now: float) -> dict[str, Any]:
    name = _list(acct, params.get("OptOutListName"))
    number = str(params.get("OptedOutNumber"))
    info = acct.opted_out[name].pop(number, None)
    if info is None:
        raise not_found("opted-out-number", number)
    return {**_list_ref(acct, name), **info}


def describe_opted_out_numbers(acct: Account, params: dict[str, Any], now: float) -> dict[str, Any]:
    name = _list(acct, params.get("OptOutListName"))
    items = only(list(acct.opted_out[name].values()), params.get("OptedOutNumbers"),
                 "OptedOutNumber", "opted-out-number")  # fmt: skip
    return {**_list_ref(acct, name), **page(items, params, "OptedOutNumbers")}


def describe_opt_out_lists(acct: Account, params: dict[str, Any], now: float) -> dict[str, Any]:
    items = only(list(acct.opt_out_lists.values()), params.get("OptOutListNames"),
                 "OptOutListName", "opt-out-list")  # fmt: skip
    return page(items, params, "OptOutLists")


def _keyword_owner(acct: Account, value: Any) -> tuple[str, str]:
    """``(ARN, the identity as given)`` of the phone number or pool keywords belong to."""
    origin = origins.find(acct, str(value))
    if origin is None or origin.kind == "sender-id":
        raise not_found("phone-number", str(value))
    return origin.arn, str(value)


def keywords_of(acct: Account, arn: str) -> dict[str, dict[str, Any]]:
    """The identity's keywords: the defaults, overridden and extended by PutKeyword."""
    found = {k: {"Keyword": k, **v} for k, v in DEFAULT_KEYWORDS.items()}
    found.update(acct.keywords.get(arn, {}))
    return found


def put_keyword(acct: Account, params: dict[str, Any], now: float) -> dict[str, Any]:
    arn, given = _keyword_owner(acct, params.get("OriginationIdentity"))
    keyword = str(params.get("Keyword"))
    info = {
        "Keyword": keyword,
        "KeywordMessage": params.get("KeywordMessage"),
        "KeywordAction": params.get("KeywordAction") or "AUTOMATIC_RESPONSE",
    }
    acct.keywords.setdefault(arn, {})[keyword.upper()] = info
    return {"OriginationIdentityArn": arn, "OriginationIdentity": given, **info}


def describe_keywords(acct: Account, params: dict[str, Any], now: float) -> dict[str, Any]:
    arn, given = _keyword_owner(acct, params.get("OriginationIdentity"))
    items = list(keywords_of(acct, arn).values())
    wanted = params.get("Keywords")
    if wanted:
        items = [i for i in items if i["Keyword"] in {str(w).upper() for w in wanted}]
    return {"OriginationIdentityArn": arn, "OriginationIdentity": given,
            **page(items, params, "Keywords")}  # fmt: skip


HANDLERS = {
    "CreateOptOutList": handler(create_opt_out_list),
    "PutOptedOutNumber": handler(put_opted_out_number),
    "DeleteOptedOutNumber": handler(delete_opted_out_number),
    "DescribeOptedOutNumbers": handler(describe_opted_out_numbers),
    "DescribeOptOutLists": handler(describe_opt_out_lists),
    "PutKeyword": handler(put_keyword),
    "DescribeKeywords": handler(describe_keywords),
}
