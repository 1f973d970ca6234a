-- A step that failed and then succeeded on a later automatic retry is resolved by itself: SUCCEEDED, by 'system'.
-- Without it, a recovered step stayed listed as failing on the operations page.
alter table job_failure drop constraint job_failure_resolution_check;
alter table job_failure add constraint job_failure_resolution_check
    check (resolution in ('RETRY', 'SKIP', 'SUCCEEDED'));
