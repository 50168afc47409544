-- wrk script: POSTs registerFir mutations, one request per line of the file in $REQUESTS
-- ("TOKEN<TAB>JSON body"), cycling through them, so each request can come from another
-- station's officer. Counts non-200 answers and GraphQL errors as failures.
local lines = {}
for line in io.lines(os.getenv("REQUESTS")) do
  local token, body = line:match("^([^\t]+)\t(.+)$")
  table.insert(lines, { token = token, body = body })
end

local threads = {}
function setup(thread)
  thread:set("offset", #threads)
  table.insert(threads, thread)
end

local i = 0
failures = 0
function request()
  i = i + 1
  local r = lines[((i + offset * 7919) % #lines) + 1]
  return wrk.format("POST", "/graphql", {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. r.token,
  }, r.body)
end

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
