-- Issue 14: a page of a list is read in the list's order from an index, not by sorting every matching row first.
-- Measured in PostgreSQL with 10,000 open tasks (docs/performance.md, "What limits the embedded default", 5):
-- a random page of the task list took 26 ms (every matching row sorted) and 3 ms with the open tasks' order as an
-- index; a page of the case list 25 ms (wide rows sorted on disk) and 3 ms.
create index user_task_open_order on user_task (created_at, id) where status = 'OPEN';
create index grant_case_newest on grant_case (created_at desc, id);
-- the task list filtered by measure (and its count) finds the measure's cases from the index alone: 17 ms → 7 ms
create index grant_case_measure on grant_case (measure_id, id);
