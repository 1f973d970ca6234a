-- Cases that an earlier version marked INTERRUPTED after a restart of the in-memory engine go back to running: the
-- application resumes every running case at its next start (EngineResetRecovery). Their stage was kept.
update grant_case set status = case when current_stage = 'CORRECTION' then 'RETURNED' else 'IN_PROGRESS' end
where status = 'INTERRUPTED';
