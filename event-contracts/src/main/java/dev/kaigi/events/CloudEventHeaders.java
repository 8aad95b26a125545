package dev.kaigi.events;

/** Kafka header names and fixed values of the CloudEvents 1.0 Kafka binding (binary mode) used by Kaigi. */
public final class CloudEventHeaders {

    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String SUBJECT = "ce_subject";
    public static final String TIME = "ce_time";
    /** Kaigi's extension attribute: lets consumers route and filter by tenant without parsing the value. */
    public static final String ORG_ID = "ce_orgid";
    /** The binding maps {@code datacontenttype} to the plain {@code content-type} header, without prefix. */
    public static final String CONTENT_TYPE = "content-type";
    /**
     * The CloudEvents distributed-tracing extension: the W3C trace context of the change that raised the event, so
     * that what a consumer does about it joins that change's trace. Absent on events raised outside any trace.
     */
    public static final String TRACE_PARENT = "ce_traceparent";
    public static final String TRACE_STATE = "ce_tracestate";

    public static final String SPEC_VERSION_VALUE = "1.0";
    public static final String JSON = "application/json";

    private CloudEventHeaders() {
    }
}
