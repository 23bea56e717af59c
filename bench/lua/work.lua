-- The Lua workload of make bench: lua5.4 (Debian's arm64 package, dynamically linked) running
-- table, string, closure and call-heavy code.  `lua5.4 work.lua N` does N rounds; N = 0 only
-- starts the interpreter and compiles this file (the workload's own start-up, subtracted).
local n = tonumber(arg[1]) or 1
local function fib(k) if k < 2 then return k end return fib(k - 1) + fib(k - 2) end
local sum = 0
for round = 1, n do
    local t = {}
    for i = 1, 2000 do t[i] = (i * 7919 + round) % 1000003 end
    table.sort(t)
    local words = {}
    for i = 1, 200 do words[#words + 1] = string.format("%x", t[i * 10]) end
    local s = table.concat(words, ",")
    local count = 0
    for w in s:gmatch("[0-9a-f]+") do count = count + #w end
    local acc = 0
    local add = function(x) acc = acc + x end
    for i = 1, #t, 3 do add(t[i] % 97) end
    sum = (sum + acc + count + fib(12)) % 1000000007
end
print(string.format("lua %d rounds: %d", n, sum))
