-- The SCIM enterprise extension's manager (RFC 7643 §4.3), as an identity provider sends it: another
-- user of the same organization, never the user themself. The composite key keeps it in the tenant.
alter table app_user add constraint app_user_org_id_unique unique (org_id, id);
alter table app_user add column manager_id uuid check (manager_id <> id);
alter table app_user add constraint app_user_manager_fk
    foreign key (org_id, manager_id) references app_user (org_id, id);
