package dev.steadfast.common;

import io.quarkus.arc.Arc;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.MatrixParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import org.junit.jupiter.api.Test;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every JSON body an operation reads gets each constraint declared on it checked: its record's
 * rules build (no constraint BodyConstraints does not know) and there is one per declared constraint.
 */
@QuarkusTest
class RequestBodyConstraintsTest {

    private static final Set<Class<? extends Annotation>> NOT_A_BODY = Set.of(PathParam.class, QueryParam.class,
            HeaderParam.class, CookieParam.class, MatrixParam.class, FormParam.class, BeanParam.class, Context.class);

    @Test
    void shouldCheckEveryConstraintOfEveryRequestBody() throws NoSuchFieldException {
        List<Class<?>> bodies = Arc.container().beanManager().getBeans(Object.class, Any.Literal.INSTANCE).stream()
                .<Class<?>>map(Bean::getBeanClass).filter(type -> type.isAnnotationPresent(Path.class))
                .filter(type -> type.getPackageName().startsWith("dev.steadfast")).distinct()
                .flatMap(type -> Arrays.stream(type.getMethods()))
                .filter(method -> method.isAnnotationPresent(JsonBody.class))
                .flatMap(method -> Arrays.stream(method.getParameters()))
                .filter(RequestBodyConstraintsTest::isBody)
                .<Class<?>>map(Parameter::getType).distinct().toList();
        assertTrue(bodies.size() >= 12, "found only " + bodies);
        for (Class<?> body : bodies) {
            assertTrue(body.isRecord(), body.getSimpleName() + " is not a record");
            assertTrue(body.isAnnotationPresent(RegisterForReflection.class),
                    body.getSimpleName() + " needs @RegisterForReflection for BodyConstraints in a native image");
            assertEquals(declaredConstraints(body), BodyConstraints.rulesOf(body).size(), body.getSimpleName());
        }
    }

    private static boolean isBody(Parameter parameter) {
        return Arrays.stream(parameter.getAnnotations()).noneMatch(a -> NOT_A_BODY.contains(a.annotationType()))
                && parameter.getType().getPackageName().startsWith("dev.steadfast");
    }

    /** Counted on the record's fields, where the components' constraints also land. */
    private static int declaredConstraints(Class<?> record) throws NoSuchFieldException {
        int count = 0;
        for (RecordComponent component : record.getRecordComponents()) {
            for (Annotation annotation : record.getDeclaredField(component.getName()).getAnnotations()) {
                if (annotation instanceof Pattern.List patterns) {
                    count += patterns.value().length;
                } else if (annotation.annotationType().getPackageName().equals("jakarta.validation.constraints")) {
                    count++;
                }
            }
        }
        for (Method method : record.getDeclaredMethods()) {
            if (method.isAnnotationPresent(AssertTrue.class)) {
                count++;
            }
        }
        return count;
    }
}
