"""Origination identities: phone numbers, sender IDs and pools (Request*, Describe*,
Update/Release, Create/Delete, Associate/Disassociate). What they write is what a send's
``OriginationIdentity`` is resolved against (:mod:`.origins`); the first one the account has
turns the origination rules on (``Account.declared``).
"""

from __future__ import annotations

from typing import Any

from . import origins
from .handling import conflict, filtered, handler, not_found, page
from .state import Account

#: country calling codes for the numbers the fake leases (a guess beyond these: +1)
_CALLING_CODES = {"US": "1", "CA": "1", "GB": "44", "AU": "61", "DE": "49", "FR": "33", "IN": "91"}
_PHONE_FILTERS = {
    "status": "Status", "iso-country-code": "IsoCountryCode", "message-type": "MessageType",
    "number-type": "NumberType", "opt-out-list-name": "OptOutListName",
    "two-way-enabled": "TwoWayEnabled", "deletion-protection-enabled": "DeletionProtectionEnabled",
}  # fmt: skip
_SENDER_FILTERS = {"sender-id": "SenderId", "iso-country-code": "IsoCountryCode"}
_POOL_FILTERS = {"status": "Status", "message-type": "MessageType",
                 "opt-out-list-name": "OptOutListName"}  # fmt: skip
_UPDATABLE = (
    "TwoWayEnabled", "TwoWayChannelArn", "TwoWayChannelRole", "SelfManagedOptOutsEnabled",
    "OptOutListName", "InternationalSendingEnabled", "DeletionProtectionEnabled",
)  # fmt: skip


def add_phone_number(acct: Account, params: dict[str, Any], now: float) -> dict[str, Any]:
    """Lease a number (RequestPhoneNumber's input) and return its PhoneNumberInformation."""
    seq = acct.next_seq()
    iso = str(params.get("IsoCountryCode") or "US")
    number = params.get("PhoneNumber") or f"+{_CALLING_CODES.get(iso, '1')}2065550{seq:03d}"
    phone_id = f"phone-{seq:032x}"
    list_name = params.get("OptOutListName") or "Default"
    if acct.opt_out_list(list_name) is None:
        raise not_found("opt-out-list", list_name)
    info: dict[str, Any] = {
        "PhoneNumberArn": acct.arn("phone-number", phone_id),
        "PhoneNumberId": phone_id,
        "PhoneNumber": number,
        "Status": "ACTIVE",
        "IsoCountryCode": iso,
        "MessageType": params.get("MessageType") or "TRANSACTIONAL",
        "NumberCapabilities": list(params.get("NumberCapabilities") or ["SMS"]),
        "NumberType": params.get("NumberType") or "LONG_CODE",
        "MonthlyLeasingPrice": "1.00",
        "TwoWayEnabled": False,
        "SelfManagedOptOutsEnabled": False,
        "OptOutListName": acct.opt_out_list(list_name),
        "InternationalSendingEnabled": bool(params.get("InternationalSendingEnabled")),
        "DeletionProtectionEnabled": bool(params.get("DeletionProtectionEnabled")),
        "CreatedTimestamp": now,
    }
    acct.phone_numbers[phone_id] = info
    acct.declared = True
    pool = params.get("PoolId")
    if isinstance(pool, str) and pool:
        associate(acct, {"PoolId": pool, "OriginationIdentity": phone_id})
    return info


def _phone(acct: Account, value: Any) -> dict[str, Any]:
    found = origins.named(acct, str(value))
    if found is None or "PhoneNumberId" not in found.info:
        raise not_found("phone-number", str(value))
    return found.info


def describe_phone_numbers(acct: Account, params: dict[str, Any], now: float) -> dict[str, Any]:
    items = list(acct.phone_numbers.values())
    wanted = params.get("PhoneNumberIds")
    if wanted:
        items = [_phone(acct, w) for w in wanted]
    return page(filtered(items, params.get("Filters"), _PHONE_FILTERS), params, "PhoneNumbers")


