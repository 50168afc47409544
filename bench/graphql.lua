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

dofile("bench/result.lua")
