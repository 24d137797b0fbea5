package io.outflow.ingest;

/** URLs can carry tokens in their query string or userinfo: both are removed before a URL reaches an event. */
public final class Urls {
    private Urls() {
    }

    public static String withoutSecrets(String url) {
        if (url == null) {
            return null;
        }
        String s = url.strip();
        int cut = firstOf(s, '?', '#');
        if (cut >= 0) {
            s = s.substring(0, cut);
        }
        int scheme = s.indexOf("://");
        int authorityStart = scheme >= 0 ? scheme + 3 : 0;
        int authorityEnd = s.indexOf('/', authorityStart);
        if (authorityEnd < 0) {
            authorityEnd = s.length();
        }
        int at = s.lastIndexOf('@', authorityEnd - 1);
        if (at >= authorityStart) {
            s = s.substring(0, authorityStart) + s.substring(at + 1);
        }
        return s.isEmpty() ? null : s;
    }

    private static int firstOf(String s, char a, char b) {
        int i = s.indexOf(a);
        int j = s.indexOf(b);
        if (i < 0) {
            return j;
        }
        return j < 0 ? i : Math.min(i, j);
    }
}
