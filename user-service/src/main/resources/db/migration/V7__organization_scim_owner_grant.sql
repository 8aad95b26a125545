-- Whether the organization's SCIM client (its identity provider) may make users OWNERs or change an
-- OWNER's role. Off until an OWNER switches it on: a partner client with the scim scope would
-- otherwise hold the owners' power that the REST API keeps from partner integrations.
alter table organization add column scim_owner_role_grantable boolean not null default false;
