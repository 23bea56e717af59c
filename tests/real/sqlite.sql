-- sqlite3: tables, inserts, joins, indexes, aggregates, GROUP BY, ORDER BY, a CTE.
-- REAL_PROG: /usr/bin/sqlite3
-- REAL_ARGS: -batch :memory:
-- REAL_STDIN: self
.headers on
.mode list
CREATE TABLE dept(id INTEGER PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE emp(id INTEGER PRIMARY KEY, name TEXT, dept INTEGER REFERENCES dept(id),
                 salary REAL, hired TEXT);
INSERT INTO dept VALUES (1, 'eng'), (2, 'ops'), (3, 'sales'), (4, 'empty');
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500)
INSERT INTO emp SELECT i, 'emp' || i, 1 + i % 3, 1000 + (i * 7919) % 5000,
                       date('2020-01-01', '+' || (i * 3) || ' days') FROM n;
CREATE INDEX emp_dept ON emp(dept);
CREATE INDEX emp_salary ON emp(salary DESC);
SELECT count(*), sum(salary), round(avg(salary), 3), min(hired), max(hired) FROM emp;
SELECT d.name, count(e.id) AS n, round(avg(e.salary), 2) AS avg, max(e.salary) AS top
  FROM dept d LEFT JOIN emp e ON e.dept = d.id GROUP BY d.id ORDER BY n DESC, d.name;
SELECT e.name, d.name, e.salary FROM emp e JOIN dept d ON d.id = e.dept
  WHERE e.salary > 5900 ORDER BY e.salary DESC, e.name LIMIT 5;
SELECT strftime('%Y', hired) AS y, count(*) FROM emp GROUP BY y HAVING count(*) > 100 ORDER BY y;
WITH ranked AS (
  SELECT name, dept, salary, row_number() OVER (PARTITION BY dept ORDER BY salary DESC, id) AS r
  FROM emp)
SELECT dept, group_concat(name, ',') FROM ranked WHERE r <= 3 GROUP BY dept ORDER BY dept;
EXPLAIN QUERY PLAN SELECT * FROM emp WHERE dept = 2;
UPDATE emp SET salary = salary * 1.1 WHERE dept = 2;
DELETE FROM emp WHERE id % 7 = 0;
SELECT dept, count(*), printf('%.2f', sum(salary)) FROM emp GROUP BY dept;
SELECT upper('abc'), length('héllo'), substr('sqlite', 2, 3), replace('a-b-c', '-', '+'),
       hex('AB'), typeof(1.5), 7 / 2, 7 % 3, 1 << 40, abs(-5), coalesce(NULL, 'x');
CREATE TABLE kv(k TEXT PRIMARY KEY, v) WITHOUT ROWID;
INSERT INTO kv VALUES ('b', 2), ('a', 1), ('c', x'00ff');
INSERT OR REPLACE INTO kv VALUES ('a', 10);
SELECT k, v, typeof(v) FROM kv ORDER BY k;
BEGIN; INSERT INTO kv VALUES ('d', 4); ROLLBACK;
SELECT count(*) FROM kv;
SELECT json_object('n', 1, 'a', json_array(1, 2, 'x'));
PRAGMA integrity_check;
-- A database file in the cwd: locks (fcntl), journal, fsync; then WAL, whose index is a
-- MAP_SHARED mapping of the -shm file.
ATTACH 'disk.db' AS disk;
CREATE TABLE disk.t(a INTEGER PRIMARY KEY, b TEXT);
INSERT INTO disk.t SELECT id, name FROM emp WHERE id < 200;
SELECT count(*), max(b) FROM disk.t;
DETACH disk;
.open disk.db
PRAGMA journal_mode = WAL;
INSERT INTO t SELECT a + 1000, upper(b) FROM t;
SELECT count(*), min(b), max(a) FROM t;
PRAGMA wal_checkpoint(TRUNCATE);
PRAGMA mmap_size = 1048576;
SELECT sum(length(b)) FROM t;
