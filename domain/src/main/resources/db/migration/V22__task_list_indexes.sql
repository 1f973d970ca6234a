-- Issue 14: the task list is filtered and paged in the database; open tasks are found by group or assignee, oldest
-- first, and by case (the case list reads the open tasks of many cases at once).
create index user_task_open_group on user_task (candidate_group, created_at) where status = 'OPEN';
create index user_task_open_assignee on user_task (assignee, created_at) where status = 'OPEN';
create index user_task_case on user_task (case_id, status);
