package io.outflow.ingest.files;

import static org.assertj.core.api.Assertions.assertThat;

import io.outflow.ingest.SourceRef;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BodySplitterTest {

    record Piece(String kind, String text, long offset, String reason) {
    }

    private static List<Piece> split(String input, int maxBody) throws IOException {
        List<Piece> pieces = new ArrayList<>();
        new BodySplitter(maxBody, 1000).split(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), "f",
                new BodyHandler() {
                    @Override
                    public void body(byte[] buffer, int offset, int length, SourceRef source) {
                        pieces.add(new Piece("body", new String(buffer, offset, length, StandardCharsets.UTF_8),
                                source.offset(), null));
                    }

                    @Override
                    public void unsplittable(String excerpt, boolean truncated, long length, String sha256,
                                             SourceRef source, String reason) {
                        pieces.add(new Piece("junk", excerpt, source.offset(), reason));
                    }
                });
        return pieces;
    }

    @Test
    void splitsJsonLinesAndMultiLineDocumentsWithTheirOffsets() throws IOException {
        String input = "{\"a\":1}\n{\"b\":\"}{\\\"\"}\n{\n  \"records\": [\n    {\"c\": 3}\n  ]\n}\n[1,2]";

        assertThat(split(input, 1 << 20)).containsExactly(
                new Piece("body", "{\"a\":1}", 0, null),
                new Piece("body", "{\"b\":\"}{\\\"\"}", 8, null),
                new Piece("body", "{\n  \"records\": [\n    {\"c\": 3}\n  ]\n}", 21, null),
                new Piece("body", "[1,2]", 57, null));
    }

    @Test
    void quarantinesTextUpToTheNextBodyAndCarriesOn() throws IOException {
        String input = "garbage line\nmore garbage\n{\"ok\":1}\n{\"cut\": \"unterminated\n   }\n{\"ok\":2}\n";

        assertThat(split(input, 1 << 20)).containsExactly(
                new Piece("junk", "garbage line\nmore garbage", 0, "text outside any JSON value"),
                new Piece("body", "{\"ok\":1}", 26, null),
                new Piece("junk", "{\"cut\": \"unterminated\n   }", 35, 
                        "line break inside a JSON string: value not closed on its line"),
                new Piece("body", "{\"ok\":2}", 62, null));
    }

    @Test
    void aValueThatNeverClosesLosesOnlyItself() throws IOException {
        String input = "{\"a\":1\n{\"b\":2}\n";

        List<Piece> pieces = split(input, 1 << 20);

        assertThat(pieces).extracting(Piece::kind).containsExactly("junk", "body");
        assertThat(pieces.get(0).reason()).isEqualTo("JSON value not closed at end of input");
        assertThat(pieces.get(0).text()).isEqualTo("{\"a\":1");
        assertThat(pieces.get(1).text()).isEqualTo("{\"b\":2}");
    }

    @Test
    void handlesValuesLargerThanTheReadBufferAndSkipsAByteOrderMark() throws IOException {
        String big = "{\"pad\":\"" + "x".repeat(200_000) + "\"}";
        List<Piece> pieces = split("\uFEFF" + big + "\n" + big, 1 << 20);

        assertThat(pieces).extracting(Piece::kind).containsExactly("body", "body");
        assertThat(pieces.get(1).offset()).isEqualTo(3 + big.length() + 1);
        assertThat(pieces.get(1).text()).hasSize(big.length());
    }

    @Test
    void aValueBeyondTheBodyLimitIsQuarantined() throws IOException {
        String big = "{\"pad\":\"" + "x".repeat(300_000) + "\"}";
        List<Piece> pieces = split(big + "\n{\"ok\":1}", 100_000);

        assertThat(pieces).extracting(Piece::kind).containsExactly("junk", "body");
        assertThat(pieces.get(0).reason()).startsWith("JSON value exceeds the body limit");
    }
}
