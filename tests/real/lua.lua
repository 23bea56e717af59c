-- lua5.4: strings, tables, closures, coroutines, string.format of numbers, integer/float.
-- REAL_PROG: /usr/bin/lua5.4
-- REAL_ARGS: -
-- REAL_STDIN: self
local s = "The quick brown fox jumps over the lazy dog"
print(#s, s:upper(), s:lower():rep(2, "|"))
print(s:find("fox"), s:match("(%a+) dog"), s:gsub("o", "0"))
for w in s:gmatch("%a+") do io.write(w:sub(1, 2), ".") end
print()
print(("%q"):format("a\nb\"c"), string.byte("A"), string.char(72, 105))
local t = {}
for i = 1, 20 do t[i] = (i * 37) % 23 end
table.sort(t, function(a, b) return a > b end)
print(table.concat(t, ","))
local words = {}
for w in ("pear apple fig apple pear apple"):gmatch("%a+") do words[w] = (words[w] or 0) + 1 end
local keys = {}
for k in pairs(words) do keys[#keys + 1] = k end
table.sort(keys)
for _, k in ipairs(keys) do io.write(k, "=", words[k], " ") end
print()
local function counter()
    local n = 0
    return function(d) n = n + (d or 1); return n end
end
local c1, c2 = counter(), counter()
c1(); c1(5); c2(10)
print(c1(), c2())
local function gen(n)
    return coroutine.wrap(function()
        local a, b = 0, 1
        for _ = 1, n do coroutine.yield(a); a, b = b, a + b end
    end)
end
local fib = {}
for v in gen(30) do fib[#fib + 1] = v end
print(table.concat(fib, " "))
local co = coroutine.create(function(x, y)
    local z = coroutine.yield(x + y)
    local w = coroutine.yield(z * 2)
    return w - 1
end)
print(coroutine.resume(co, 3, 4))
print(coroutine.resume(co, 10))
print(coroutine.resume(co, 100))
print(coroutine.resume(co), coroutine.status(co))
print(string.format("%d %5.2f %-8.3e| %g %g %g", 42, math.pi, 12345.678, 1e20, 0.1, 1/3))
print(string.format("%x %X %o %c %10s|%-10s|", 255, 48879, 8, 65, "right", "left"))
print(7 // 2, 7 / 2, 7 % -3, -7 // 2, 2^10, 1 << 62, math.maxinteger, math.mininteger)
print(math.floor(-3.5), math.ceil(-3.5), math.abs(-7), math.max(3, 9, 1), math.fmod(7, 3))
print(math.tointeger(3.0), 3 == 3.0, math.type(1), math.type(1.0), 0.1 + 0.2)
print(string.format("%.17g", 0.1 + 0.2), tostring(1e300 * 1e10), tostring(-(0/0)) ~= nil)
print(tonumber("0x1F"), tonumber("  12.5e1 "), tonumber("z", 36), tonumber("bad"))
local ok, err = pcall(function() error({code = 7}) end)
print(ok, type(err), err.code)
print(select("#", pcall(error, "msg")), select(2, pcall(error, "msg", 0)))
local mt = {__index = function(_, k) return k .. "!" end, __add = function(a, b) return a.v + b.v end}
local a = setmetatable({v = 1}, mt)
local b = setmetatable({v = 2}, mt)
print(a.hello, a + b)
local big = {}
for i = 1, 100000 do big[i] = i * i end
local sum = 0
for i = 1, #big do sum = sum + big[i] % 1000 end
print(sum, #big)
print(utf8.char(72, 228, 8364), utf8.len("häll€"))
print(os.time({year = 2000, month = 1, day = 1, hour = 0}) ~= nil, type(os.clock()))
os.exit(5)
