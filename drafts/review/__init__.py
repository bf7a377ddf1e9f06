"""The review workflow: states and steps, the queue, the quality gate, tracked
changes, comments and notifications."""
