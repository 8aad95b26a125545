-- The version of what eligibility knows about an organization's hosts that changes only through
-- this service's API and its event consumers: hosts, their schedules (zone, weekdays, breaks,
-- caps), Salesforce opportunity counts, and meeting types with their pools. HostFactsCache keeps
-- those facts in memory while the version it read them under is still the organization's; a
-- booking then reads only what bookings change (counters, taken times, last booked).
--
-- Every change sets a new value from a sequence instead of adding one: a value is never given
-- twice, so facts read in a transaction that rolled back (its version gone with it) can never
-- be taken for a later state that happens to carry the same number. Only equality is compared.
create sequence org_facts_version_seq;

create table org_facts_version (
    org_id  uuid   primary key,
    version bigint not null
);

create function bump_org_facts_version(org uuid) returns void language sql as $$
    insert into org_facts_version (org_id, version) values (org, nextval('org_facts_version_seq'))
    on conflict (org_id) do update set version = excluded.version
$$;

-- tables that carry org_id themselves
create function org_facts_changed() returns trigger language plpgsql as $$
begin
    if tg_op <> 'INSERT' then
        perform bump_org_facts_version(old.org_id);
    end if;
    if tg_op <> 'DELETE' and (tg_op = 'INSERT' or new.org_id is distinct from old.org_id) then
        perform bump_org_facts_version(new.org_id);
    end if;
    return null;
end
$$;

-- a schedule's weekdays and breaks: the organization is the schedule's (when the schedule itself
-- is being deleted, its own trigger has bumped the version already)
create function org_facts_schedule_part_changed() returns trigger language plpgsql as $$
declare
    org uuid;
begin
    select s.org_id into org from work_schedule s
    where s.id = case when tg_op = 'DELETE' then old.schedule_id else new.schedule_id end;
    if org is not null then
        perform bump_org_facts_version(org);
    end if;
    return null;
end
$$;

create trigger host_facts_version after insert or update or delete on host
    for each row execute function org_facts_changed();
create trigger organization_facts_version after insert or update or delete on organization
    for each row execute function org_facts_changed();
create trigger opportunity_count_facts_version after insert or update or delete on opportunity_count
    for each row execute function org_facts_changed();
create trigger work_schedule_facts_version after insert or update or delete on work_schedule
    for each row execute function org_facts_changed();
create trigger meeting_type_facts_version after insert or update or delete on meeting_type
    for each row execute function org_facts_changed();
create trigger meeting_type_host_facts_version after insert or update or delete on meeting_type_host
    for each row execute function org_facts_changed();
create trigger work_day_facts_version after insert or update or delete on work_day
    for each row execute function org_facts_schedule_part_changed();
create trigger work_break_facts_version after insert or update or delete on work_break
    for each row execute function org_facts_schedule_part_changed();
