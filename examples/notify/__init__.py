"""A small notification service that sends through Amazon Pinpoint (the demo app)."""
