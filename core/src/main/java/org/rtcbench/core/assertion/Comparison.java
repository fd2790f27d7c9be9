package org.rtcbench.core.assertion;

/** The comparison operators assertions accept. */
public enum Comparison {
    GE(">="), GT(">"), LE("<="), LT("<"), EQ("=="), NE("!=");

    private final String symbol;

    Comparison(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    public boolean test(double measured, double expected) {
        return switch (this) {
            case GE -> measured >= expected;
            case GT -> measured > expected;
            case LE -> measured <= expected;
            case LT -> measured < expected;
            case EQ -> measured == expected;
            case NE -> measured != expected;
        };
    }

    public static Comparison of(String symbol) {
        for (Comparison c : values()) {
            if (c.symbol.equals(symbol)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown operator '" + symbol + "' (allowed: >=, >, <=, <, ==, !=)");
    }
}
