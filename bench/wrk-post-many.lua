-- wrk-post-many.lua — makes wrk POST a different case on each request, in
-- turn, from the files listed one per line in $GALACTA_BENCH_BODIES: so
-- that nothing an answer depends on repeats from one request to the next
-- (bench/http-bench, "varied cases").
local bodies = {}
for path in io.lines(os.getenv("GALACTA_BENCH_BODIES")) do
	local f = assert(io.open(path, "rb"))
	bodies[#bodies + 1] = f:read("*a")
	f:close()
end
local i = 0
request = function()
	i = i % #bodies + 1
	return wrk.format("POST", nil, {["Content-Type"] = "application/json"}, bodies[i])
end
