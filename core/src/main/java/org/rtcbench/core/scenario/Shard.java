package org.rtcbench.core.scenario;

/**
 * The share of a load run's virtual users that one process runs, when one machine is not enough:
 * shard {@code index} of {@code count} runs the users whose place in the run (0-based, in arrival
 * order) is {@code index - 1} modulo {@code count}. Every shard numbers users the same way, so peer
 * names ({@code r1-pub-1}, ...) are distinct across shards and rooms are the same; each shard
 * injects its share over the same ramp, so together they inject the whole load.
 */
public record Shard(int index, int count) {
    /** The whole run in one process. */
    public static final Shard WHOLE = new Shard(1, 1);

    public Shard {
        if (count < 1 || index < 1 || index > count) {
            throw new IllegalArgumentException("a shard is I/N with 1 <= I <= N, got " + index + "/" + count);
        }
    }

    /** Reads {@code I/N}, e.g. {@code 2/4}. */
    public static Shard parse(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\s*(\\d{1,6})\\s*/\\s*(\\d{1,6})\\s*").matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("--shard takes I/N, e.g. 2/4 (the second of four shares), got '" + text + "'");
        }
        return new Shard(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    public boolean whole() {
        return count == 1;
    }

    /** How many of {@code total} users are this shard's. */
    public int users(int total) {
        return total <= index - 1 ? 0 : (total - index) / count + 1;
    }

    /** The place in the whole run of this shard's {@code local}-th user (0-based). */
    public int globalIndex(int local) {
        return index - 1 + local * count;
    }

    /** {@code I/N}. */
    @Override
    public String toString() {
        return index + "/" + count;
    }
}