def update_phone_number(acct: Account, params: dict[str, Any], now: float) -> dict[str, Any]:
    info = _phone(acct, params.get("PhoneNumberId"))
    list_name = params.get("OptOutListName")
    if list_name is not None and acct.opt_out_list(list_name) is None:
        raise not_found("opt-out-list", list_name)
    info.update({k: params[k] for k in _UPDATABLE if k in params})
    if list_name is not None:
        info["OptOutListName"] = acct.opt_out_list(list_name)
    return dict(info)


def release_phone_number(acct: Account, params: dict[str, Any], now: float) -> dict[str, Any]:
    info = _phone(acct, params.get("PhoneNumberId"))
    phone_id = info["PhoneNumberId"]
    if info["DeletionProtectionEnabled"]:
        raise conflict("DELETION_PROTECTION_ENABLED", f"{phone_id} has deletion protection on",
                       "phone-number", phone_id)  # fmt: skip
    if info.get("PoolId"):
        raise conflict("PHONE_NUMBER_ASSOCIATED_TO_POOL",
                       f"{phone_id} is in pool {info['PoolId']}; disassociate it first",
                       "phone-number", phone_id)  # fmt: skip
    del acct.phone_numbers[phone_id]
    return {**info, "Status": "DELETED"}


def add_sender_id(acct: Account, params: dict[str, Any], now: float) -> dict[str, Any]:
    """Request a sender ID (RequestSenderId's input); return its SenderIdInformation."""
    sender, iso = str(params.get("SenderId")), str(params.get("IsoCountryCode"))
    if (sender, iso) in acct.sender_ids:
        raise conflict("RESOURCE_ALREADY_EXISTS", f"sender ID {sender} ({iso}) exists",
                       "sender-id", sender)  # fmt: skip
    info = {
        "SenderIdArn": acct.arn("sender-id", f"{sender}/{iso}"),
        "SenderId": sender,
        "IsoCountryCode": iso,
        "MessageTypes": list(params.get("MessageTypes") or ["TRANSACTIONAL", "PROMOTIONAL"]),
        "MonthlyLeasingPrice": "0.00",
        "DeletionProtectionEnabled": bool(params.get("DeletionProtectionEnabled")),
        "Registered": False,
    }
    acct.sender_ids[(sender, iso)] = info
    acct.declared = True
    return info


def describe_sender_ids(acct: Account, params: dict[str, Any], now: float) -> dict[str, Any]:
    items = list(acct.sender_ids.values())
    wanted = params.get("SenderIds")
    if wanted:
        keys = [(w.get("SenderId"), w.get("IsoCountryCode")) for w in wanted]
        for key in keys:
            if key not in acct.sender_ids:
                raise not_found("sender-id", str(key[0]))
        items = [acct.sender_ids[k] for k in keys]
    return page(filtered(items, params.get("Filters"), _SENDER_FILTERS), params, "SenderIds")


def create_pool(acct: Account, params: dict[str, Any], now: float) -> dict[str, Any]:
    seq = acct.next_seq()
    pool_id = f"pool-{seq:032x}"
    member = origins.named(acct, str(params.get("OriginationIdentity")))
    if member is None:
        raise not_found("phone-number", str(params.get("OriginationIdentity")))
    info: dict[str, Any] = {
        "PoolArn": acct.arn("pool", pool_id),
        "PoolId": pool_id,
        "Status": "ACTIVE",
        "MessageType": params.get("MessageType") or "TRANSACTIONAL",
        "TwoWayEnabled": False,
        "SelfManagedOptOutsEnabled": False,
        "OptOutListName": "Default",
        "SharedRoutesEnabled": False,
        "DeletionProtectionEnabled": bool(params.get("DeletionProtectionEnabled")),
        "CreatedTimestamp": now,
    }
    acct.pools[pool_id] = info
    acct.pool_members[pool_id] = []
    acct.declared = True
    associate(acct, {"PoolId": pool_id, "OriginationIdentity": member.arn})
    return info


