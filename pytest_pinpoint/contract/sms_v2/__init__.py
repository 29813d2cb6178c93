"""The contract of AWS End User Messaging SMS and voice v2's send operations: its rule catalog
(:mod:`.rules`, merged into :data:`pytest_pinpoint.contract.RULES`), the model's constraints
(:mod:`.shapes`), the checks (:mod:`.check`) and the guide's part counting (:mod:`.parts`)."""
