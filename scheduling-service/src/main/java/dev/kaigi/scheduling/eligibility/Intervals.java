package dev.kaigi.scheduling.eligibility;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Times a host is taken (Kaigi bookings with their buffers, calendar busy times), merged and
 * sorted once, so an overlap test is a binary search: availability asks it thousands of times.
 */
public final class Intervals {

    public static final Intervals NONE = new Intervals(new long[0], new long[0]);

    private final long[] starts;
    private final long[] ends;

    private Intervals(long[] starts, long[] ends) {
        this.starts = starts;
        this.ends = ends;
    }

    /** {@code pairs} as [start, end) instants in any order, overlapping or not. */
    public static Intervals of(List<Instant[]> pairs) {
        List<long[]> sorted = new ArrayList<>(pairs.size());
        for (Instant[] p : pairs) {
            if (p[1].isAfter(p[0])) {
                sorted.add(new long[] {p[0].toEpochMilli(), p[1].toEpochMilli()});
            }
        }
        sorted.sort(Comparator.comparingLong(p -> p[0]));
        long[] s = new long[sorted.size()];
        long[] e = new long[sorted.size()];
        int n = 0;
        for (long[] p : sorted) {
            if (n > 0 && p[0] <= e[n - 1]) {
                e[n - 1] = Math.max(e[n - 1], p[1]);
            } else {
                s[n] = p[0];
                e[n] = p[1];
                n++;
            }
        }
        return new Intervals(Arrays.copyOf(s, n), Arrays.copyOf(e, n));
    }

    /** Whether any interval shares time with [from, to). */
    public boolean overlaps(Instant from, Instant to) {
        long f = from.toEpochMilli();
        long t = to.toEpochMilli();
        // merged intervals have increasing ends: find the first ending after f
        int lo = 0;
        int hi = ends.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ends[mid] <= f) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo < starts.length && starts[lo] < t;
    }
}
