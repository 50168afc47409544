-- Shared by the wrk scripts in bench/: counts non-200 answers and GraphQL errors as
-- failures, so a failing run cannot pass for a fast one, and prints one RESULT line.
-- response() runs in each thread's Lua state, done() in the main one: collect per thread.
-- Load with dofile("bench/result.lua") (wrk runs from the repository root).
threads = {}
function setup(thread)
  thread:set("offset", #threads)
  table.insert(threads, thread)
end

failures = 0
function response(status, headers, body)
  if status ~= 200 or string.find(body, '"errors"', 1, true) then
    failures = failures + 1
  end
end

function done(summary, latency, requests)
  local failed = summary.errors.status + summary.errors.timeout + summary.errors.connect
    + summary.errors.read + summary.errors.write
  for _, thread in ipairs(threads) do
    failed = failed + (thread:get("failures") or 0)
  end
  io.write(string.format("RESULT rps=%.1f p50_ms=%.2f p99_ms=%.2f requests=%d failures=%d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.requests, failed))
end
