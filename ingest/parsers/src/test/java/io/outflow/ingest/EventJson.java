package io.outflow.ingest;

import io.outflow.schemas.FlowEvent;
import io.outflow.schemas.json.ContractJson;

/** Events compared as contract JSON against expected text written pretty in the test. */
public final class EventJson {
    private EventJson() {
    }

    /** The contract JSON of an event without its eventId, which is checked on its own. */
    public static String json(FlowEvent event) {
        return ContractJson.toJson(event).replaceFirst("^\\{\"eventId\":\"[0-9a-f]{32}\",", "{");
    }

    /** Pretty-printed expected JSON made compact: whitespace outside strings removed. */
    public static String compact(String pretty) {
        StringBuilder out = new StringBuilder(pretty.length());
        boolean inString = false;
        for (int i = 0; i < pretty.length(); i++) {
            char c = pretty.charAt(i);
            if (c == '"' && (i == 0 || pretty.charAt(i - 1) != '\\')) {
                inString = !inString;
            }
            if (inString || !Character.isWhitespace(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }
}
