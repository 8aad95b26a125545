package dev.kaigi.scheduling.eligibility;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Host profiles kept in memory per organization, each set labelled with the organization's facts
 * version (V5) read before the profiles were: while a caller reads that same version again, no
 * change to them has committed since, in this instance or any other. A booking then skips the
 * reads of hosts, schedules and opportunity counts (about half of its PostgreSQL time).
 * <p>
 * Bounded by {@link #MAX_HOSTS}: past it everything is dropped and read again as needed, which
 * keeps the heap small without bookkeeping on the hot path.
 */
@ApplicationScoped
public class HostFactsCache {

    /** About 1 KB each with a week of rules: a few MB of a 160 MB heap at most. */
    static final int MAX_HOSTS = 5_000;

    private record Organization(long version, Map<UUID, HostProfile> hosts) {
    }

    private final Map<UUID, Organization> organizations = new ConcurrentHashMap<>();
    private final AtomicInteger size = new AtomicInteger();

    /** The profiles of {@code userIds} as of {@code version}; null unless every one is known under it. */
    Map<UUID, HostProfile> get(UUID orgId, long version, List<UUID> userIds) {
        Organization org = organizations.get(orgId);
        if (org == null || org.version != version) {
            return null;
        }
        Map<UUID, HostProfile> found = new HashMap<>(userIds.size() * 2);
        for (UUID id : userIds) {
            HostProfile p = org.hosts.get(id);
            if (p == null) {
                return null;
            }
            found.put(id, p);
        }
        return found;
    }

    /** Keeps {@code profiles}, read after the caller read {@code version} of the organization. */
    void put(UUID orgId, long version, Collection<HostProfile> profiles) {
        if (size.get() + profiles.size() > MAX_HOSTS) {
            organizations.clear();
            size.set(0);
        }
        Organization org = organizations.compute(orgId, (id, known) -> {
            if (known != null && known.version == version) {
                return known;
            }
            if (known != null) {
                size.addAndGet(-known.hosts.size()); // an older version's profiles go
            }
            return new Organization(version, new ConcurrentHashMap<>());
        });
        for (HostProfile p : profiles) {
            if (org.hosts.put(p.userId(), p) == null) {
                size.incrementAndGet();
            }
        }
    }
}
