-- wrk: print the request rate and latency percentiles (microseconds) in one parseable line.
done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  io.write(string.format("WRK rate=%.1f p50=%d p95=%d p99=%d requests=%d errors=%d\n",
    summary.requests / seconds, latency:percentile(50), latency:percentile(95), latency:percentile(99),
    summary.requests, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout))
end
