-- wrk: POST one valid GetThirdPartyJobDetails request for a fixture job.
-- The body comes from the environment so run and nginx use the same bytes.
wrk.method = "POST"
wrk.path = "/"
wrk.body = os.getenv("CPCT_BENCH_BODY")
wrk.headers["Content-Type"] = "application/x-amz-json-1.1"
wrk.headers["X-Amz-Target"] = "CodePipeline_20150709.GetThirdPartyJobDetails"

-- Count answers that are not the expected status: a fast wrong answer is
-- not a result.
local bad = 0
function response(status, headers, body)
  if status ~= 200 then bad = bad + 1 end
end

function done(summary, latency, requests)
  io.write(string.format("non-200: %d\n", bad))
end
