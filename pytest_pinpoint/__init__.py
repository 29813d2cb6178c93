"""pytest-pinpoint: a faithful in-process Amazon Pinpoint ``send_users_messages`` for tests.

Public names are resolved lazily so that loading the pytest plugin does not import boto3,
botocore or hypothesis until a test asks for them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "PinpointStub": "service.stub",
    "SentMessage": "service.record",
    "Call": "service.record",
    "HttpReply": "service.http",
    "LoopbackServer": "interception.server",
    "StubOptions": "options",
    "PinpointStubError": "errors",
    "Rule": "contract",
    "RULES": "contract",
    "Template": "contract",
    "Violation": "contract",
    "validate_request": "contract",
    "validate_response": "contract",
    "assert_valid_request": "contract",
    "assert_valid_response": "contract",
    "request_schema": "contract.schema",
    "response_schema": "contract.schema",
    "ContractStubber": "stubber",
    "PinpointStubFactory": "factory",
    "ContractStubberError": "stubber",
}

__all__ = sorted([*_EXPORTS, "__version__"])

if TYPE_CHECKING:
    from .contract import (
        RULES,
        Rule,
        Template,
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
    from .options import StubOptions
    from .service.http import HttpReply
    from .service.record import Call, SentMessage
    from .service.stub import PinpointStub
    from .stubber import ContractStubber, ContractStubberError


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'pytest_pinpoint' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
