-- wrk-post.lua — makes wrk POST one case (the file named by
-- $GALACTA_BENCH_BODY) as application/json: the request of bench/http-bench.
local f = assert(io.open(os.getenv("GALACTA_BENCH_BODY"), "rb"))
wrk.method = "POST"
wrk.body = f:read("*a")
wrk.headers["Content-Type"] = "application/json"
f:close()
