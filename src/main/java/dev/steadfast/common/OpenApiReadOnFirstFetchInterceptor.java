package dev.steadfast.common;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import org.jboss.logging.Logger;

import java.util.HashMap;
import java.util.Map;

/**
 * Moves the reading of the OpenAPI document out of the boot. Quarkus reads the document it built
 * back into a model at every start, whatever the application, through a YAML parser: for our 52
 * operations that is about half a second of a 2-core machine's boot spent before the service can
 * be ready, for a document only people and tools fetch. This interceptor lets that call return at
 * once and makes it, unchanged, on the first fetch of the document (which then takes that much
 * longer; {@link OpenApiReadOffTheEventLoop} keeps it off the event loop). What the document says
 * is untouched; {@code OpenApiTest} reads it, and {@code OpenApiDocumentIT} checks the deferral.
 *
 * <p>Bound by {@link OpenApiReadOnFirstFetchBinding} to Quarkus's document service, an
 * application-scoped bean, so there is one instance of this interceptor for the one service.
 * Quarkus reads each configured document with its own call: each is held under its name.
 */
@OpenApiReadOnFirstFetch
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class OpenApiReadOnFirstFetchInterceptor {

    private static final Logger LOG = Logger.getLogger(OpenApiReadOnFirstFetchInterceptor.class);
    /** Position of the document's name in both intercepted methods' parameters. */
    private static final int READ_NAME = 2;
    private static final int FETCH_NAME = 0;

    /** The startup's reads not made yet, by document name. */
    private final Map<String, InvocationContext> heldReads = new HashMap<>();
    /** Reads that failed, by document name: answered with the failure, not made again at every fetch. */
    private final Map<String, Exception> failedReads = new HashMap<>();

    @AroundInvoke
    Object readOnFirstFetch(InvocationContext call) throws Exception {
        if (call.getMethod().getName().equals(OpenApiReadOnFirstFetchBinding.READ)) {
            synchronized (this) {
                heldReads.put((String) call.getParameters()[READ_NAME], call);
            }
            return null;
        }
        readIfNotYet((String) call.getParameters()[FETCH_NAME]);
        return call.proceed();
    }

    private synchronized void readIfNotYet(String document) {
        Exception failed = failedReads.get(document);
        if (failed != null) {
            throw new IllegalStateException("The OpenAPI document could not be read", failed);
        }
        InvocationContext read = heldReads.remove(document);
        if (read == null) {
            return;
        }
        try {
            read.proceed();
        } catch (Exception e) {
            failedReads.put(document, e);
            LOG.errorf(e, "The OpenAPI document %s could not be read: /q/openapi answers 500 until a restart", document);
            throw new IllegalStateException("The OpenAPI document could not be read", e);
        }
    }
}
