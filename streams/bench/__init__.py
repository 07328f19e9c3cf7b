"""``claimwatch bench``: throughput, latency and memory of claimwatch on a generated corpus."""
