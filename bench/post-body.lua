-- wrk script: POST the file named by BODY_FILE with CONTENT_TYPE, and INFERENCE_HEADER_LENGTH (the V2 binary tensor
-- extension's Inference-Header-Content-Length) when set; prints the same summary line as post-csv.lua.
local file = assert(io.open(os.getenv("BODY_FILE"), "rb"))
wrk.method = "POST"
wrk.body = file:read("*all")
wrk.headers["Content-Type"] = os.getenv("CONTENT_TYPE") or "application/octet-stream"
local header_length = os.getenv("INFERENCE_HEADER_LENGTH")
if header_length and header_length ~= "" then
  wrk.headers["Inference-Header-Content-Length"] = header_length
end
file:close()

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  io.write(string.format("RESULT requests=%d errors=%d rps=%.1f p50_ms=%.3f p99_ms=%.3f\n",
    summary.requests, summary.errors.status + summary.errors.connect + summary.errors.read
      + summary.errors.write + summary.errors.timeout,
    summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
