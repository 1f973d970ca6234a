-- The web pages: which model element each timeline entry came from (to mark the diagram), task claims, and an
-- audit log of every action that no role can edit.
alter table case_timeline add column element_id varchar(100);
alter table case_timeline add column process_definition_key bigint;

alter table user_task add column claimed_by varchar(100);

create table audit_log (
    id        bigserial primary key,
    at        timestamptz  not null,
    actor     varchar(100) not null,
    action    varchar(200) not null,
    status    int          not null,
    case_id   uuid,
    detail    text
);
create index audit_log_case on audit_log (case_id, id);
create index audit_log_at on audit_log (at);

-- append-only: the application's own database user cannot change or remove an entry
create function audit_log_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_log is append-only';
end;
$$;
create trigger audit_log_no_update before update or delete on audit_log
    for each row execute function audit_log_append_only();
create trigger audit_log_no_truncate before truncate on audit_log
    for each statement execute function audit_log_append_only();
