"""Replies: what a message asks, the user's own past replies, written phrasings, and the
checks every draft passes before a person sees it."""
