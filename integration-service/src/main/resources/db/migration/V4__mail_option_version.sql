-- ETag / If-Match on a user's mail-option settings (issue 7): the version a client read must still be
-- the row's when it saves, or the save is refused with 412 (two admins editing at once).
alter table mail_option_setting add column version bigint not null default 0;
