package dev.switchboard.packaging;

import java.util.List;
import java.util.Map;

/** A parsed YAML node navigated by dotted paths ("spec.template.spec"), for readable assertions. */
record Node(Object node) {

    Object at(String path) {
        Object current = node;
        for (String key : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                throw new AssertionError("no '" + path + "': '" + key + "' is not under a mapping");
            }
            current = map.get(key);
        }
        return current;
    }

    boolean has(String path) {
        try {
            return at(path) != null;
        } catch (AssertionError e) {
            return false;
        }
    }

    Node get(String path) {
        Object value = at(path);
        if (value == null) {
            throw new AssertionError("no '" + path + "' in " + node);
        }
        return new Node(value);
    }

    String string(String path) {
        Object value = at(path);
        return value == null ? null : value.toString();
    }

    int integer(String path) {
        Object value = at(path);
        if (!(value instanceof Integer i)) {
            throw new AssertionError("'" + path + "' is not an integer: " + value);
        }
        return i;
    }

    List<Node> list(String path) {
        Object value = at(path);
        if (!(value instanceof List<?> items)) {
            throw new AssertionError("'" + path + "' is not a list: " + value);
        }
        return items.stream().map(Node::new).toList();
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> map() {
        return (Map<String, Object>) node;
    }
}
