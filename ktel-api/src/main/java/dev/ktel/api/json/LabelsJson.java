package dev.ktel.api.json;

import dev.ktel.core.json.JsonWriter;
import dev.ktel.store.api.Labels;

/** A label set as a JSON object, names in label order: {@code {"__name__":"up","job":"node"}}. */
public final class LabelsJson {
    private LabelsJson() {
    }

    public static void write(JsonWriter w, Labels labels) {
        w.beginObject();
        for (int i = 0; i < labels.size(); i++) {
            w.field(labels.name(i), labels.value(i));
        }
        w.endObject();
    }
}
