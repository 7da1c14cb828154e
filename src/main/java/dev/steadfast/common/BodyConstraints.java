package dev.steadfast.common;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Checks a JSON request body against the Bean Validation constraints declared on its record: the
 * annotations stay the one declaration of each rule, enforced here and shown by the OpenAPI
 * document, which reads them at build time.
 *
 * <p>Why not Hibernate Validator: it builds the metadata of every constrained class and loads its
 * built-in validators when the application starts, whether or not a request ever comes. For the
 * service's sixteen request records that was 650 ms of every boot on the benchmark machine, a third
 * of Steadfast's boot over the reference's (docs/performance.md). The rules are built here on a
 * record's first request instead, and a request pays a few accessor calls.
 *
 * <p>Only the constraints the service uses are known, each with the meaning Bean Validation gives
 * it, except that {@code @Size} counts characters ({@link SizeInCharacters}) and {@code @Email}
 * follows {@link EmailAddresses}. A constraint of any other kind on a body is refused when its rules
 * are built ({@code BodyConstraintsTest} builds every request record's), never left unchecked.
 */
public final class BodyConstraints {

    public static final String BODY_REQUIRED = "a JSON body is required";

    private static final Set<Class<? extends Annotation>> KNOWN = Set.of(NotNull.class, NotBlank.class,
            Size.class, Pattern.class, Pattern.List.class, Min.class, Max.class, Positive.class, Email.class,
            AssertTrue.class);

    private static final ClassValue<List<Rule>> RULES = new ClassValue<>() {
        @Override
        protected List<Rule> computeValue(Class<?> type) {
            return rulesOf(type);
        }
    };

    private BodyConstraints() {
    }

    /**
     * The body, if it is present and keeps every constraint; otherwise a 400 problem naming each
     * invalid field with all its messages (in a fixed order, so a client gets the same text for the
     * same body).
     */
    public static <T> T check(T body) {
        return check(body, ignored -> Map.of());
    }

    /**
     * As {@link #check(Object)}, with the errors of a rule that is not an annotation (one that is
     * configurable, such as the password policy) in the same answer: a client fixing its request
     * learns of every mistake at once. {@code alsoInvalid} gets the body only when it is present.
     */
    public static <T> T check(T body, Function<T, Map<String, String>> alsoInvalid) {
        if (body == null) {
            throw ProblemException.invalid("request", BODY_REQUIRED);
        }
        Map<String, TreeSet<String>> messages = null;
        for (Rule rule : RULES.get(body.getClass())) {
            if (!rule.test(body)) {
                if (messages == null) {
                    messages = new TreeMap<>();
                }
                messages.computeIfAbsent(rule.property(), property -> new TreeSet<>()).add(rule.message());
            }
        }
        for (Map.Entry<String, String> error : alsoInvalid.apply(body).entrySet()) {
            if (messages == null) {
                messages = new TreeMap<>();
            }
            messages.computeIfAbsent(error.getKey(), property -> new TreeSet<>()).add(error.getValue());
        }
        if (messages != null) {
            Map<String, String> errors = new TreeMap<>();
            messages.forEach((property, texts) -> errors.put(property, String.join("; ", texts)));
            throw new ProblemException(Problem.of(400, "validation", "Invalid request",
                    "The request has invalid fields.").withErrors(errors));
        }
        return body;
    }

    /** The rules of a record: one per constraint on a component, or on a public boolean method. */
    static List<Rule> rulesOf(Class<?> type) {
        if (!type.isRecord()) {
            throw new IllegalStateException(type.getName() + " is not a record: request bodies are records");
        }
        List<Rule> rules = new ArrayList<>();
        // A component's constraints land on its field (and accessor). Fields rather than the
        // record-component API: what a native image keeps of a class registered for reflection.
        for (Field field : type.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers())) {
                continue;
            }
            Method accessor;
            try {
                accessor = type.getMethod(field.getName());
            } catch (NoSuchMethodException e) {
                throw unsupported(type, field.getName(), "a record component without its accessor");
            }
            for (Annotation constraint : field.getAnnotations()) {
                rules.addAll(rulesFor(constraint, field.getName(), accessor));
            }
        }
        Method[] methods = type.getDeclaredMethods();
        Arrays.sort(methods, Comparator.comparing(Method::getName)); // the JVM returns them in no fixed order
        for (Method method : methods) {
            AssertTrue check = method.getAnnotation(AssertTrue.class);
            if (check != null) {
                if (method.getParameterCount() != 0 || method.getReturnType() != boolean.class
                        || !Modifier.isPublic(method.getModifiers()) || !method.getName().startsWith("is")) {
                    throw unsupported(type, method.getName(), "@AssertTrue belongs on a public boolean isX() method");
                }
                String property = Character.toLowerCase(method.getName().charAt(2)) + method.getName().substring(3);
                rules.add(new Rule(property, check.message(), accessorOf(method), value -> Boolean.TRUE.equals(value)));
            }
        }
        return List.copyOf(rules);
    }

    private static List<Rule> rulesFor(Annotation constraint, String property, Method accessor) {
        Class<?> valueType = accessor.getReturnType();
        Accessor read = accessorOf(accessor);
        if (constraint instanceof NotNull notNull) {
            return List.of(new Rule(property, notNull.message(), read, value -> value != null));
        }
        if (constraint instanceof NotBlank notBlank) {
            requireText(valueType, constraint, accessor, property);
            return List.of(new Rule(property, notBlank.message(), read,
                    value -> value != null && !value.toString().isBlank()));
        }
        if (constraint instanceof Size size) {
            requireText(valueType, constraint, accessor, property);
            return List.of(new Rule(property, size.message(), read,
                    value -> value == null || SizeInCharacters.fits((CharSequence) value, size.min(), size.max())));
        }
        if (constraint instanceof Pattern pattern) {
            return List.of(patternRule(pattern, property, accessor, read));
        }
        if (constraint instanceof Pattern.List patterns) {
            return Arrays.stream(patterns.value()).map(pattern -> patternRule(pattern, property, accessor, read)).toList();
        }
        if (constraint instanceof Min min) {
            requireWholeNumber(valueType, constraint, accessor, property);
            return List.of(new Rule(property, min.message(), read,
                    value -> value == null || ((Number) value).longValue() >= min.value()));
        }
        if (constraint instanceof Max max) {
            requireWholeNumber(valueType, constraint, accessor, property);
            return List.of(new Rule(property, max.message(), read,
                    value -> value == null || ((Number) value).longValue() <= max.value()));
        }
        if (constraint instanceof Positive positive) {
            requireWholeNumber(valueType, constraint, accessor, property);
            return List.of(new Rule(property, positive.message(), read,
                    value -> value == null || ((Number) value).longValue() > 0));
        }
        if (constraint instanceof Email email) {
            requireText(valueType, constraint, accessor, property);
            return List.of(new Rule(property, email.message(), read,
                    value -> value == null || EmailAddresses.isValid(value.toString())));
        }
        if (isConstraint(constraint)) {
            throw unsupported(accessor.getDeclaringClass(), property,
                    "@" + constraint.annotationType().getSimpleName() + " is not one of the constraints BodyConstraints checks");
        }
        return List.of(); // not a constraint: @Schema and the like
    }

    private static Rule patternRule(Pattern pattern, String property, Method accessor, Accessor read) {
        requireText(accessor.getReturnType(), pattern, accessor, property);
        if (pattern.flags().length > 0) {
            throw unsupported(accessor.getDeclaringClass(), property, "@Pattern flags are not supported: put them in the expression");
        }
        java.util.regex.Pattern compiled = java.util.regex.Pattern.compile(pattern.regexp());
        Predicate<Object> matches = value -> value == null || compiled.matcher((CharSequence) value).matches();
        return new Rule(property, pattern.message(), read, matches);
    }

    /** Whether the annotation is a Bean Validation constraint, built in or of its own kind. */
    private static boolean isConstraint(Annotation annotation) {
        Class<? extends Annotation> kind = annotation.annotationType();
        return KNOWN.contains(kind) || kind.getName().startsWith("jakarta.validation.")
                || kind.isAnnotationPresent(jakarta.validation.Constraint.class);
    }

    private static void requireText(Class<?> valueType, Annotation constraint, Method accessor, String property) {
        if (!CharSequence.class.isAssignableFrom(valueType)) {
            throw unsupported(accessor.getDeclaringClass(), property,
                    "@" + constraint.annotationType().getSimpleName() + " is checked on text only");
        }
    }

    private static void requireWholeNumber(Class<?> valueType, Annotation constraint, Method accessor, String property) {
        if (valueType != Integer.class && valueType != Long.class && valueType != int.class && valueType != long.class) {
            throw unsupported(accessor.getDeclaringClass(), property,
                    "@" + constraint.annotationType().getSimpleName() + " is checked on whole numbers (int, long) only");
        }
    }

    private static IllegalStateException unsupported(Class<?> type, String property, String why) {
        return new IllegalStateException(type.getName() + "." + property + ": " + why);
    }

    private static Accessor accessorOf(Method method) {
        return body -> {
            try {
                return method.invoke(body);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot read " + method, e);
            } catch (InvocationTargetException e) {
                throw new IllegalStateException("reading " + method + " failed", e.getCause());
            }
        };
    }

    @FunctionalInterface
    interface Accessor {
        Object read(Object body);
    }

    /** One constraint on one property: {@code valid} sees the property's value. */
    record Rule(String property, String message, Accessor accessor, Predicate<Object> valid) {

        boolean test(Object body) {
            return valid.test(accessor.read(body));
        }
    }
}
