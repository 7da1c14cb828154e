package dev.steadfast.common;

import java.util.HashMap;
import java.util.Map;

/**
 * The optional equality filters of a list query ({@code ?status=…&taskId=…}): a filter whose value
 * is null is left out, the others are ANDed as named parameters. For example
 * {@code Run.find(f.where(), sort, f.params())} with
 * {@code f = new ListFilters().equal("task.id", taskId).equal("status", status)}.
 */
public final class ListFilters {

    private final StringBuilder where = new StringBuilder("1 = 1");
    private final Map<String, Object> params = new HashMap<>();

    /** Adds {@code path = value} when the value is present. */
    public ListFilters equal(String path, Object value) {
        if (value != null) {
            String name = "p" + params.size();
            where.append(" and ").append(path).append(" = :").append(name);
            params.put(name, value);
        }
        return this;
    }

    /**
     * Adds {@code (path = value or alternative)} when the value is present; {@code alternative} is
     * an HQL condition with one {@code %s} where the value's parameter name goes.
     */
    public ListFilters equalOr(String path, String alternative, Object value) {
        if (value != null) {
            String name = "p" + params.size();
            where.append(" and (").append(path).append(" = :").append(name).append(" or ")
                    .append(alternative.formatted(name)).append(')');
            params.put(name, value);
        }
        return this;
    }

    /** The HQL condition, {@code 1 = 1} when no filter is present. */
    public String where() {
        return where.toString();
    }

    public Map<String, Object> params() {
        return params;
    }
}
