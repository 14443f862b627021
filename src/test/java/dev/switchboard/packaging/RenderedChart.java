package dev.switchboard.packaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The manifests of one {@code helm template} run, parsed into plain maps. */
final class RenderedChart {

    private final List<Map<String, Object>> manifests;

    private RenderedChart(List<Map<String, Object>> manifests) {
        this.manifests = manifests;
    }

    @SuppressWarnings("unchecked")
    static RenderedChart parse(String output) {
        var manifests = new ArrayList<Map<String, Object>>();
        for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(output)) {
            // "---" followed only by a "# Source:" comment yields an empty document.
            if (document != null) {
                manifests.add((Map<String, Object>) document);
            }
        }
        return new RenderedChart(List.copyOf(manifests));
    }

    List<Map<String, Object>> all() {
        return manifests;
    }

    List<Node> ofKind(String kind) {
        return manifests.stream().filter(m -> kind.equals(m.get("kind"))).map(Node::new).toList();
    }

    Optional<Node> find(String kind, String name) {
        return ofKind(kind).stream().filter(m -> name.equals(m.string("metadata.name"))).findFirst();
    }

    Node get(String kind, String name) {
        return find(kind, name).orElseThrow(() -> new AssertionError("no " + kind + " named " + name
                + " in " + manifests.stream().map(m -> m.get("kind") + "/" + new Node(m).string("metadata.name"))
                        .toList()));
    }

    Node deployment() {
        var deployments = ofKind("Deployment");
        if (deployments.size() != 1) {
            throw new AssertionError("expected one Deployment, found " + deployments.size());
        }
        return deployments.get(0);
    }

    Node container() {
        return deployment().list("spec.template.spec.containers").get(0);
    }
}
