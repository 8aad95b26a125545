package dev.kaigi.scheduling.meetingtype;

/**
 * A pool host's place in the fair choice (AVL-05): their target share of the pool's meetings is
 * {@code weight} over the sum of the pool's weights; {@code priority} (higher first) decides only
 * between hosts the weights leave tied.
 */
public record PoolShare(int weight, int priority) {

    public static final int MIN_WEIGHT = 1;
    public static final int MAX_WEIGHT = 100;
    public static final int MIN_PRIORITY = -100;
    public static final int MAX_PRIORITY = 100;

    /** What a host added to a pool without a weight or priority gets. */
    public static final PoolShare DEFAULT = new PoolShare(1, 0);
}
