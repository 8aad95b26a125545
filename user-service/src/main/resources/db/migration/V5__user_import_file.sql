-- The uploaded file of an unfinished import, apart from the import's progress row: the worker
-- updates progress after every chunk and clients poll it, and neither should read or rewrite
-- a megabyte of CSV each time.
create table user_import_file (
    import_id uuid primary key references user_import (id) on delete cascade,
    content   text not null
);
insert into user_import_file (import_id, content) select id, content from user_import where content is not null;
alter table user_import drop column content;
