-- BLK-06: an organization's own CSV column names mapped to profile fields ({"メール": "email", "備考": null}),
-- applied to its uploads beside the built-in header names.
create table import_column_mapping (
    org_id     uuid        primary key references organization (id),
    columns    jsonb       not null check (jsonb_typeof(columns) = 'object'),
    updated_at timestamptz not null,
    updated_by uuid        not null,
    version    bigint      not null default 0
);

-- The mapping an import was read with (the upload's over the saved one), so a resumed import reads its file alike.
alter table user_import add column column_mapping jsonb;
