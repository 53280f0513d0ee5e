package org.spinnoise.report.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What {@code /api/state} answers: one JSON object holding the command that serves the dashboard ({@code source}),
 * the time, and one member per section ({@code run}, {@code runs}, {@code pool}, {@code service}), each read from
 * its supplier on every request. A section that fails becomes {@code {"error": "..."}} so the others still show.
 */
public final class DashboardState implements Supplier<JsonNode> {
    private final String source;
    private final Map<String, Supplier<? extends JsonNode>> sections = new LinkedHashMap<>();

    /** @param source what serves the dashboard, in a few words (e.g. "spinnoise acquire") */
    public DashboardState(String source) {
        this.source = source;
    }

    /** Adds (or replaces) a section; returns this. */
    public synchronized DashboardState with(String name, Supplier<? extends JsonNode> section) {
        sections.put(name, section);
        return this;
    }

    @Override
    public synchronized JsonNode get() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("source", source).put("time", Instant.now().toString());
        for (Map.Entry<String, Supplier<? extends JsonNode>> s : sections.entrySet()) {
            try {
                JsonNode value = s.getValue().get();
                n.set(s.getKey(), value == null ? JsonNodeFactory.instance.nullNode() : value);
            } catch (RuntimeException e) {
                n.putObject(s.getKey()).put("error", String.valueOf(e.getMessage()));
            }
        }
        return n;
    }
}
