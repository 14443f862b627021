package dev.switchboard.support.fuzz;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A value-based text form of decoded messages: records component by component, byte arrays as hex.
 * Records with {@code byte[]} components compare arrays by identity, so equality of decoded messages is
 * checked on this form instead.
 */
public final class Canonical {

    private Canonical() {
    }

    public static String of(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof byte[] bytes) {
            return "0x" + HexFormat.of().formatHex(bytes);
        }
        if (value instanceof Collection<?> items) {
            return items.stream().map(Canonical::of).collect(Collectors.joining(", ", "[", "]"));
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(e -> of(e.getKey()) + "=" + of(e.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        Class<?> type = value.getClass();
        if (!type.isRecord()) {
            return String.valueOf(value);
        }
        StringBuilder sb = new StringBuilder(type.getSimpleName()).append('(');
        RecordComponent[] components = type.getRecordComponents();
        for (int i = 0; i < components.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(components[i].getName()).append('=').append(of(read(components[i], value)));
        }
        return sb.append(')').toString();
    }

    private static Object read(RecordComponent component, Object record) {
        try {
            var accessor = component.getAccessor();
            accessor.setAccessible(true);
            return accessor.invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component, e);
        }
    }
}
