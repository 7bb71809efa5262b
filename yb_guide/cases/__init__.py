"""The case journal: the case model, its SQLite file, the SQL, the journal's operations, export and
import, and masking of personal data."""
