-- USR-08: the host's customer-facing contact (問合せ先), as user-service announces it: the lead sees it on the
-- booking's manage page.
alter table host add column contact text check (length(contact) <= 2000);
