# python3.11: json, re, hashlib (sha256), struct, collections, decimal, math; one process.
# REAL_PROG: /usr/bin/python3.11
# REAL_ARGS: -B -
# REAL_STDIN: self
import collections, decimal, hashlib, json, math, re, struct, sys, zlib

doc = {"name": "zarm", "list": [1, 2.5, None, True, "x\u00e9"], "nested": {"a": {"b": [[], {}]}}}
s = json.dumps(doc, sort_keys=True, indent=1)
print(s)
back = json.loads(s)
print(back == doc, json.dumps(back["list"], ensure_ascii=False).encode())
print(json.loads('{"big": 12345678901234567890, "f": 1e-7, "esc": "\\u2603\\n"}'))

text = "2024-01-15 error disk=95% host=alpha; 2024-02-01 warn disk=70% host=beta-2"
pat = re.compile(r"(\d{4})-(\d\d)-(\d\d) (\w+) disk=(\d+)% host=([\w-]+)")
for m in pat.finditer(text):
    print(m.groups(), m.span(), m.group(6).upper())
print(re.sub(r"(?P<k>\w+)=(?P<v>[^ ;]+)", r"\g<v>:\g<k>", text))
print(re.split(r"[;\s]+", text)[:6], re.findall(r"\b[a-z]{4,5}\b", text))
print(re.fullmatch(r"(?i)[A-Z]+\d*", "abcDEF42") is not None, re.escape("a.b*c"))

h = hashlib.sha256()
for i in range(1000):
    h.update(str(i).encode())
print(h.hexdigest())
print(hashlib.sha256(b"").hexdigest(), hashlib.md5(b"zarm").hexdigest())
print(hashlib.sha1(b"abc" * 1000).hexdigest(), hashlib.sha512(b"x").hexdigest()[:32])
print(zlib.crc32(b"hello world"), len(zlib.compress(b"a" * 10000, 9)))

print(struct.pack("<IhQd", 1, -2, 3 << 60, 1.5).hex(), struct.unpack(">iH", b"\xff\xff\xff\xfe\x01\x02"))
c = collections.Counter("abracadabra")
print(c.most_common(3), collections.OrderedDict(sorted(c.items())))
dq = collections.deque(range(10), maxlen=5)
dq.rotate(2)
print(list(dq))
decimal.getcontext().prec = 40
print(decimal.Decimal(1) / decimal.Decimal(7), decimal.Decimal("1.1") + decimal.Decimal("2.2"))
print(math.sqrt(2), math.factorial(30), math.gcd(2**40, 6**20), math.log(10), math.sin(1.0))
print(2**200 % 1000000007, (10**50 + 1) // 7, divmod(-17, 5), round(2.675, 2), 1e16 + 1.0)
print(f"{3.14159:.3f} {255:#x} {1234567:,} {0.5:%} {'s':>5}|{-0.0}", float("inf"), 1 / 3)
print(sorted({"b": 2, "a": 1, "c": 0}.items(), key=lambda kv: kv[1]))
print([x * x for x in range(10) if x % 3], {x: x % 3 for x in range(6)}, sum(range(10**6)))
print(sys.byteorder, sys.maxsize, sys.version_info[:2])
sys.exit(4)
