-- wrk script for bench/http.sh and bench/auth-cost.sh. Everything comes from the environment:
--   WRK_METHOD  GET (default) or POST
--   WRK_BODY    request body (sent as application/json when set)
--   WRK_TOKEN   bearer token for the Authorization header (none when empty)
-- At the end it prints one machine-readable line for the scripts:
--   RESULT requests=<n> seconds=<s> rps=<r> mean_us=<µs> p50_us=<µs> p90_us=<µs> p99_us=<µs> max_us=<µs>
--          non2xx=<n> socket_errors=<n> statuses=<code>:<count>,...   (statuses: every answer >= 300)
wrk.method = os.getenv("WRK_METHOD") or "GET"
local body = os.getenv("WRK_BODY")
if body ~= nil and body ~= "" then
  wrk.body = body
  wrk.headers["Content-Type"] = "application/json"
end
local token = os.getenv("WRK_TOKEN")
if token ~= nil and token ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. token
end

local threads = {}
function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  codes = {}
end

function response(status, headers, body)
  if status >= 300 then
    codes[status] = (codes[status] or 0) + 1
  end
end

function done(summary, latency, requests)
  local all = {}
  for _, thread in ipairs(threads) do
    for code, count in pairs(thread:get("codes")) do
      all[code] = (all[code] or 0) + count
    end
  end
  local parts = {}
  for code, count in pairs(all) do
    table.insert(parts, code .. ":" .. count)
  end
  table.sort(parts)
  local seconds = summary.duration / 1000000
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d seconds=%.3f rps=%.1f mean_us=%.0f p50_us=%d p90_us=%d p99_us=%d max_us=%d non2xx=%d socket_errors=%d statuses=%s\n",
    summary.requests, seconds, summary.requests / seconds, latency.mean,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    e.status, e.connect + e.read + e.write + e.timeout, table.concat(parts, ",")))
end
