"""Where raw messages come from: local mailboxes on disk, or IMAP accounts."""
