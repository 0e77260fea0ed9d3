-- wrk script for bench/soak.sh: POSTs a weighted mix of valid and invalid bodies to /predict/ and prints one
-- RESULT line with latency percentiles and the count of each answer status (summed over wrk's threads).
local file = assert(io.open(os.getenv("BODY_FILE"), "rb"))
local valid = file:read("*all")
file:close()

-- {weight, content type, body}: 70 % valid, the rest each a different R-ERR-1 case.
local mix = {
  {70, "text/csv", valid},
  {10, "text/csv", "a,b\n\"1,2\n"},                  -- unterminated quote: 422
  {8, "application/json", "{\"a\": 1}"},            -- unsupported format: 422
  {6, "text/csv", ""},                              -- no samples: 422
  {6, "text/csv", "\255\254\0\1"},                  -- not UTF-8: 422
}

local threads = {}
function setup(thread)
  table.insert(threads, thread)
end

local requests = {}
function init(args)
  math.randomseed(os.time() + math.floor(os.clock() * 1e6))
  statuses = {}
  -- Built here, not at load: wrk sets the Host header just before init.
  for _, m in ipairs(mix) do
    local req = wrk.format("POST", "/predict/", {["Content-Type"] = m[2]}, m[3])
    for _ = 1, m[1] do table.insert(requests, req) end
  end
end

function request()
  return requests[math.random(#requests)]
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, _)
  local totals = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      totals[status] = (totals[status] or 0) + count
    end
  end
  local parts = {}
  for status, count in pairs(totals) do table.insert(parts, status .. "=" .. count) end
  table.sort(parts)
  local e = summary.errors
  io.write(string.format("RESULT requests=%d rps=%.1f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f "
      .. "socket_errors=%d statuses=%s\n",
    summary.requests, summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, e.connect + e.read + e.write + e.timeout,
    table.concat(parts, ",")))
end
