-- The W3C trace context (traceparent, tracestate) of the change an event announces, taken when it was recorded; the
-- relay sends it as the CloudEvents distributed-tracing extension, so consumers continue that trace. Null for an
-- event recorded outside any trace.
alter table outbox add column traceparent text;
alter table outbox add column tracestate text;
