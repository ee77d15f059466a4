"""The pipeline: one message at a time through intake, classification, extraction, drafting.

``flow`` orchestrates; ``intake``, ``classifying`` (with ``example_store``) and ``drafting``
each own one step; ``calls`` calls the plugins through pluggy and accounts for each call.
"""

from agent.pipeline.calls import PluginCall
from agent.pipeline.drafting import Drafted
from agent.pipeline.flow import Outcome, Pipeline, skipped

__all__ = ["Drafted", "Outcome", "Pipeline", "PluginCall", "skipped"]
