package io.outflow.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads {@code outflow.yaml} into {@link ConfigNode}s that remember their lines. */
public final class ConfigDocument {
    private static final YAMLFactory YAML = YAMLFactory.builder().build();

    private ConfigDocument() {
    }

    /** Reads a file; a missing file or YAML syntax error becomes an {@link InvalidConfigException}. */
    public static ConfigNode load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidConfigException(List.of(new ConfigProblem("", "cannot read the file: " + e.getMessage(),
                    file.toString(), 0)));
        }
        return parse(text, file.getFileName().toString());
    }

    public static ConfigNode parse(String text, String fileName) {
        try (JsonParser parser = YAML.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return ConfigNode.emptyMap("", fileName);
            }
            ConfigNode root = read(parser, first, "", fileName, parser.currentTokenLocation().getLineNr());
            if (root.type() != ConfigNode.Type.MAP) {
                throw new InvalidConfigException(List.of(new ConfigProblem("", "the document must be a map of "
                        + "sections, got " + root.describe(), fileName, root.line())));
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            throw new InvalidConfigException(List.of(new ConfigProblem("", "invalid YAML: " + e.getOriginalMessage()
                    .lines().findFirst().orElse(""), fileName, where == null ? 0 : where.getLineNr())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads one value; {@code line} is where it is named (a map value's key line, so a block map is found by its key). */
    private static ConfigNode read(JsonParser parser, JsonToken token, String path, String file, int line)
            throws IOException {
        switch (token) {
            case START_OBJECT: {
                Map<String, ConfigNode> entries = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    int keyLine = parser.currentTokenLocation().getLineNr();
                    String childPath = path.isEmpty() ? key : path + "." + key;
                    ConfigNode child = read(parser, parser.nextToken(), childPath, file, keyLine);
                    if (entries.containsKey(key)) {
                        throw new InvalidConfigException(List.of(new ConfigProblem(childPath,
                                "duplicate key (first at line " + entries.get(key).line() + ")", file, keyLine)));
                    }
                    entries.put(key, child);
                }
                return new ConfigNode(ConfigNode.Type.MAP, path, file, line, null, entries, null);
            }
            case START_ARRAY: {
                List<ConfigNode> items = new ArrayList<>();
                JsonToken next;
                while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
                    items.add(read(parser, next, path + "[" + items.size() + "]", file,
                            parser.currentTokenLocation().getLineNr()));
                }
                return new ConfigNode(ConfigNode.Type.LIST, path, file, line, null, null, items);
            }
            case VALUE_NULL:
                return new ConfigNode(ConfigNode.Type.NULL, path, file, line, null, null, null);
            default:
                return new ConfigNode(ConfigNode.Type.SCALAR, path, file, line, parser.getText(), null, null);
        }
    }
}
