-- wrk script: POSTs the JSON request body in $BODY with the token in $TOKEN, or GETs
-- the URL when $BODY is empty (the baseline route).
local body = os.getenv("BODY")
if body and #body > 0 then
  wrk.method = "POST"
  wrk.body = body
  wrk.headers["Content-Type"] = "application/json"
end
local token = os.getenv("TOKEN")
if token and #token > 0 then
  wrk.headers["Authorization"] = "Bearer " .. token
end

-- Count non-200 answers and GraphQL errors so a failing run cannot pass for a fast one.
-- response() runs in each thread's Lua state, done() in the main one: collect per thread.
local threads = {}
function setup(thread)
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
