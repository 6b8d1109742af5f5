-- wrk script: each request creates one new incident with PUT /api/incidents/{id} as a monitor
-- (If-None-Match: *, so an id already used would be a 412 and counted as an error). Ids are
-- unique per run, thread and request; the incidents lie far from every read query's box and
-- period (central Europe, 2021), so the reads of a later run find none of them. The token comes
-- from VIGIL_BENCH_TOKEN (never printed), the report they are built from from
-- VIGIL_BENCH_REPORT, the run's stamp from VIGIL_BENCH_RUN.

local token = os.getenv("VIGIL_BENCH_TOKEN")
local report = os.getenv("VIGIL_BENCH_REPORT")
local run = os.getenv("VIGIL_BENCH_RUN")
local next_thread = 0

function setup(thread)
  thread:set("tid", next_thread)
  next_thread = next_thread + 1
end

function init(args)
  counter = 0
  headers = {
    ["Authorization"] = "Bearer " .. token,
    ["Content-Type"] = "application/json",
    ["If-None-Match"] = "*",
  }
end

function request()
  counter = counter + 1
  local id = string.format("w-%s-%d-%d", run, tid, counter)
  local body = string.format(
    '{"kind":"airstrike",'
    .. '"when":{"start":"2021-01-01T04:00:00Z","end":"2021-01-01T04:00:00Z","precision":"exact"},'
    .. '"location":{"point":[10.5,50.5],"precision":"exact","radius_m":0.0},'
    .. '"certainty":"probable","reports":["%s"]}', report)
  return wrk.format("PUT", "/api/incidents/" .. id, headers, body)
end
