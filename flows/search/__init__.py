"""Everything that talks to OpenSearch: client construction, index admin, bulk writes, queries."""
