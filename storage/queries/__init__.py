"""Every query mailagent runs; no SQL lives anywhere else.

Functions take an open session (see ``Database.session``) so callers decide what one
transaction holds. Each module owns the queries of one table or use; all are named here,
so callers write ``from storage import queries`` and ``queries.list_messages(...)``.
"""

from storage.queries.actions import add_actions, finish_action, pending_actions
from storage.queries.audit import add_event, list_events
from storage.queries.drafts import (
    add_draft,
    approved_unsaved,
    get_draft,
    list_drafts,
    replace_draft,
)
from storage.queries.examples import (
    corrections_to_embed,
    delete_starter_examples,
    example_sources,
    examples_for,
    examples_stamp,
    outdated_examples,
    save_example,
    starter_labels,
)
from storage.queries.folders import folder, folder_states, set_folder_status
from storage.queries.messages import (
    account_of,
    add_message,
    copies_from_old_uidvalidity,
    delete_message,
    finish_message,
    get_message,
    list_messages,
    message_at,
    message_by_sha256,
    message_with_id,
    pending_messages,
    retry_message,
    set_category,
    thread_before,
    uncertain_messages,
)
from storage.queries.replies import add_reply, replies_of
from storage.queries.results import (
    VERDICT_COLUMNS,
    add_result,
    awaiting_answer,
    combined_part,
    combined_result,
    combined_results,
    draft_attempts,
    results_of,
    set_aside_of,
    verdict,
)
from storage.queries.stats import call_costs, category_counts_by_day, draft_counts, model_latencies

__all__ = [
    "VERDICT_COLUMNS",
    "account_of",
    "add_actions",
    "add_draft",
    "add_event",
    "add_message",
    "add_reply",
    "add_result",
    "approved_unsaved",
    "awaiting_answer",
    "call_costs",
    "category_counts_by_day",
    "combined_part",
    "combined_result",
    "combined_results",
    "copies_from_old_uidvalidity",
    "corrections_to_embed",
    "delete_message",
    "delete_starter_examples",
    "draft_attempts",
    "draft_counts",
    "example_sources",
    "examples_for",
    "examples_stamp",
    "finish_action",
    "finish_message",
    "folder",
    "folder_states",
    "get_draft",
    "get_message",
    "list_drafts",
    "list_events",
    "list_messages",
    "message_at",
    "message_by_sha256",
    "message_with_id",
    "model_latencies",
    "outdated_examples",
    "pending_actions",
    "pending_messages",
    "replace_draft",
    "replies_of",
    "results_of",
    "retry_message",
    "save_example",
    "set_aside_of",
    "set_category",
    "set_folder_status",
    "starter_labels",
    "thread_before",
    "uncertain_messages",
    "verdict",
]
