package dev.steadfast.common;

import io.quarkus.arc.Arc;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class RouteMethodsTest {

    @Test
    void shouldReadEveryResourceWhichANativeImageCanOnlyDoForThoseRegisteredForReflection() {
        List<Class<?>> resources = Arc.container().beanManager().getBeans(Object.class, Any.Literal.INSTANCE).stream()
                .<Class<?>>map(Bean::getBeanClass).filter(type -> type.isAnnotationPresent(Path.class))
                .filter(type -> type.getPackageName().startsWith("dev.steadfast")).distinct().toList();
        assertFalse(resources.isEmpty());
        for (Class<?> resource : resources) {
            assertTrue(resource.isAnnotationPresent(RegisterForReflection.class),
                    resource.getSimpleName() + " needs @RegisterForReflection for RouteMethods in a native image");
        }
    }

    @Test
    void shouldRegisterEveryBeanParamClassWhoseFieldsKnownQueryParametersReads() {
        List<Class<?>> beanParams = Arc.container().beanManager().getBeans(Object.class, Any.Literal.INSTANCE).stream()
                .<Class<?>>map(Bean::getBeanClass).filter(type -> type.isAnnotationPresent(Path.class))
                .filter(type -> type.getPackageName().startsWith("dev.steadfast"))
                .flatMap(type -> java.util.Arrays.stream(type.getMethods()))
                .flatMap(method -> java.util.Arrays.stream(method.getParameters()))
                .filter(parameter -> parameter.isAnnotationPresent(jakarta.ws.rs.BeanParam.class))
                .<Class<?>>map(java.lang.reflect.Parameter::getType).distinct().toList();
        assertFalse(beanParams.isEmpty());
        for (Class<?> beanParam : beanParams) {
            assertTrue(beanParam.isAnnotationPresent(RegisterForReflection.class),
                    beanParam.getSimpleName() + " needs @RegisterForReflection for KnownQueryParameters in a native image");
        }
    }

    @Test
    void shouldTurnAPathTemplateIntoAPatternOfWholeSegments() {
        var task = RouteMethods.template("/api/projects/{projectId}/tasks//{taskId}/");
        assertTrue(task.matcher("/api/projects/p-1/tasks/7").matches());
        assertTrue(task.matcher("/api/projects/p-1/tasks/7/").matches());
        assertFalse(task.matcher("/api/projects/p-1/tasks/7/versions").matches());
        assertFalse(task.matcher("/api/projects/p/1/tasks/7").matches());
        assertFalse(task.matcher("/api/projects/p-1/tasks/").matches());
        assertTrue(RouteMethods.template("/api/users/").matcher("/api/users").matches());
    }
}
