-- wrk script: GET /api/incidents with each of the benchmark's queries in turn, as an analyst.
-- The paths come from the file named by VIGIL_BENCH_PATHS (one per line), the token from
-- VIGIL_BENCH_TOKEN (never printed). Each thread starts at a different query so that all are
-- in flight at once.

local paths = {}
for line in io.lines(os.getenv("VIGIL_BENCH_PATHS")) do
  if line ~= "" then paths[#paths + 1] = line end
end
local token = os.getenv("VIGIL_BENCH_TOKEN")
local next_thread = 0

function setup(thread)
  thread:set("first", next_thread)
  next_thread = next_thread + 1
end

function init(args)
  index = first % #paths
  headers = { ["Authorization"] = "Bearer " .. token }
end

function request()
  index = index % #paths + 1
  return wrk.format("GET", paths[index], headers)
end
