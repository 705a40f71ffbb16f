-- Replays recorded raw HTTP requests in a loop (REPLAY_FILE: per request a
-- length line, then the request's bytes).
local requests = {}
local next_index = 1
local f = assert(io.open(os.getenv("REPLAY_FILE"), "rb"))
while true do
  local length = f:read("*l")
  if not length then break end
  requests[#requests + 1] = f:read(tonumber(length))
end
f:close()

request = function()
  local r = requests[next_index]
  next_index = next_index % #requests + 1
  return r
end
