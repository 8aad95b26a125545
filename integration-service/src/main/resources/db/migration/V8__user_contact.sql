-- USR-08: a user's customer-facing contact (問合せ先), as user-service announces it: the lead's mails about a meeting
-- show their host's.
alter table user_profile add column contact text;
