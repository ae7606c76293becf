package io.livelink.testsupport.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Sends every operation of a service's OpenAPI document a bounded set of generated bad inputs with
 * a valid token, and reports each answer that breaks the rule: never a 5xx, every 4xx an RFC 7807
 * problem, every 400 naming the field (issue 17).
 *
 * <p>The inputs, per operation: each path parameter and query parameter with a NUL and at 3,000
 * characters, a number or enum or date parameter with a value of no such kind; a JSON body that is
 * not JSON, of the wrong top-level type, nested 5,000 deep, sent as {@code text/plain}, and for
 * each of its properties a value of the wrong type, a NUL, a lone surrogate, 100,000 characters and
 * an unknown enum constant; a CSV body with an unclosed quote, a NUL cell or in GBK; a form body
 * that is not percent-encoded or has a NUL. Inputs that must be refused (all but the long values,
 * which a field may legitimately take) count as findings when they are accepted.
 */
public final class OpenApiFuzz {

    /** One input sent and what came back, when it broke the rule. */
    public record Finding(String operation, String input, int status, String why, String body) {
        @Override
        public String toString() {
            return operation
                    + " with "
                    + input
                    + ": "
                    + status
                    + " "
                    + why
                    + (body == null || body.isBlank()
                            ? ""
                            : " — " + body.substring(0, Math.min(body.length(), 300)));
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NUL = "a\u0000b";
    private static final String LONE_SURROGATE = "a\ud800b";

    /** Past the 2,000 most text parameters allow, within the 4,096 of a request line. */
    private static final int LONG_PARAMETER = 3_000;

    private static final int LONG_BODY_VALUE = 100_000;
    private static final int DEPTH = 5_000;
    private static final int MAX_PROPERTIES = 12;
    private static final java.util.Set<String> MISTYPED =
            java.util.Set.of("not a number", "an unknown constant", "not a date");

    private final URI base;
    private final String token;
    private final Map<String, String> pathValues = new LinkedHashMap<>();
    private Predicate<String> operations = operation -> true;
    private final HttpClient http =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();

    private OpenApiFuzz(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    /** Fuzzes the service at {@code base} (ending in '/') with the bearer {@code token}. */
    public static OpenApiFuzz of(URI base, String token) {
        return new OpenApiFuzz(base, token);
    }

    /**
     * A real value for a path parameter (a tenant the caller administers), used when not fuzzed.
     */
    public OpenApiFuzz pathValue(String parameter, String value) {
        pathValues.put(parameter, value);
        return this;
    }

    /** Only operations ("POST /streams") that match. */
    public OpenApiFuzz only(Predicate<String> operations) {
        this.operations = operations;
        return this;
    }

    /**
     * Runs the fuzz as each caller in turn and throws an AssertionError listing every finding, if
     * there is one.
     */
    public static void requireNoFindings(
            URI base, Map<String, String> pathValues, List<String> tokens)
            throws IOException, InterruptedException {
        List<Finding> findings = new ArrayList<>();
        for (String token : tokens) {
            OpenApiFuzz fuzz = of(base, token);
            pathValues.forEach(fuzz::pathValue);
            findings.addAll(fuzz.run());
        }
        if (!findings.isEmpty()) {
            throw new AssertionError(
                    findings.size()
                            + " bad inputs were not refused as they should be:\n"
                            + String.join("\n", findings.stream().map(Finding::toString).toList()));
        }
    }

    /** Runs every input against every operation; the findings, none when the service holds. */
    public List<Finding> run() throws IOException, InterruptedException {
        JsonNode document = get("q/openapi?format=json");
        List<Finding> findings = new ArrayList<>();
        int sent = 0;
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
                paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields();
                    methods.hasNext(); ) {
                Map.Entry<String, JsonNode> method = methods.next();
                String verb = method.getKey().toUpperCase();
                if (!List.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(verb)) {
                    continue;
                }
                String name = verb + " " + path.getKey();
                if (!operations.test(name)) {
                    continue;
                }
                Operation operation =
                        new Operation(verb, path.getKey(), method.getValue(), document);
                for (Input input : inputs(operation)) {
                    sent++;
                    Finding finding = send(name, operation, input);
                    if (finding != null) {
                        findings.add(finding);
                    }
                }
            }
        }
        if (sent == 0) {
            throw new IllegalStateException("the OpenAPI document lists no operation to fuzz");
        }
        System.out.printf(
                "OpenApiFuzz: %d inputs sent to %s, %d findings%n", sent, base, findings.size());
        return findings;
    }

