-- wrk script: every request asks the deals list with a new query string, so no page the
-- server keeps answers it and each one is made afresh (the cost of a cache miss under load).
--   armstrace serve --db reuters.db --port 8765 --workers 1 &
--   wrk -t1 -c20 -d30s -s benchmarks/serve_misses.lua http://127.0.0.1:8765
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", "/deals?miss=" .. counter)
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT requests=%d p50=%.1f p95=%.1f p99=%.1f max=%.1f errors=%d non2xx=%d\n",
    summary.requests, latency:percentile(50)/1000, latency:percentile(95)/1000, latency:percentile(99)/1000,
    latency.max/1000, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout, summary.errors.status))
end
