-- wrk script: POSTs registerFir mutations, one request per line of the file in $REQUESTS
-- ("TOKEN<TAB>JSON body"), cycling through them, so each request can come from another
-- station's officer. Counts non-200 answers and GraphQL errors as failures.
local lines = {}
for line in io.lines(os.getenv("REQUESTS")) do
  local token, body = line:match("^([^\t]+)\t(.+)$")
  table.insert(lines, { token = token, body = body })
end

dofile("bench/result.lua")

local i = 0
function request()
  i = i + 1
  local r = lines[((i + offset * 7919) % #lines) + 1]
  return wrk.format("POST", "/graphql", {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. r.token,
  }, r.body)
end