    /** One generated request: where a bad value went, and whether it must be refused. */
    private record Input(
            String label,
            Map<String, String> path,
            Map<String, String> query,
            String contentType,
            byte[] body,
            boolean mustRefuse,
            String field,
            boolean mistyped) {

        Input(
                String label,
                Map<String, String> path,
                Map<String, String> query,
                String contentType,
                byte[] body,
                boolean mustRefuse) {
            this(label, path, query, contentType, body, mustRefuse, null, false);
        }
    }

    private record Parameter(String name, String in, JsonNode schema) {}

    private static final class Operation {
        final String verb;
        final String template;
        final List<Parameter> parameters = new ArrayList<>();
        final Map<String, JsonNode> bodies = new LinkedHashMap<>();

        Operation(String verb, String template, JsonNode node, JsonNode document) {
            this.verb = verb;
            this.template = template;
            for (JsonNode p : node.path("parameters")) {
                JsonNode resolved = resolve(p, document);
                parameters.add(
                        new Parameter(
                                resolved.path("name").asText(),
                                resolved.path("in").asText(),
                                resolve(resolved.path("schema"), document)));
            }
            for (Iterator<Map.Entry<String, JsonNode>> content =
                            node.path("requestBody").path("content").fields();
                    content.hasNext(); ) {
                Map.Entry<String, JsonNode> type = content.next();
                bodies.put(type.getKey(), resolve(type.getValue().path("schema"), document));
            }
        }
    }

    private List<Input> inputs(Operation operation) {
        List<Input> inputs = new ArrayList<>();
        Map<String, String> path = new LinkedHashMap<>();
        for (Parameter p : operation.parameters) {
            if (p.in().equals("path")) {
                path.put(p.name(), pathValues.getOrDefault(p.name(), plausible(p.schema())));
            }
        }
        Map<String, String> noQuery = Map.of();
        for (Parameter p : operation.parameters) {
            if (!p.in().equals("path") && !p.in().equals("query")) {
                continue;
            }
            for (Map.Entry<String, String> bad : badParameterValues(p.schema()).entrySet()) {
                Map<String, String> fuzzedPath = new LinkedHashMap<>(path);
                Map<String, String> query = new LinkedHashMap<>();
                if (p.in().equals("path")) {
                    fuzzedPath.put(p.name(), bad.getValue());
                } else {
                    query.put(p.name(), bad.getValue());
                }
                inputs.add(
                        new Input(
                                p.in() + " " + p.name() + " " + bad.getKey(),
                                fuzzedPath,
                                query,
                                null,
                                null,
                                !bad.getKey().equals("long"),
                                p.name(),
                                MISTYPED.contains(bad.getKey())));
            }
        }
        for (Map.Entry<String, JsonNode> body : operation.bodies.entrySet()) {
            String type = body.getKey();
            if (type.contains("json")) {
                jsonInputs(path, body.getValue(), inputs);
            } else if (type.contains("csv")) {
                for (Map.Entry<String, byte[]> csv : badCsv().entrySet()) {
                    inputs.add(
                            new Input(
                                    "CSV " + csv.getKey(),
                                    path,
                                    noQuery,
                                    "text/csv",
                                    csv.getValue(),
                                    false));
                }
            } else if (type.contains("x-www-form-urlencoded")) {
                inputs.add(
                        new Input(
                                "form not percent-encoded",
                                path,
                                noQuery,
                                type,
                                "%%%=&&=%zz".getBytes(StandardCharsets.US_ASCII),
                                true));
                inputs.add(
                        new Input(
                                "form field with NUL",
                                path,
                                noQuery,
                                type,
                                "name=a%00b&key=a%00b&session=a%00b"
                                        .getBytes(StandardCharsets.US_ASCII),
                                true));
            }
        }
        return inputs;
    }

