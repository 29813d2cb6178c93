"""Configuration sets and their event destinations: Create/Get/Delete/ListConfigurationSets,
Create/Get/DeleteConfigurationSetEventDestination(s). A send naming a configuration set the
test never created answers NotFoundException once the test created any (before that, any name
is accepted: the fake does not know the account's sets)."""

from __future__ import annotations

from typing import Any

from ..context import Request, Service
from ..http import HttpReply
from .pages import PageError, listing, page
from .replies import error, ok
from .state import ConfigurationSet, of

_OPTIONS = (
    "TrackingOptions",
    "DeliveryOptions",
    "ReputationOptions",
    "SendingOptions",
    "SuppressionOptions",
    "VdmOptions",
    "ArchivingOptions",
    "MessageSecurityOptions",
)


def _name(request: Request) -> str:
    return str(request.params.get("ConfigurationSetName", ""))


def _missing(svc: Service, call: Any, name: str) -> HttpReply:
    return error(svc, call, "NotFoundException", f"Configuration set <{name}> does not exist.")


def create(svc: Service, request: Request) -> HttpReply:
    name = _name(request)
    with svc.state.lock:
        state = of(svc)
        call = svc.call(request, [])
        if name in state.configuration_sets:
            return error(
                svc, call, "AlreadyExistsException", f"Configuration set <{name}> already exists."
            )
        options = {k: request.params[k] for k in _OPTIONS if k in request.params}
        options["Tags"] = list(request.params.get("Tags") or [])
        state.configuration_sets[name] = ConfigurationSet(name, options)
        return ok(call, {})


def get(svc: Service, request: Request) -> HttpReply:
    name = _name(request)
    with svc.state.lock:
        state = of(svc)
        call = svc.call(request, [])
        found = state.configuration_sets.get(name)
        if found is None:
            return _missing(svc, call, name)
        return ok(call, {"ConfigurationSetName": name, **found.options})


def delete(svc: Service, request: Request) -> HttpReply:
    name = _name(request)
    with svc.state.lock:
        state = of(svc)
        call = svc.call(request, [])
        if state.configuration_sets.pop(name, None) is None:
            return _missing(svc, call, name)
        return ok(call, {})


def list_sets(svc: Service, request: Request) -> HttpReply:
    with svc.state.lock:
        state = of(svc)
        call = svc.call(request, [])
        try:
            chunk, token = page(sorted(state.configuration_sets), request.params)
        except PageError as exc:
            return error(svc, call, "BadRequestException", str(exc))
        return ok(call, listing("ConfigurationSets", chunk, token))


def create_destination(svc: Service, request: Request) -> HttpReply:
    name = _name(request)
    destination = str(request.params.get("EventDestinationName", ""))
    with svc.state.lock:
        state = of(svc)
        call = svc.call(request, [])
        found = state.configuration_sets.get(name)
        if found is None:
            return _missing(svc, call, name)
        if destination in found.destinations:
            return error(
                svc,
                call,
                "AlreadyExistsException",
                f"Event destination {destination} already exists in <{name}>.",
            )
        found.destinations[destination] = dict(request.params.get("EventDestination") or {})
        return ok(call, {})


def get_destinations(svc: Service, request: Request) -> HttpReply:
    name = _name(request)
    with svc.state.lock:
        state = of(svc)
        call = svc.call(request, [])
        found = state.configuration_sets.get(name)
        if found is None:
            return _missing(svc, call, name)
        out = [{"Name": k, **v} for k, v in found.destinations.items()]
        return ok(call, {"EventDestinations": out})


def delete_destination(svc: Service, request: Request) -> HttpReply:
    name = _name(request)
    destination = str(request.params.get("EventDestinationName", ""))
    with svc.state.lock:
        state = of(svc)
        call = svc.call(request, [])
        found = state.configuration_sets.get(name)
        if found is None:
            return _missing(svc, call, name)
        if found.destinations.pop(destination, None) is None:
            return error(
                svc,
                call,
                "NotFoundException",
                f"Event destination {destination} does not exist in <{name}>.",
            )
        return ok(call, {})


HANDLERS = {
    "CreateConfigurationSet": create,
    "GetConfigurationSet": get,
    "DeleteConfigurationSet": delete,
    "ListConfigurationSets": list_sets,
    "CreateConfigurationSetEventDestination": create_destination,
    "GetConfigurationSetEventDestinations": get_destinations,
    "DeleteConfigurationSetEventDestination": delete_destination,
}