def _pool(acct: Account, value: Any) -> dict[str, Any]:
    name = str(value).rsplit("/", 1)[-1]
    if name not in acct.pools:
        raise not_found("pool", str(value))
    return acct.pools[name]


def describe_pools(acct: Account, params: dict[str, Any], now: float) -> dict[str, Any]:
    items = list(acct.pools.values())
    wanted = params.get("PoolIds")
    if wanted:
        items = [_pool(acct, w) for w in wanted]
    return page(filtered(items, params.get("Filters"), _POOL_FILTERS), params, "Pools")


def associate(acct: Account, params: dict[str, Any]) -> dict[str, Any]:
    pool = _pool(acct, params.get("PoolId"))
    value = str(params.get("OriginationIdentity"))
    found = origins.named(acct, value)
    if found is None:
        raise not_found("phone-number", value)
    arn, info = found.arn, found.info
    if info.get("PoolId") and info["PoolId"] != pool["PoolId"]:
        raise conflict("PHONE_NUMBER_ASSOCIATED_TO_POOL", f"{value} is in pool {info['PoolId']}",
                       "phone-number", value)  # fmt: skip
    members = acct.pool_members[pool["PoolId"]]
    if arn not in members:
        members.append(arn)
    if "PhoneNumberId" in info:
        info["PoolId"] = pool["PoolId"]
    return _association(pool, arn, info)


def _association(pool: dict[str, Any], arn: str, info: dict[str, Any]) -> dict[str, Any]:
    return {
        "PoolArn": pool["PoolArn"],
        "PoolId": pool["PoolId"],
        "OriginationIdentityArn": arn,
        "OriginationIdentity": info.get("PhoneNumber") or info.get("SenderId"),
        "IsoCountryCode": info["IsoCountryCode"],
    }


def disassociate(acct: Account, params: dict[str, Any], now: float) -> dict[str, Any]:
    pool = _pool(acct, params.get("PoolId"))
    value = str(params.get("OriginationIdentity"))
    found = origins.named(acct, value)
    members = acct.pool_members[pool["PoolId"]]
    if found is None or found.arn not in members:
        message = f"{value} is not in pool {pool['PoolId']}"
        raise conflict("PHONE_NUMBER_NOT_ASSOCIATED_TO_POOL", message, "pool", pool["PoolId"])
    if len(members) == 1:
        raise conflict("LAST_PHONE_NUMBER", f"{value} is the last identity of {pool['PoolId']}",
                       "pool", pool["PoolId"])  # fmt: skip
    members.remove(found.arn)
    found.info.pop("PoolId", None)
    return _association(pool, found.arn, found.info)


def delete_pool(acct: Account, params: dict[str, Any], now: float) -> dict[str, Any]:
    pool = _pool(acct, params.get("PoolId"))
    if pool["DeletionProtectionEnabled"]:
        raise conflict("DELETION_PROTECTION_ENABLED", f"{pool['PoolId']} has deletion protection",
                       "pool", pool["PoolId"])  # fmt: skip
    for arn in acct.pool_members.pop(pool["PoolId"], []):
        found = origins.named(acct, arn)
        if found is not None:
            found.info.pop("PoolId", None)
    del acct.pools[pool["PoolId"]]
    return {**pool, "Status": "DELETING"}


HANDLERS = {
    "RequestPhoneNumber": handler(add_phone_number),
    "DescribePhoneNumbers": handler(describe_phone_numbers),
    "UpdatePhoneNumber": handler(update_phone_number),
    "ReleasePhoneNumber": handler(release_phone_number),
    "RequestSenderId": handler(add_sender_id),
    "DescribeSenderIds": handler(describe_sender_ids),
    "CreatePool": handler(create_pool),
    "DescribePools": handler(describe_pools),
    "AssociateOriginationIdentity": handler(lambda acct, params, now: associate(acct, params)),
    "DisassociateOriginationIdentity": handler(disassociate),
    "DeletePool": handler(delete_pool),
}
