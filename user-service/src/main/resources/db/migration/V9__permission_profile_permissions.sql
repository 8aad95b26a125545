-- USR-07: a permission profile is a set of permissions from a fixed catalogue (dev.kaigi.events.user.ProfilePermission).
-- The built-in regular profile grants the whole catalogue, so what a role allowed before stays allowed;
-- team users' profiles grant nothing administrative.
alter table permission_profile
    add column permissions text[] not null default '{}'
        check (permissions <@ array['MANAGE_USERS', 'IMPORT_USERS', 'MANAGE_TEAMS', 'MANAGE_SEATS',
                                    'MANAGE_INTEGRATIONS', 'MANAGE_MEETING_TYPES', 'SEE_ALL_BOOKINGS',
                                    'SEE_REPORTS', 'SEE_AUDIT_LOG']::text[]),
    add column version bigint not null default 0,
    add constraint team_profile_grants_nothing check (user_type = 'REGULAR' or permissions = '{}');

update permission_profile
set permissions = array['MANAGE_USERS', 'IMPORT_USERS', 'MANAGE_TEAMS', 'MANAGE_SEATS', 'MANAGE_INTEGRATIONS',
                        'MANAGE_MEETING_TYPES', 'SEE_ALL_BOOKINGS', 'SEE_REPORTS', 'SEE_AUDIT_LOG']
where system and user_type = 'REGULAR';
