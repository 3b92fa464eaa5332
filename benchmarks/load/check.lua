-- wrk script: checks spread over TENANTS tenants (x-tenant-id t-0 … t-N-1), half allowed, half denied.
local tenants = tonumber(os.getenv("TENANTS") or "1000")
local paths = { "/public/a", "/private/x", "/public/b", "/private/y" }
local counter = 0

function init(args)
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
end

function request()
  counter = counter + 1
  local t = math.random(0, tenants - 1)
  local user = (counter % 2 == 0) and ("user-" .. t) or ("viewer-" .. t)
  return wrk.format("GET", "/check" .. paths[math.random(1, #paths)], { ["x-tenant-id"] = "t-" .. t, ["x-user"] = user })
end

local errors = 0
function response(status, headers, body)
  if status ~= 200 and status ~= 403 then
    errors = errors + 1
  end
end

function done(summary, latency, requests)
  io.write(string.format("wrk: %d requests, %.0f/s, non-2xx/403 answers: %d (per thread counters), p50 %.3f ms, p99 %.3f ms, p99.9 %.3f ms\n",
    summary.requests, summary.requests / (summary.duration / 1e6), summary.errors.status,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency:percentile(99.9) / 1000))
end
