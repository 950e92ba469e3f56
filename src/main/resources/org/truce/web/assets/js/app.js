// common helpers