    private static void jsonInputs(Map<String, String> path, JsonNode schema, List<Input> inputs) {
        Map<String, String> noQuery = Map.of();
        inputs.add(json("body not JSON", path, "{\"a\": ", true));
        inputs.add(json("body of the wrong type", path, "[[\"x\"]]", true));
        inputs.add(
                json(
                        "body nested " + DEPTH + " deep",
                        path,
                        "[".repeat(DEPTH) + "]".repeat(DEPTH),
                        true));
        inputs.add(
                new Input(
                        "JSON as text/plain",
                        path,
                        noQuery,
                        "text/plain",
                        "{\"name\":\"x\"}".getBytes(StandardCharsets.UTF_8),
                        true));
        int properties = 0;
        for (Iterator<Map.Entry<String, JsonNode>> fields = schema.path("properties").fields();
                fields.hasNext() && properties < MAX_PROPERTIES;
                properties++) {
            Map.Entry<String, JsonNode> property = fields.next();
            String name = property.getKey();
            JsonNode propertySchema = property.getValue();
            String type = typeOf(propertySchema);
            ObjectNode wrong = JsonNodeFactory.instance.objectNode();
            switch (type) {
                case "string" -> wrong.putObject(name).put("nested", true);
                case "array" -> wrong.put(name, "not an array");
                case "object" -> wrong.putArray(name).add(1);
                default -> wrong.put(name, "not a " + type);
            }
            inputs.add(json(name + " of the wrong type", path, wrong.toString(), true));
            if (type.equals("string") || type.equals("array")) {
                inputs.add(json(name + " with NUL", path, value(name, type, NUL), true));
                inputs.add(
                        json(
                                name + " with a lone surrogate",
                                path,
                                value(name, type, LONE_SURROGATE),
                                true));
                inputs.add(
                        json(
                                name + " of " + LONG_BODY_VALUE + " characters",
                                path,
                                value(name, type, "x".repeat(LONG_BODY_VALUE)),
                                false));
            }
            if (propertySchema.has("enum")) {
                inputs.add(
                        json(
                                name + " an unknown constant",
                                path,
                                value(name, "string", "NOT_A_CONSTANT"),
                                true));
            }
        }
    }

    private static String value(String name, String type, String text) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        if (type.equals("array")) {
            node.putArray(name).add(text);
        } else {
            node.put(name, text);
        }
        // As a JSON escape: UTF-8 cannot carry a lone surrogate, the escape can.
        return node.toString().replace("\ud800", "\\ud800");
    }

    private static Input json(String label, Map<String, String> path, String body, boolean refuse) {
        return new Input(
                label,
                path,
                Map.of(),
                "application/json",
                body.getBytes(StandardCharsets.UTF_8),
                refuse);
    }

    private static Map<String, String> badParameterValues(JsonNode schema) {
        Map<String, String> values = new LinkedHashMap<>();
        // A URL carries UTF-8, which has no lone surrogates: those are tried in bodies only.
        values.put("with NUL", NUL);
        values.put("long", "x".repeat(LONG_PARAMETER));
        String type = typeOf(schema);
        if (type.equals("integer") || type.equals("number")) {
            values.put("not a number", "many");
        }
        if (schema.has("enum")) {
            values.put("an unknown constant", "NOT_A_CONSTANT");
        }
        if (schema.path("format").asText().startsWith("date")) {
            values.put("not a date", "yesterday");
        }
        return values;
    }

