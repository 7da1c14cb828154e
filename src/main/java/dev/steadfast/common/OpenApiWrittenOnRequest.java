package dev.steadfast.common;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFilter;

/**
 * Moves the writing of the OpenAPI document out of the boot. Unless a filter runs per request,
 * Quarkus writes the whole document out twice at startup, as JSON and as YAML, before the service
 * can be ready (about a third of a second of the boot's CPU for our 52 operations). With a
 * per-request filter it keeps the model it read and writes the one format asked for when
 * {@code /q/openapi} is fetched, which only people and tools do, never a request on the workflow's
 * path. This filter changes nothing in the document: its presence is the point.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.RUNTIME_PER_REQUEST)
public class OpenApiWrittenOnRequest implements OASFilter {
}
