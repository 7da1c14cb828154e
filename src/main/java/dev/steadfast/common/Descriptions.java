package dev.steadfast.common;

/**
 * Free-text descriptions (projects, tasks, change requests): an empty one is no description, stored
 * as null. Otherwise {@code ""} and "none" were two values, and clearing a description that was
 * never set changed the resource and moved its {@code updatedAt}.
 */
public final class Descriptions {

    private Descriptions() {
    }

    /** The description to store: null for none or an empty one, the text as given otherwise. */
    public static String stored(String description) {
        return description == null || description.isEmpty() ? null : description;
    }
}
