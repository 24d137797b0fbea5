package io.outflow.detectors.settings;

/**
 * A destination port ({@code 443}) or an inclusive range ({@code 8000-8100}).
 *
 * @param from the first port
 * @param to the last port
 */
public record PortRange(int from, int to) {

    public static PortRange parse(String text) {
        String t = text.strip();
        int dash = t.indexOf('-');
        try {
            int from = Integer.parseInt(dash < 0 ? t : t.substring(0, dash).strip());
            int to = dash < 0 ? from : Integer.parseInt(t.substring(dash + 1).strip());
            if (from < 1 || to > 65535 || from > to) {
                throw new IllegalArgumentException("must be a port 1-65535 or a range such as 8000-8100 (first ≤ "
                        + "last), got '" + text + "'");
            }
            return new PortRange(from, to);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a port 1-65535 or a range such as 8000-8100, got '" + text
                    + "'");
        }
    }

    public boolean contains(Integer port) {
        return port != null && port >= from && port <= to;
    }

    @Override
    public String toString() {
        return from == to ? Integer.toString(from) : from + "-" + to;
    }
}
