-- USR-07: the organizations' permission profiles and who holds which, as user-service's events say
-- (dev.kaigi.chassis.security.StoredCallerProfiles); a request's permissions are read from here. Kept by
-- the services that enforce profiles they do not own; user-service reads its own tables instead.
create table caller_profile (
    id          uuid   primary key,
    org_id      uuid   not null,
    permissions text[] not null
);

create table caller_profile_holder (
    user_id    uuid primary key,
    org_id     uuid not null,
    profile_id uuid not null
);
