"""``python -m agent`` runs the mailagent command line."""

from agent.cli import main

main()
