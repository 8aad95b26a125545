-- A service may run more than one consumer (EventSubscriber#consumer()), each in a Kafka consumer group of its
-- own: each applies an event once, so the inbox remembers an event per consumer. 'main' is the service's own.
alter table inbox add column consumer text not null default 'main';
alter table inbox drop constraint inbox_pkey;
alter table inbox add primary key (consumer, event_id);
