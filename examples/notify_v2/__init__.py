"""The demo app after its migration off Pinpoint's end-of-support features (docs/migration.md)."""
