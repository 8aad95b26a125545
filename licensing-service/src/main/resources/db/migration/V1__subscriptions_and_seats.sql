-- licensing-service: one subscription per organization, its seat pools and who holds a seat.
-- The invariants live here, not only in Java, so they hold with any number of service instances.

create table subscription (
    org_id                 uuid        primary key,
    plan                   text        not null check (plan in ('FREE', 'STANDARD', 'PROFESSIONAL', 'ENTERPRISE', 'ULTIMATE')),
    team_licences_enabled  boolean     not null default false,
    version                bigint      not null default 0,
    created_at             timestamptz not null default now(),
    updated_at             timestamptz not null default now(),
    -- LIC-02: team-user licences exist only on STANDARD and above
    constraint team_licences_need_paid_plan check (not team_licences_enabled or plan <> 'FREE')
);

-- One counter row per licence type. Seats are taken with a guarded
-- "update ... set assigned = assigned + 1 where assigned < purchased"; the CHECK is the backstop (LIC-03).
create table seat_pool (
    org_id    uuid    not null references subscription (org_id),
    pool      text    not null check (pool in ('REGULAR', 'TEAM')),
    purchased integer not null check (purchased >= 0),
    assigned  integer not null default 0 check (assigned >= 0),
    primary key (org_id, pool),
    constraint assigned_within_purchased check (assigned <= purchased)
);

-- Who holds a seat: at most one per user (LIC-03, LIC-04).
create table seat_assignment (
    id          uuid        primary key,
    org_id      uuid        not null,
    user_id     uuid        not null,
    pool        text        not null,
    assigned_at timestamptz not null default now(),
    assigned_by uuid,
    constraint one_seat_per_user unique (org_id, user_id),
    foreign key (org_id, pool) references seat_pool (org_id, pool)
);
create index seat_assignment_by_pool on seat_assignment (org_id, pool, assigned_at, id);

-- The users of each organization as user-service announces them (events), so an owner can only
-- give seats to their own organization's users, of the right licence type.
create table org_user (
    user_id    uuid        primary key,
    org_id     uuid        not null,
    user_type  text        not null check (user_type in ('REGULAR', 'TEAM')),
    status     text        not null check (status in ('INVITED', 'ACTIVE', 'DEACTIVATED', 'DELETED')),
    updated_at timestamptz not null default now()
);
create index org_user_by_org on org_user (org_id);
