package dev.steadfast.common;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * Moves the reading of the OpenAPI document out of the boot. Quarkus reads the document it built
 * back into a model at every start, whatever the application, through a YAML parser: for our 52
 * operations that is about 0.4 s of a 2-core machine's boot spent before the service can be ready,
 * for a document only people and tools fetch. This interceptor lets that call return at once and
 * makes it, unchanged, on the first fetch of {@code /q/openapi} (which then takes about 0.4 s
 * longer). What the document says is untouched; {@code OpenApiTest} reads it.
 *
 * <p>Bound by {@link OpenApiReadOnFirstFetchBinding} to Quarkus's document service, an
 * application-scoped bean, so there is one instance of this interceptor for the one service.
 */
@OpenApiReadOnFirstFetch
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_AFTER)
public class OpenApiReadOnFirstFetchInterceptor {

    /** The startup's read, held until the first fetch; null once made. */
    private InvocationContext deferredRead;

    @AroundInvoke
    Object readOnFirstFetch(InvocationContext call) throws Exception {
        if (call.getMethod().getName().equals(OpenApiReadOnFirstFetchBinding.READ)) {
            synchronized (this) {
                deferredRead = call;
            }
            return null;
        }
        readIfNotYet();
        return call.proceed();
    }

    private synchronized void readIfNotYet() throws Exception {
        if (deferredRead != null) {
            deferredRead.proceed();
            deferredRead = null;
        }
    }
}
