-- SCIM 2.0 provisioning (RFC 7643): what an identity provider keeps on our users and teams beyond
-- the USR-01 profile. externalId is the provider's own id for the resource; title and the
-- enterprise extension's department and employee number are shown back to it as it sent them.
alter table app_user add column external_id     text check (length(external_id) <= 255);
alter table app_user add column title           text check (length(title) <= 200);
alter table app_user add column department      text check (length(department) <= 200);
alter table app_user add column employee_number text check (length(employee_number) <= 100);
create index app_user_by_external_id on app_user (org_id, external_id) where external_id is not null;

alter table team add column external_id text check (length(external_id) <= 255);
