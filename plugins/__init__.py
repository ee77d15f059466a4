"""mailagent's builtin plugins, each registered under the ``mailagent`` entry-point group."""
