"""Pure pipeline steps: no Prefect, no environment, no network. Each returns a new value or a Rejection."""
