"""The database: tables, migrations, sessions and the queries the agent needs."""
