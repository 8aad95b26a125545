-- The user's role as user-service last announced it. Authorization uses it instead of the token's
-- roles claim once it is known, so a demoted OWNER loses owner rights here at once, not when the
-- token expires. Null until an event carrying the role has been read.
alter table org_user add column role text check (role in ('OWNER', 'MANAGER', 'MEMBER', 'RESTRICTED'));
