# python3.11 threading: needs clone() threads (CLONE_VM|CLONE_THREAD|...), futex and
# set_robust_list in every thread.
# REAL_PROG: /usr/bin/python3.11
# REAL_ARGS: -B -
# REAL_STDIN: self
import hashlib, queue, threading

results = {}
lock = threading.Lock()
counter = 0

def work(n):
    global counter
    h = hashlib.sha256()
    for i in range(2000):
        h.update(f"{n}:{i}".encode())
        with lock:
            counter += 1
    results[n] = h.hexdigest()[:16]

threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sorted(results.items()), counter)

q = queue.Queue()
out = []
def consumer():
    while True:
        item = q.get()
        if item is None:
            break
        out.append(item * 2)
        q.task_done()
c = threading.Thread(target=consumer)
c.start()
for i in range(100):
    q.put(i)
q.join()
q.put(None)
c.join()
print(sum(out), len(out))

ev = threading.Event()
cond = threading.Condition()
box = []
def waiter():
    with cond:
        cond.wait_for(lambda: box)
    ev.set()
w = threading.Thread(target=waiter)
w.start()
with cond:
    box.append(1)
    cond.notify_all()
print(ev.wait(30), threading.active_count() <= 2)
w.join()
local = threading.local()
seen = {}
def setlocal(v):
    local.v = v
    seen[v] = local.v
ts = [threading.Thread(target=setlocal, args=(v,)) for v in range(3)]
[t.start() for t in ts]
[t.join() for t in ts]
print(sorted(seen.items()), hasattr(local, "v"))
