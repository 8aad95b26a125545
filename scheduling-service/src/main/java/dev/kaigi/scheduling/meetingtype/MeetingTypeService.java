package dev.kaigi.scheduling.meetingtype;

import dev.kaigi.chassis.audit.AuditChange;
import dev.kaigi.chassis.audit.AuditTrail;
import dev.kaigi.chassis.paging.Page;
import dev.kaigi.chassis.paging.PageRequest;
import dev.kaigi.chassis.problem.FieldViolation;
import dev.kaigi.chassis.problem.ProblemException;
import dev.kaigi.events.user.UserType;
import dev.kaigi.scheduling.audit.AuditAction;
import dev.kaigi.scheduling.host.Host;
import dev.kaigi.scheduling.host.HostRepository;
import dev.kaigi.scheduling.meetingtype.MeetingTypeJson.MeetingTypeRequest;
import dev.kaigi.scheduling.meetingtype.MeetingTypeJson.PoolHost;
import dev.kaigi.scheduling.meetingtype.MeetingTypeJson.MeetingTypeView;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Meeting types and their host pools (SCH-06). */
@ApplicationScoped
public class MeetingTypeService {

    static final Set<Integer> SLOT_STEPS = Set.of(15, 30, 60);
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    MeetingTypeRepository types;
    @Inject
    HostRepository hosts;
    @Inject
    AuditTrail audit;

    @Transactional
    public Page<MeetingTypeView> list(UUID orgId, PageRequest page) {
        PanacheQuery<MeetingType> query = types.ofOrganization(orgId);
        List<MeetingType> items = query.page(page.page(), page.size()).list();
        Map<UUID, Map<UUID, PoolShare>> pools = types.pools(items.stream().map(t -> t.id).toList());
        return Page.of(items.stream().map(t -> MeetingTypeView.of(t, pools.getOrDefault(t.id, Map.of()))).toList(),
                page, query.count());
    }

    @Transactional
    public MeetingTypeView get(UUID orgId, UUID id) {
        return view(find(orgId, id));
    }

    @Transactional
    public MeetingTypeView create(UUID orgId, MeetingTypeRequest request) {
        Map<UUID, PoolShare> pool = validate(orgId, request, null);
        MeetingType t = new MeetingType();
        t.id = UUID.randomUUID();
        t.orgId = orgId;
        t.createdAt = Instant.now();
        t.publicBookingId = newPublicBookingId();
        copy(request, t);
        types.persist(t);
        types.replacePool(t, pool);
        types.flush();
        audit.record(AuditChange.of(orgId, AuditAction.MEETING_TYPE_CREATED).target(t.id).after(auditFields(t, pool)));
        return view(t);
    }

    /** Replaces the type if it is still at {@code expectedVersion} (412 otherwise). */
    @Transactional
    public MeetingTypeView replace(UUID orgId, UUID id, MeetingTypeRequest request, long expectedVersion) {
        MeetingType t = find(orgId, id);
        if (t.version != expectedVersion) {
            throw new ProblemException(412, "precondition-failed");
        }
        Map<UUID, PoolShare> pool = validate(orgId, request, id);
        Map<String, Object> before = auditFields(t, types.pool(t.id));
        copy(request, t);
        types.replacePool(t, pool);
        types.flush(); // the row is always dirty (updatedAt), so the version moves even when only the pool changed
        audit.record(AuditChange.of(orgId, AuditAction.MEETING_TYPE_UPDATED).target(t.id)
                .changedFields(before, auditFields(t, pool)));
        return view(t);
    }

    @Transactional
    public void delete(UUID orgId, UUID id, Long expectedVersion) {
        MeetingType t = find(orgId, id);
        if (expectedVersion != null && t.version != expectedVersion) {
            throw new ProblemException(412, "precondition-failed");
        }
        audit.record(AuditChange.of(orgId, AuditAction.MEETING_TYPE_DELETED).target(t.id).before(auditFields(t, types.pool(t.id))));
        types.delete(t);
    }

    /** The meeting type of the organization; 404 for any other id (ORG-01). */
    @Transactional
    public MeetingType find(UUID orgId, UUID id) {
        return types.inOrganization(orgId, id).orElseThrow(() -> ProblemException.notFound("meeting-type"));
    }

    private MeetingTypeView view(MeetingType t) {
        return MeetingTypeView.of(t, types.pool(t.id));
    }

