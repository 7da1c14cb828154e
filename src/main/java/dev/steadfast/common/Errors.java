package dev.steadfast.common;

/** Small helpers for reporting failures in operators' terms. */
public final class Errors {

    private Errors() {
    }

    /** The innermost cause's message: what actually went wrong, without the wrapping layers. */
    public static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
