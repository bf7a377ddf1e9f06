"""LLM suggestions: providers (OpenAI-compatible and built-in), prompts, actions."""
