"""pytest-pinpoint: faithful in-process fakes of the AWS messaging APIs, with their contract.

Public names are resolved lazily so that loading the pytest plugin does not import boto3,
botocore or hypothesis until a test asks for them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

#: what a test writes: the stub and factory and what they record, the public checks, the
#: contract-checking Stubber, the error types
_EXPORTS = {
    "PinpointStub": "service.stub",
    "PinpointStubFactory": "factory",
    "SentMessage": "service.record",
    "Call": "service.record",
    "LoopbackServer": "interception.server",
    "PinpointStubError": "errors",
    "Violation": "contract",
    "validate_request": "contract",
    "validate_response": "contract",
    "assert_valid_request": "contract",
    "assert_valid_response": "contract",
    "request_schema": "contract.schema",
    "response_schema": "contract.schema",
    "ContractStubber": "stubber",
    "ContractStubberError": "stubber",
}
#: names of earlier releases that live in their modules now
_MOVED = {
    "RULES": "pytest_pinpoint.contract",
    "Rule": "pytest_pinpoint.contract",
    "Template": "pytest_pinpoint.contract",
    "StubOptions": "pytest_pinpoint.options",
    "HttpReply": "pytest_pinpoint.service.http",
}

__all__ = sorted([*_EXPORTS, "__version__"])

if TYPE_CHECKING:
    from .contract import (
        Violation,
        assert_valid_request,
        assert_valid_response,
        validate_request,
        validate_response,
    )
    from .contract.schema import request_schema, response_schema
    from .errors import PinpointStubError
    from .factory import PinpointStubFactory
    from .interception.server import LoopbackServer
    from .service.record import Call, SentMessage
    from .service.stub import PinpointStub
    from .stubber import ContractStubber, ContractStubberError


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        moved = f": import it from {_MOVED[name]}" if name in _MOVED else ""
        raise AttributeError(f"module 'pytest_pinpoint' has no attribute {name!r}{moved}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
