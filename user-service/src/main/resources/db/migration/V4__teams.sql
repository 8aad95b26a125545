-- USR-01 "teams" and the USR-03 team filter: an organization's teams and who is in them.
create table team (
    id         uuid        primary key,
    org_id     uuid        not null references organization (id),
    name       text        not null check (length(name) between 1 and 100),
    created_at timestamptz not null default now(),
    version    bigint      not null default 0
);
-- names compare case-insensitively within an organization ("Sales" and "sales" are one team)
create unique index team_name_per_org on team (org_id, lower(name));
create index team_by_org on team (org_id, created_at, id);

create table team_member (
    user_id uuid not null references app_user (id),
    team_id uuid not null references team (id) on delete cascade,
    primary key (user_id, team_id)
);
create index team_member_by_team on team_member (team_id, user_id);
