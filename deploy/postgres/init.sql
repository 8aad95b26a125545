-- docker-compose.yml: one database per service, all owned by the role the services log in with
-- (KAIGI_DB_USER / KAIGI_DB_PASSWORD). Runs once, when the postgres volume is created.
create role kaigi login password 'kaigi';
create database kaigi_users owner kaigi;
create database kaigi_scheduling owner kaigi;
create database kaigi_licensing owner kaigi;
create database kaigi_integration owner kaigi;
