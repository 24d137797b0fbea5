package io.outflow.ingest.firewall;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One legacy DNS proxy line ({@code properties.msg} of AzureFirewallDnsProxy), in one of its two forms:
 * <ul>
 *   <li>a request: {@code DNS Request: <client>:<port> - <id> <type> <class> <name> <proto> <request size>
 *       <DO bit> <EDNS0 buffer size> <rcode> <flags> <response size> <duration>s}, with '-', an en dash or an em
 *       dash after the client, and '-' for no flags;</li>
 *   <li>an error of the proxy's own upstream lookup: {@code Error: <n> <name> <type>: <text>}, where the text
 *       usually names the socket ({@code read udp <local>-><server>: i/o timeout}).</li>
 * </ul>
 *
 * @param client the client that asked (request form only)
 * @param server the DNS server the proxy asked (error form, when the text names it)
 * @param protocol the transport ("udp", "tcp") as written
 * @param errorNumber and {@code errorText}: the error form only
 */
record DnsProxyMessage(HostPort client, String queryId, String queryType, String queryClass, String queryName,
                       String protocol, String requestSize, String dnssecOk, String edns0BufferSize,
                       String responseCode, String responseFlags, String responseSize, String durationSeconds,
                       HostPort server, String errorNumber, String errorText) {

    private static final Pattern REQUEST = Pattern.compile(
            "\\s*DNS\\s+Request:\\s+(?<client>\\S+)\\s+[-\\u2013\\u2014]\\s+(?<id>\\d+)\\s+(?<type>\\S+)\\s+"
                    + "(?<cls>\\S+)\\s+(?<name>\\S+)\\s+(?<proto>\\S+)\\s+(?<req>\\d+)\\s+(?<dnssec>(?i:true|false))\\s+"
                    + "(?<buf>\\d+)\\s+(?<rcode>\\S+)\\s+(?<flags>\\S+)\\s+(?<resp>\\d+)\\s+(?<dur>\\d+(?:\\.\\d+)?)s\\s*");

    private static final Pattern ERROR = Pattern.compile(
            "\\s*Error:\\s+(?<num>\\d+)\\s+(?<name>\\S+)\\s+(?<type>[^\\s:]+):\\s+(?<text>\\S.*?)\\s*", Pattern.DOTALL);

    /** {@code udp 10.0.1.5:49126->168.63.129.16:53:} inside an error text. */
    private static final Pattern SOCKET = Pattern.compile(
            "\\b(?<proto>(?i:udp|tcp))\\s+(?<local>[^\\s>]+)->(?<remote>\\S+?):(?:\\s|$)");

    /** The parts of the line, or null when it has neither form. */
    static DnsProxyMessage parse(String msg) {
        if (msg == null || msg.length() > RuleMessage.MAX_LENGTH) {
            return null;
        }
        Matcher m = REQUEST.matcher(msg);
        if (m.matches()) {
            HostPort client = HostPort.parse(m.group("client"), true);
            if (client == null) {
                return null;
            }
            String flags = m.group("flags").equals("-") ? null : m.group("flags");
            return new DnsProxyMessage(client, m.group("id"), m.group("type"), m.group("cls"), m.group("name"),
                    m.group("proto"), m.group("req"), m.group("dnssec"), m.group("buf"), m.group("rcode"), flags,
                    m.group("resp"), m.group("dur"), null, null, null);
        }
        m = ERROR.matcher(msg);
        if (m.matches()) {
            String text = m.group("text");
            Matcher socket = SOCKET.matcher(text);
            HostPort server = null;
            String protocol = null;
            if (socket.find()) {
                server = HostPort.parse(socket.group("remote"), true);
                protocol = server == null ? null : socket.group("proto");
            }
            return new DnsProxyMessage(null, null, m.group("type"), null, m.group("name"), protocol, null, null,
                    null, null, null, null, null, server, m.group("num"), text);
        }
        return null;
    }

    boolean isError() {
        return errorNumber != null;
    }
}
