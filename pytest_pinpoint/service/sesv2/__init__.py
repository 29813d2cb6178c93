"""Amazon SES v2 (``sesv2``) as a unit of the stub: rest-json routes under ``/v2/email/``,
signed for ``ses`` (as SES v1 is: the path prefix tells them apart).

One concept per module: :mod:`.routes` (the model's routing table), :mod:`.dispatch` (the front
door), :mod:`.replies` (success and error bodies), :mod:`.state` (identities, templates, the
suppression list, configuration sets), :mod:`.content` and :mod:`.handlebars` (what a message
says), :mod:`.send` and :mod:`.bulk` (the sends), and a module per family of the app's own calls
(:mod:`.identities`, :mod:`.templates`, :mod:`.suppression`, :mod:`.configsets`,
:mod:`.account`). The contract is :mod:`pytest_pinpoint.contract.ses`.
"""

from __future__ import annotations

from ..unit import Unit
from .dispatch import OPERATIONS, dispatch
from .state import SesState

UNIT = Unit(
    service="sesv2",
    dispatch=dispatch,
    served=OPERATIONS,
    path_prefix="/v2/email/",
    new_state=SesState,
)
