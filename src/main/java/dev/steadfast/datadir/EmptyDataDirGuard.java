package dev.steadfast.datadir;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;

/**
 * Refuses an empty {@code steadfast.data-dir} (typically {@code STEADFAST_DATA_DIR=""}) while the
 * configuration is read, before anything else looks at it. SmallRye Config treats an empty value as
 * missing, so without this the boot would stop with a generic "defined as the empty String" error
 * that does not say why an empty data directory is dangerous. {@link DataDirectory} still checks
 * blank and padded values once the value is known.
 */
public class EmptyDataDirGuard implements ConfigSourceInterceptor {

    static final String PROPERTY = "steadfast.data-dir";

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        ConfigValue value = context.proceed(name);
        if (PROPERTY.equals(name) && value != null && value.getValue() != null && value.getValue().isBlank()) {
            String source = value.getConfigSourceName();
            throw new IllegalStateException(DataDirectory.emptyValueMessage(source != null && source.startsWith("EnvConfigSource")
                    ? "environment variable STEADFAST_DATA_DIR" : PROPERTY + " (from " + source + ")"));
        }
        return value;
    }
}
