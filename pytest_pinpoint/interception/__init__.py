"""Interception: where requests enter the fake.

``registry`` (active stubs, the live-send guard, retry-backoff recording) installs the adapters
``botocore`` and ``aio`` and hands them :class:`~.hooks.Hooks`; ``responses`` and ``server``
answer from a given stub. Nothing is imported here, so importing one part loads only it.
"""