    /** The settings an administrator chooses, as the audit trail shows them (SEC-02). */
    private static Map<String, Object> auditFields(MeetingType t, Map<UUID, PoolShare> pool) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", t.name);
        fields.put("durationMinutes", t.durationMinutes);
        fields.put("conferencingMethod", t.conferencingMethod);
        fields.put("hostPool", List.copyOf(pool.keySet()));
        fields.put("weightedHostPool", pool.entrySet().stream()
                .map(e -> e.getKey() + " weight " + e.getValue().weight() + " priority " + e.getValue().priority()).toList());
        fields.put("slotStepMinutes", t.slotStepMinutes);
        fields.put("minimumNoticeMinutes", t.minimumNoticeMinutes);
        fields.put("bookingHorizonDays", t.bookingHorizonDays);
        fields.put("bufferBeforeMinutes", t.bufferBeforeMinutes);
        fields.put("bufferAfterMinutes", t.bufferAfterMinutes);
        fields.put("reminderMinutesBefore", Arrays.stream(t.reminderMinutesBefore).boxed().toList());
        return fields;
    }

    /**
     * The rules bean validation cannot state; 400 naming every offending field. Pool members must
     * be current regular members of the organization (team users never host, SCH-07). The pool is
     * given by ids ({@code hostPool}, default weights) or with weights ({@code weightedHostPool}),
     * not both. Returns the pool in order with each host's weight and priority.
     */
    private Map<UUID, PoolShare> validate(UUID orgId, MeetingTypeRequest r, UUID self) {
        List<FieldViolation> found = new ArrayList<>();
        if (r.slotStepMinutes() != null && !SLOT_STEPS.contains(r.slotStepMinutes())) {
            found.add(new FieldViolation("slotStepMinutes", "slot-step", null));
        }
        if (r.hostPool() != null && r.weightedHostPool() != null) {
            found.add(new FieldViolation("weightedHostPool", "pool-given-twice", null));
        }
        List<PoolHost> asked = r.weightedHostPool() != null ? r.weightedHostPool()
                : r.hostPool() == null ? List.of() : r.hostPool().stream().map(id -> new PoolHost(id, null, null)).toList();
        String field = r.weightedHostPool() != null ? "weightedHostPool[%d].userId" : "hostPool[%d]";
        Map<UUID, Host> known = hosts.inOrganization(orgId, asked.stream().map(PoolHost::userId).collect(Collectors.toSet())).stream()
                .collect(Collectors.toMap(h -> h.userId, Function.identity()));
        Map<UUID, PoolShare> pool = new LinkedHashMap<>();
        for (int i = 0; i < asked.size(); i++) {
            PoolHost p = asked.get(i);
            Host h = known.get(p.userId());
            if (h == null || !h.isMember()) {
                found.add(new FieldViolation(field.formatted(i), "unknown-reference", null));
            } else if (h.userType != UserType.REGULAR) {
                found.add(new FieldViolation(field.formatted(i), "not-a-host", null));
            } else if (pool.containsKey(h.userId)) {
                found.add(new FieldViolation(field.formatted(i), "duplicate", null));
            } else {
                pool.put(h.userId, new PoolShare(p.weight() == null ? PoolShare.DEFAULT.weight() : p.weight(),
                        p.priority() == null ? PoolShare.DEFAULT.priority() : p.priority()));
            }
        }
        List<Integer> reminders = r.reminderMinutesBefore() == null ? List.of() : r.reminderMinutesBefore();
        for (int i = 0; i < reminders.size(); i++) {
            if (reminders.indexOf(reminders.get(i)) < i) {
                found.add(new FieldViolation("reminderMinutesBefore[" + i + "]", "duplicate", null));
            }
        }
        if (!found.isEmpty()) {
            throw new ProblemException(400, "validation-failed", found);
        }
        if (types.nameTaken(orgId, r.name().trim(), self == null ? new UUID(0, 0) : self)) {
            throw ProblemException.conflict("meeting-type-name-taken");
        }
        return pool;
    }

    private static void copy(MeetingTypeRequest r, MeetingType t) {
        t.name = r.name().trim();
        t.durationMinutes = r.durationMinutes();
        t.conferencingMethod = r.conferencingMethod();
        t.slotStepMinutes = orDefault(r.slotStepMinutes(), 30);
        t.minimumNoticeMinutes = orDefault(r.minimumNoticeMinutes(), 0);
        t.bookingHorizonDays = orDefault(r.bookingHorizonDays(), 60);
        t.bufferBeforeMinutes = orDefault(r.bufferBeforeMinutes(), 0);
        t.bufferAfterMinutes = orDefault(r.bufferAfterMinutes(), 0);
        t.reminderMinutesBefore = r.reminderMinutesBefore() == null ? new int[0]
                : r.reminderMinutesBefore().stream().mapToInt(Integer::intValue).sorted().toArray();
        t.updatedAt = Instant.now();
    }

    private static int orDefault(Integer value, int otherwise) {
        return value == null ? otherwise : value;
    }

    /** 128 random bits, URL-safe: the public pages' handle cannot be guessed or enumerated. */
    static String newPublicBookingId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
