"""Calling plugins: each implementation through pluggy, its answer checked and accounted.

Every implementation of a task's hook is called on its own (with pluggy's wrappers around
it), so each gets its own settings and each answer, error, latency and model use is
recorded on its own: one broken plugin never hides the others' answers, nor fails the
message.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pluggy
from pluggy import HookImpl
from sqlalchemy.orm import Session

from agent.config import PluginsConfig
from agent.costs import Usage, metered
from agent.results import DraftReply, Extraction, Vote
from models.errors import ModelError, StructuredOutputError
from models.runtime import CallRecord, ModelHandle
from storage import queries

logger = logging.getLogger(__name__)

RETURNS: dict[str, type] = {"classify": Vote, "extract": Extraction, "draft_reply": DraftReply}
"""What each task hook must return (or None); anything else is the plugin's recorded error."""


@dataclass
class PluginCall:
    """One hook implementation's answer for one task, as stored in the results table."""

    task: str
    plugin: str
    output: Any
    error: str | None
    latency_ms: float
    records: list[CallRecord] = field(default_factory=list)
    """The model calls the plugin made (none for a plugin that needs no model)."""
    cpu_ms: float = 0.0
    """The process's CPU time during the call (llama.cpp's threads included)."""
    energy_uj: int | None = None
    """The CPU package's energy during the call, where RAPL is readable."""


def is_fatal(problem: Exception) -> bool:
    """Errors that stop the run instead of being recorded against one plugin or message.

    A model that cannot load (missing, corrupt, tampered) would fail every message the same
    way; stopping keeps the message pending so it is processed once the model is fixed.
    """
    return isinstance(problem, ModelError) and not isinstance(problem, StructuredOutputError)


class Dispatcher:
    """Calls a hook's implementations one at a time, through pluggy."""

    def __init__(self, pm: pluggy.PluginManager, plugins: PluginsConfig) -> None:
        self.pm = pm
        self.plugins = plugins

    def implementations(self, hook: str) -> list[HookImpl]:
        """The hook's implementations that answer (not wrappers), first to be called first."""
        impls = getattr(self.pm.hook, hook).get_hookimpls()
        return [impl for impl in reversed(impls) if not _wraps(impl)]

    def call_one(self, hook: str, impl: HookImpl, **kwargs: Any) -> Any:
        """``impl``'s answer, with every wrapper of the hook around it, and its own settings."""
        keep = {impl.plugin} | {
            other.plugin for other in getattr(self.pm.hook, hook).get_hookimpls() if _wraps(other)
        }
        others = [plugin for plugin in self.pm.get_plugins() if plugin not in keep]
        caller = self.pm.subset_hook_caller(hook, remove_plugins=others)
        kwargs["settings"] = self.plugins.settings_for(impl.plugin_name)
        answer = caller(**kwargs)
        if isinstance(answer, list):  # not a firstresult hook: one implementation answered
            return answer[0] if answer else None
        return answer

    def call_each(
        self,
        task: str,
        model: ModelHandle,
        *,
        hook: str | None = None,
        first_result: bool = False,
        accept: Callable[[Any], list[str]] | None = None,
        needs_model: bool | None = None,
        **kwargs: Any,
    ) -> list[PluginCall]:
        """Each implementation's recorded answer for ``task``, in pluggy's order.

        A plugin that declines (returns nothing, fails nothing, asks no model) leaves no
        record. ``accept`` names what is wrong with an output (nothing: it is accepted); a
        refused output is recorded with the reasons as its error, and with ``first_result``
        the next plugin is asked. ``needs_model`` asks only the plugins whose hook takes the
        model (True) or only those that do not (False).
        """
        hook = hook or task
        calls = []
        for impl in self.implementations(hook):
            if needs_model is not None and ("model" in impl.argnames) != needs_model:
                continue
            with metered() as usage, model.recording() as records:
                output, error = self._answer(hook, impl, accept, model=model, **kwargs)
            if output is None and error is None and not records:
                continue  # the plugin declined (disabled, or not its kind of message)
            calls.append(_recorded(task, impl.plugin_name, output, error, usage, records))
            if first_result and output is not None and error is None:
                break
        return calls

    def _answer(
        self, hook: str, impl: HookImpl, accept: Callable[[Any], list[str]] | None, **kwargs: Any
    ) -> tuple[Any, str | None]:
        """The plugin's checked output, or None and what went wrong."""
        try:
            output = self.call_one(hook, impl, **kwargs)
        except StructuredOutputError as problem:
            return None, str(problem)
        except Exception as problem:
            if is_fatal(problem):
                raise
            logger.exception("plugin %s failed on hook %s", impl.plugin_name, hook)
            return None, f"{type(problem).__name__}: {problem}"
        expected = RETURNS.get(hook)
        if expected and output is not None and not isinstance(output, expected):
            return None, f"returned a {type(output).__name__}, not a {expected.__name__} or None"
        problems = accept(output) if accept and output is not None else []
        if problems:
            return output, f"refused by the draft checks: {'; '.join(problems)}"
        return output, None


def _wraps(impl: HookImpl) -> bool:
    return bool(impl.hookwrapper or getattr(impl, "wrapper", False))


def _recorded(
    task: str,
    plugin: str,
    output: Any,
    error: str | None,
    usage: Usage,
    records: list[CallRecord],
) -> PluginCall:
    return PluginCall(
        task=task,
        plugin=plugin,
        output=output,
        error=error,
        latency_ms=usage.wall_ms,
        records=list(records),
        cpu_ms=usage.cpu_ms,
        energy_uj=usage.energy_uj,
    )


def record_calls(session: Session, message_id: int, calls: list[PluginCall]) -> None:
    """Store each plugin call as a result row, and each of its model calls in the audit log."""
    for call in calls:
        first = call.records[0] if call.records else None
        output = call.output.model_dump(mode="json") if call.output is not None else None
        queries.add_result(
            session,
            message_id,
            task=call.task,
            plugin=call.plugin,
            model_name=first.model if first else None,
            model_sha256=first.sha256 if first else None,
            quantization=first.quantization if first else None,
            output=output,
            latency_ms=round(call.latency_ms, 2),
            cpu_ms=round(call.cpu_ms, 2),
            energy_uj=call.energy_uj,
            error=call.error,
        )
        record_model_calls(session, message_id, call.task, call.plugin, call.records)


def record_model_calls(
    session: Session, message_id: int, task: str, plugin: str, records: list[CallRecord]
) -> None:
    """Put each model call in the audit log, with what it cost."""
    for record in records:
        queries.add_event(
            session,
            "model_call",
            message_id=message_id,
            task=task,
            plugin=plugin,
            call=record.kind,
            model=record.model,
            sha256=record.sha256,
            lora_sha256=record.lora_sha256 or None,
            latency_ms=round(record.latency_ms, 2),
            tokens_in=record.tokens_in,
            tokens_out=record.tokens_out,
            attempts=record.attempts,
        )