    private static Map<String, byte[]> badCsv() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(
                "with an unclosed quote",
                "name,account\n\"x,y\nz,w\n".getBytes(StandardCharsets.UTF_8));
        files.put("with a NUL cell", "name,account\na\u0000b,c\n".getBytes(StandardCharsets.UTF_8));
        files.put("in GBK", "姓名,account\n张三,c\n".getBytes(Charset.forName("GBK")));
        files.put("empty", new byte[0]);
        return files;
    }

    private static String typeOf(JsonNode schema) {
        if (schema.has("type")) {
            return schema.path("type").isArray()
                    ? schema.path("type").get(0).asText()
                    : schema.path("type").asText();
        }
        return schema.has("properties") ? "object" : "string";
    }

    private static String plausible(JsonNode schema) {
        String type = typeOf(schema);
        if (schema.has("enum") && !schema.path("enum").isEmpty()) {
            return schema.path("enum").get(0).asText();
        }
        return switch (type) {
            case "integer", "number" -> "1";
            default -> "fuzz-" + UUID.randomUUID();
        };
    }

    private static JsonNode resolve(JsonNode node, JsonNode document) {
        JsonNode current = node;
        for (int hops = 0; current.has("$ref") && hops < 10; hops++) {
            String ref = current.path("$ref").asText();
            if (!ref.startsWith("#/")) {
                break;
            }
            current = document.at(ref.substring(1));
        }
        if (current.has("allOf") && current.path("allOf").size() == 1) {
            return resolve(current.path("allOf").get(0), document);
        }
        return current;
    }

    private Finding send(String name, Operation operation, Input input)
            throws IOException, InterruptedException {
        StringBuilder url = new StringBuilder();
        String template =
                operation.template.startsWith("/")
                        ? operation.template.substring(1)
                        : operation.template;
        for (Map.Entry<String, String> p : input.path().entrySet()) {
            template = template.replace("{" + p.getKey() + "}", encode(p.getValue()));
        }
        url.append(template);
        String separator = "?";
        for (Map.Entry<String, String> q : input.query().entrySet()) {
            url.append(separator)
                    .append(encode(q.getKey()))
                    .append('=')
                    .append(encode(q.getValue()));
            separator = "&";
        }
        HttpRequest.BodyPublisher body =
                input.body() == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(input.body());
        HttpRequest.Builder request =
                HttpRequest.newBuilder(base.resolve(url.toString()))
                        .timeout(Duration.ofSeconds(20))
                        .header("Authorization", "Bearer " + token)
                        // JSON preferred; images, PDFs and event streams accepted, as browsers do.
                        .header("Accept", "application/json, */*;q=0.5")
                        .method(operation.verb, body);
        if (input.contentType() != null) {
            request.header("Content-Type", input.contentType());
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.net.http.HttpTimeoutException slow) {
            return new Finding(name, input.label(), 0, "no answer within 20 s", null);
        }
        int status = response.statusCode();
        String text = response.body();
        if (status >= 500) {
            return new Finding(name, input.label(), status, "a server error", text);
        }
        if (status < 400) {
            return input.mustRefuse()
                    ? new Finding(name, input.label(), status, "accepted bad input", text)
                    : null;
        }
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (!type.startsWith("application/problem+json")) {
            return new Finding(name, input.label(), status, "not a problem (" + type + ")", text);
        }
        JsonNode problem;
        try {
            problem = JSON.readTree(text);
        } catch (IOException unreadable) {
            return new Finding(name, input.label(), status, "a problem that is not JSON", text);
        }
        if (problem.path("status").asInt() != status || problem.path("type").asText().isBlank()) {
            return new Finding(name, input.label(), status, "a problem without status/type", text);
        }
        if (input.mistyped() && status != 400 && status != 401 && status != 403) {
            return new Finding(
                    name, input.label(), status, "a mistyped parameter not answered 400", text);
        }
        if (status == 400) {
            JsonNode errors = problem.path("errors");
            if (!errors.isArray()
                    || errors.isEmpty()
                    || errors.get(0).path("field").asText().isBlank()) {
                return new Finding(name, input.label(), status, "a 400 naming no field", text);
            }
            if (input.mustRefuse()
                    && input.field() != null
                    && java.util.stream.StreamSupport.stream(errors.spliterator(), false)
                            .noneMatch(e -> e.path("field").asText().equals(input.field()))) {
                return new Finding(
                        name, input.label(), status, "a 400 not naming " + input.field(), text);
            }
        }
        return null;
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response =
                http.send(
                        HttpRequest.newBuilder(base.resolve(path))
                                .header("Accept", "application/json")
                                .timeout(Duration.ofSeconds(20))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + response.statusCode());
        }
        return JSON.readTree(response.body());
    }

    /** Percent-encodes a path segment or query value (a space as %20, so it works in both). */
    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
