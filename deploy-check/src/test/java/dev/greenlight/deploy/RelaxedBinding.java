package dev.greenlight.deploy;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.support.SpringApplicationJsonEnvironmentPostProcessor;

/**
 * Environment variables as Spring Boot binds them to a {@code @ConfigurationProperties} record: the real
 * binder over an environment holding only the given variables (plus SPRING_APPLICATION_JSON, expanded as Boot
 * does), and a walk over the record's components that says which property a variable name lands on under
 * Spring's relaxed rules (underscores between words or none, map keys and list indexes as their own segment).
 */
final class RelaxedBinding {

    private RelaxedBinding() {
    }

    /** Binds {@code prefix} to {@code type} from these environment variables and, if given, a classpath properties file. */
    static <T> T bind(Map<String, String> variables, String prefix, Class<T> type, String classpathProperties) {
        StandardEnvironment environment = new StandardEnvironment();
        MutablePropertySources sources = environment.getPropertySources();
        sources.remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        sources.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.copyOf(variables)));
        new SpringApplicationJsonEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
        if (classpathProperties != null) {
            try {
                sources.addLast(new ResourcePropertySource(new ClassPathResource(classpathProperties, type.getClassLoader())));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return Binder.get(environment).bindOrCreate(prefix, type);
    }

    /**
     * The value the bound object holds at the property an environment variable names, if the name (after the
     * prefix, e.g. GREENLIGHT_) reaches a property of the record; empty if it names nothing.
     */
    static Optional<Object> valueAt(Object bound, Class<?> type, String variable, String prefix) {
        String upper = prefix.toUpperCase(Locale.ROOT) + "_";
        if (!variable.startsWith(upper)) {
            return Optional.empty();
        }
        return walk(bound, type, List.of(variable.substring(upper.length()).split("_")));
    }

    private static Optional<Object> walk(Object value, Type type, List<String> tokens) {
        Class<?> raw = raw(type);
        if (tokens.isEmpty()) {
            return leaf(raw) ? Optional.of(value == null ? NULL : value) : Optional.empty();
        }
        if (raw.isRecord()) {
            for (RecordComponent component : raw.getRecordComponents()) {
                for (List<String> name : names(component.getName())) {
                    if (tokens.size() >= name.size() && tokens.subList(0, name.size()).equals(name)) {
                        Object child = value == null ? null : get(component, value);
                        Optional<Object> found = walk(child, component.getGenericType(), tokens.subList(name.size(), tokens.size()));
                        if (found.isPresent()) {
                            return found;
                        }
                    }
                }
            }
            return Optional.empty();
        }
        if (Map.class.isAssignableFrom(raw)) {
            Type element = ((ParameterizedType) type).getActualTypeArguments()[1];
            Map<?, ?> map = value == null ? Map.of() : (Map<?, ?>) value;
            Object child = map.entrySet().stream().filter(e -> e.getKey().toString().equalsIgnoreCase(tokens.get(0)))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
            return walk(child, element, tokens.subList(1, tokens.size()));
        }
        if (List.class.isAssignableFrom(raw) && tokens.get(0).matches("\\d+")) {
            Type element = ((ParameterizedType) type).getActualTypeArguments()[0];
            List<?> list = value == null ? List.of() : (List<?>) value;
            int index = Integer.parseInt(tokens.get(0));
            return walk(index < list.size() ? list.get(index) : null, element, tokens.subList(1, tokens.size()));
        }
        return Optional.empty();
    }

    /** Marks a property that exists but holds null. */
    static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    /** A component's name as environment variable tokens: TARGET_GROUP_ARN, or TARGETGROUPARN. */
    private static List<List<String>> names(String component) {
        List<String> words = new ArrayList<>();
        for (String word : component.split("(?=[A-Z])")) {
            words.add(word.toUpperCase(Locale.ROOT));
        }
        return words.size() == 1 ? List.of(words) : List.of(words, List.of(String.join("", words)));
    }

    private static boolean leaf(Class<?> raw) {
        return raw.isPrimitive() || raw.isEnum() || Number.class.isAssignableFrom(raw) || raw == String.class
                || raw == Boolean.class || raw == java.net.URI.class || raw == java.nio.file.Path.class
                || List.class.isAssignableFrom(raw);
    }

    private static Class<?> raw(Type type) {
        return type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
    }

    private static Object get(RecordComponent component, Object value) {
        try {
            return component.getAccessor().invoke(value);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A bound value as its environment variable would spell it: lists joined by commas. */
    static String asVariable(Object value) {
        if (value instanceof List<?> list) {
            return String.join(",", list.stream().map(String::valueOf).toList());
        }
        if (value instanceof Object[] array) {
            return String.join(",", Arrays.stream(array).map(String::valueOf).toList());
        }
        return String.valueOf(value);
    }
}
