"""mailagent: a local-first email agent on local quantized models.

Plugin authors import :data:`hookimpl` from here.
"""

from agent.hookspecs import hookimpl

__all__ = ["hookimpl"]
