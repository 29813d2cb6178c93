"""AWS End User Messaging SMS and voice v2 (``pinpoint-sms-voice-v2``) as a unit of the stub.

The json 1.0 front door (:mod:`.router`), the handlers by family (:mod:`.sends`,
:mod:`.identities` for phone numbers, sender IDs and pools, :mod:`.optouts` for opt-out lists
and keywords, :mod:`.configsets`, :mod:`.verified` for the sandbox's destination numbers and
spend limits), the account's state (:mod:`.state`) and the replies (:mod:`.replies`).
"""

from __future__ import annotations

from ..unit import Unit
from .router import OPERATIONS, dispatch
from .state import SERVICE, new_account

UNIT = Unit(service=SERVICE, dispatch=dispatch, served=OPERATIONS, new_state=new_account)
