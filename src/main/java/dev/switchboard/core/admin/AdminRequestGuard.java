package dev.switchboard.core.admin;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.OperationType;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.invoke.MissingParametersException;
import org.springframework.boot.actuate.endpoint.invoke.OperationInvoker;
import org.springframework.boot.actuate.endpoint.invoke.OperationInvokerAdvisor;
import org.springframework.boot.actuate.endpoint.invoke.OperationParameter;
import org.springframework.boot.actuate.endpoint.invoke.OperationParameters;
import org.springframework.boot.actuate.endpoint.invoke.ParameterMappingException;

/**
 * Makes every Actuator operation strict about its input, before the operation runs: a body field or
 * query parameter the operation does not take, a value of the wrong type in a write, a missing
 * field, or a value that cannot be converted is refused with a 400 JSON {@link AuditLog.AdminError}
 * naming the field (Actuator itself ignores unknown fields and answers type errors with a bare 400).
 * A read that finds nothing gets a JSON 404 body rather than an empty one. Refused writes are audited
 * like any other, and so are writes to Spring's own {@code loggers} endpoint, which do not go through
 * {@link AuditLog#run}.
 */
public final class AdminRequestGuard implements OperationInvokerAdvisor {

    private static final String LOGGERS = "loggers";
    private static final Pattern WHOLE_NUMBER = Pattern.compile("-?\\d{1,18}");

    private final AuditLog audit;
    private final Map<String, Map<String, String>> hints;

    public AdminRequestGuard(AuditLog audit, List<AdminFieldHint> hints) {
        this.audit = audit;
        this.hints = hints.stream().collect(Collectors.groupingBy(AdminFieldHint::endpoint,
                Collectors.toMap(AdminFieldHint::field, AdminFieldHint::hint)));
    }

    @Override
    public OperationInvoker apply(EndpointId endpointId, OperationType operationType, OperationParameters parameters,
            OperationInvoker invoker) {
        Map<String, OperationParameter> accepted = new LinkedHashMap<>();
        parameters.stream().forEach(p -> accepted.put(p.getName(), p));
        String endpoint = endpointId.toString();
        boolean write = operationType != OperationType.READ;
        return context -> {
            AuditLog.AdminError refusal = check(endpoint, operationType, accepted, context.getArguments());
            if (refusal == null) {
                try {
                    Object result = invoker.invoke(context);
                    if (result == null && !write) {
                        // Actuator answers a read that found nothing with an empty 404; give it a body.
                        return new AuditLog.AdminError(404, "nothing at /actuator/" + endpoint
                                + selectors(accepted, context.getArguments())).response();
                    }
                    if (endpoint.equals(LOGGERS) && write) {
                        audit.record("loggers." + operationType.name().toLowerCase(Locale.ROOT),
                                String.valueOf(context.getArguments().get("name")),
                                "ok configuredLevel=" + context.getArguments().get("configuredLevel"));
                    }
                    return result;
                } catch (MissingParametersException e) {
                    String field = e.getMissingParameters().iterator().next().getName();
                    refusal = new AuditLog.AdminError(400, "missing field " + field, field);
                } catch (ParameterMappingException e) {
                    String field = e.getParameter().getName();
                    refusal = new AuditLog.AdminError(400, "field " + field + ": cannot read " + e.getValue()
                            + " as " + describe(e.getParameter().getType()), field);
                }
            }
            if (write) {
                audit.record(endpoint + "." + operationType.name().toLowerCase(Locale.ROOT),
                        String.valueOf(context.getArguments()), "rejected: " + refusal.error());
            }
            return refusal.response();
        };
    }

    private static String selectors(Map<String, OperationParameter> accepted, Map<String, Object> arguments) {
        StringBuilder path = new StringBuilder();
        for (OperationParameter parameter : accepted.values()) {
            if (parameter.getAnnotation(Selector.class) != null) {
                Object value = arguments.get(parameter.getName());
                path.append('/').append(value instanceof Object[] parts ? String.join("/",
                        Arrays.stream(parts).map(String::valueOf).toList()) : String.valueOf(value));
            }
        }
        return path.toString();
    }

    private AuditLog.AdminError check(String endpoint, OperationType type, Map<String, OperationParameter> accepted,
            Map<String, Object> arguments) {
        for (Map.Entry<String, Object> argument : arguments.entrySet()) {
            String field = argument.getKey();
            OperationParameter parameter = accepted.get(field);
            if (parameter == null) {
                return new AuditLog.AdminError(400, unknown(endpoint, field, accepted), field);
            }
            // Only writes carry JSON bodies; reads and deletes take strings from the URL and convert them.
            if (type == OperationType.WRITE && argument.getValue() != null
                    && !fits(parameter.getType(), argument.getValue())) {
                return new AuditLog.AdminError(400, "field " + field + " must be " + describe(parameter.getType())
                        + ", not " + argument.getValue(), field);
            }
        }
        return null;
    }

    private String unknown(String endpoint, String field, Map<String, OperationParameter> accepted) {
        String hint = hints.getOrDefault(endpoint, Map.of()).get(field);
        if (hint != null) {
            return "unknown field " + field + " for /actuator/" + endpoint + ": " + hint;
        }
        return "unknown field " + field + " for /actuator/" + endpoint
                + (accepted.isEmpty() ? " (it takes none)" : " (accepted: " + String.join(", ", accepted.keySet()) + ")");
    }

    /**
     * Actuator hands write bodies over as strings ({@code 1} and {@code true} arrive as text), and its
     * conversion would read {@code "yes"}, {@code "on"} or {@code 6.7} as a boolean or number; so the
     * text itself is checked against what JSON allows for the parameter's type.
     */
    private static boolean fits(Class<?> type, Object value) {
        String text = String.valueOf(value);
        if (type == Boolean.class || type == boolean.class) {
            return text.equals("true") || text.equals("false");
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return WHOLE_NUMBER.matcher(text).matches();
        }
        return true;
    }

    private static String describe(Class<?> type) {
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.toString(type.getEnumConstants());
        }
        return "a " + type.getSimpleName();
    }
}
