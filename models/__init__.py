"""The model registry, GGUF metadata and integrity, and the inference backends."""
