"""Configuration sets and their event destinations.

A send naming a configuration set that does not exist answers ResourceNotFoundException once
the account has any (until then the fake takes any name, as it takes any application ID).
"""

from __future__ import annotations

from typing import Any

from .handling import conflict, handler, not_found, only, page
from .state import Account

_DESTINATIONS = ("CloudWatchLogsDestination", "KinesisFirehoseDestination", "SnsDestination")


def create_configuration_set(acct: Account, params: dict[str, Any], now: float) -> dict[str, Any]:
    name = str(params.get("ConfigurationSetName"))
    if name in acct.configuration_sets:
        raise conflict("RESOURCE_ALREADY_EXISTS", f"configuration set {name!r} exists",
                       "configuration-set", name)  # fmt: skip
    info: dict[str, Any] = {
        "ConfigurationSetArn": acct.arn("configuration-set", name),
        "ConfigurationSetName": name,
        "EventDestinations": [],
        "CreatedTimestamp": now,
    }
    acct.configuration_sets[name] = info
    shown = ("ConfigurationSetArn", "ConfigurationSetName", "CreatedTimestamp")
    return {k: info[k] for k in shown} | {"Tags": list(params.get("Tags") or [])}


def find(acct: Account, value: Any) -> dict[str, Any]:
    name = str(value).rsplit("/", 1)[-1]
    if name not in acct.configuration_sets:
        raise not_found("configuration-set", str(value))
    return acct.configuration_sets[name]


def describe_configuration_sets(
    acct: Account, params: dict[str, Any], now: float
) -> dict[str, Any]:
    items = only(list(acct.configuration_sets.values()), params.get("ConfigurationSetNames"),
                 "ConfigurationSetName", "configuration-set")  # fmt: skip
    return page(items, params, "ConfigurationSets")


def create_event_destination(acct: Account, params: dict[str, Any], now: float) -> dict[str, Any]:
    info = find(acct, params.get("ConfigurationSetName"))
    name = str(params.get("EventDestinationName"))
    if any(d["EventDestinationName"] == name for d in info["EventDestinations"]):
        raise conflict("RESOURCE_ALREADY_EXISTS", f"event destination {name!r} exists",
                       "event-destination", name)  # fmt: skip
    destination = {
        "EventDestinationName": name,
        "Enabled": True,
        "MatchingEventTypes": list(params.get("MatchingEventTypes") or []),
        **{k: params[k] for k in _DESTINATIONS if k in params},
    }
    info["EventDestinations"].append(destination)
    return {
        "ConfigurationSetArn": info["ConfigurationSetArn"],
        "ConfigurationSetName": info["ConfigurationSetName"],
        "EventDestination": destination,
    }


def delete_configuration_set(acct: Account, params: dict[str, Any], now: float) -> dict[str, Any]:
    info = find(acct, params.get("ConfigurationSetName"))
    del acct.configuration_sets[info["ConfigurationSetName"]]
    return dict(info)


HANDLERS = {
    "CreateConfigurationSet": handler(create_configuration_set),
    "DescribeConfigurationSets": handler(describe_configuration_sets),
    "CreateEventDestination": handler(create_event_destination),
    "DeleteConfigurationSet": handler(delete_configuration_set),
}
