package dev.kaigi.scheduling.eligibility;

import dev.kaigi.events.user.UserType;
import dev.kaigi.scheduling.host.HostStatus;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Host profiles in memory: only under the version they were read with, only when every host asked is known, bounded. */
class HostFactsCacheTest {

    private static HostProfile profile(UUID id) {
        return new HostProfile(id, HostStatus.ACTIVE, UserType.REGULAR, true, false, false, ZoneId.of("Asia/Tokyo"),
                new WorkRules(Map.of()), null, null, Intervals.NONE);
    }

    @Test
    @DisplayName("a profile is answered under its version only; another version replaces the organization's profiles")
    void versions() {
        HostFactsCache cache = new HostFactsCache();
        UUID org = UUID.randomUUID();
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        cache.put(org, 7, List.of(profile(a), profile(b)));
        assertEquals(2, cache.get(org, 7, List.of(b, a)).size());
        assertNull(cache.get(org, 8, List.of(a)), "the organization changed since");
        assertNull(cache.get(UUID.randomUUID(), 7, List.of(a)), "another organization");

        cache.put(org, 8, List.of(profile(a)));
        assertNotNull(cache.get(org, 8, List.of(a)));
        assertNull(cache.get(org, 8, List.of(a, b)), "b was read under 7 only");
        assertNull(cache.get(org, 7, List.of(a)), "7's profiles are gone");
    }

    @Test
    @DisplayName("a pool with one host never read is read whole again; read, the host joins the others of its version")
    void partialPools() {
        HostFactsCache cache = new HostFactsCache();
        UUID org = UUID.randomUUID();
        UUID a = UUID.randomUUID();
        UUID c = UUID.randomUUID();
        cache.put(org, 1, List.of(profile(a)));
        assertNull(cache.get(org, 1, List.of(a, c)));
        cache.put(org, 1, List.of(profile(c)));
        assertEquals(2, cache.get(org, 1, List.of(a, c)).size());
    }

    @Test
    @DisplayName("past MAX_HOSTS profiles everything is dropped, so the heap stays bounded")
    void bounded() {
        HostFactsCache cache = new HostFactsCache();
        UUID first = UUID.randomUUID();
        UUID early = UUID.randomUUID();
        cache.put(first, 1, List.of(profile(early)));
        for (int n = 0; n < HostFactsCache.MAX_HOSTS / 100; n++) {
            List<HostProfile> pool = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                pool.add(profile(UUID.randomUUID()));
            }
            cache.put(UUID.randomUUID(), 1, pool);
        }
        assertNull(cache.get(first, 1, List.of(early)), "dropped when the bound was passed");
    }
}
