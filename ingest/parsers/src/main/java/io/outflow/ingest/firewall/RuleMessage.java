package io.outflow.ingest.firewall;

import io.outflow.schemas.FlowKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One legacy rule line ({@code properties.msg} of AzureFirewallNetworkRule and AzureFirewallApplicationRule), taken
 * apart: a head {@code <PROTO>[ Type=n] request from <src>[ to <dst>][ was DNAT'ed to <addr>]} and a tail of
 * {@code Label: value} segments (Action, Policy, Rule Collection Group, Rule Collection, Rule, Web Category, Url,
 * Signature, IDS, Priority, Classification, ThreatIntel, Reason) in any order. Text after the action word without a
 * label ("No rule matched. Proceeding with default action", "Failed to resolve address ...") is kept as free text.
 *
 * <p>Tolerates what real messages do: several spaces after the protocol, no trailing period, a double period after
 * the action, empty ports after ':', no destination, values with spaces, commas and dots. Tokens are read greedily
 * up to whitespace, so no input makes the patterns backtrack more than linearly.
 */
record RuleMessage(String protocol, String icmpType, HostPort source, HostPort destination, HostPort translated,
                   Map<String, String> labels, String freeText) {
    static final String ACTION = "Action";
    static final String POLICY = "Policy";
    static final String RULE_COLLECTION_GROUP = "Rule Collection Group";
    static final String RULE_COLLECTION = "Rule Collection";
    static final String RULE = "Rule";
    static final String WEB_CATEGORY = "Web Category";
    static final String URL = "Url";
    static final String SIGNATURE = "Signature";
    static final String IDS = "IDS";
    static final String PRIORITY = "Priority";
    static final String CLASSIFICATION = "Classification";
    static final String THREAT_INTEL = "ThreatIntel";
    static final String REASON = "Reason";

    /** Longer than any message Azure writes; longer text is not one of the known forms. */
    static final int MAX_LENGTH = 8192;

    private static final Pattern HEAD = Pattern.compile(
            "\\s*(?<proto>[A-Za-z][A-Za-z0-9]*)(?:\\s+Type=(?<icmp>\\d+))?\\s+request\\s+from\\s+(?<src>\\S+)"
                    + "(?:\\s+to\\s+(?<dst>\\S+))?(?:\\s+was\\s+DNAT'ed\\s+to\\s+(?<nat>\\S+))?(?<rest>\\s.*)?",
            Pattern.DOTALL);

    // longest labels first, so that "Rule Collection Group" is never read as "Rule"
    private static final Pattern LABEL = Pattern.compile(
            "(?:^\\s*|\\.\\s+)(?<label>Action|Policy|Rule Collection Group|Rule Collection|Rule|Web Category|Url"
                    + "|Signature|IDS|Priority|Classification|ThreatIntel|Reason):(?:\\s+|$)");

    private static final Pattern ACTION_VALUE = Pattern.compile("(?<word>[A-Za-z]+)(?:\\.+\\s*|\\s+|$)(?<more>.*)",
            Pattern.DOTALL);

    /** The parts of the message, or null when it has none of the known forms. */
    static RuleMessage parse(String msg) {
        if (msg == null || msg.length() > MAX_LENGTH) {
            return null;
        }
        Matcher head = HEAD.matcher(msg);
        if (!head.matches()) {
            return null;
        }
        boolean portExpected = head.group("icmp") == null;
        HostPort source = HostPort.parse(withoutTrailingDotsOrSpaces(head.group("src")), portExpected);
        String dst = head.group("dst");
        HostPort destination = dst == null ? null : HostPort.parse(withoutTrailingDotsOrSpaces(dst), portExpected);
        String nat = head.group("nat");
        HostPort translated = nat == null ? null : HostPort.parse(withoutTrailingDotsOrSpaces(nat), true);
        if (source == null || (dst != null && destination == null) || (nat != null && translated == null)) {
            return null;
        }
        String rest = head.group("rest") == null ? "" : head.group("rest");
        Map<String, String> labels = new LinkedHashMap<>();
        String freeText = readTail(rest, labels);
        if (freeText == null) {
            return null;
        }
        if (translated == null && !labels.containsKey(ACTION)) {
            return null; // every rule line but a DNAT line states an action
        }
        return new RuleMessage(head.group("proto"), head.group("icmp"), source, destination, translated,
                Collections.unmodifiableMap(labels), freeText.isEmpty() ? null : freeText);
    }

    /** NAT for a DNAT line, IDPS for a signature, threat intel for a ThreatIntel verdict, else a connection. */
    FlowKind kind() {
        if (translated != null) {
            return FlowKind.nat;
        }
        if (labels.containsKey(SIGNATURE) || labels.containsKey(IDS)) {
            return FlowKind.idps;
        }
        if (labels.containsKey(THREAT_INTEL)) {
            return FlowKind.threat_intel;
        }
        return FlowKind.connection;
    }

    String label(String name) {
        return labels.get(name);
    }

    /** The action word as written ("Allow", "drop"), or null. */
    String action() {
        String value = labels.get(ACTION);
        if (value == null) {
            return null;
        }
        Matcher m = ACTION_VALUE.matcher(value);
        return m.matches() ? m.group("word") : value;
    }

    /**
     * Fills the labels from the tail and returns the free text after the action word ("" when none), or null when
     * text that is not a labelled segment comes before the first label.
     */
    private static String readTail(String rest, Map<String, String> labels) {
        Matcher m = LABEL.matcher(rest);
        List<int[]> spans = new ArrayList<>(); // segment start (its leading period), value start
        List<String> names = new ArrayList<>();
        while (m.find()) {
            spans.add(new int[] {m.start(), m.end()});
            names.add(m.group("label"));
        }
        String leading = spans.isEmpty() ? rest : rest.substring(0, spans.get(0)[0]);
        if (!withoutTrailingDotsOrSpaces(leading.strip()).isEmpty()) {
            return null;
        }
        String freeText = "";
        for (int i = 0; i < spans.size(); i++) {
            int end = i + 1 < spans.size() ? spans.get(i + 1)[0] : rest.length();
            String value = withoutTrailingDotsOrSpaces(rest.substring(spans.get(i)[1], end).strip());
            String name = names.get(i);
            if (name.equals(ACTION)) {
                Matcher action = ACTION_VALUE.matcher(value);
                if (action.matches()) {
                    String more = withoutTrailingDotsOrSpaces(action.group("more").strip());
                    freeText = more.isEmpty() ? freeText : more;
                }
            }
            if (!value.isEmpty()) {
                labels.putIfAbsent(name, value);
            }
        }
        return freeText;
    }

    private static String withoutTrailingDotsOrSpaces(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == '.' || Character.isWhitespace(s.charAt(end - 1)))) {
            end--;
        }
        return s.substring(0, end);
    }
}
