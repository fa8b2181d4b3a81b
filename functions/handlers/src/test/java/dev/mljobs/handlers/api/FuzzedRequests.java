package dev.mljobs.handlers.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generators of what a client might send: JSON-ish text built from the API's own field names and
 * values (so that it reaches the checks past the parser), broken and deeply nested JSON, random
 * text with lone surrogates, random bytes, and odd paths, query strings and headers.
 */
final class FuzzedRequests {

  private FuzzedRequests() {}

  /** Field names the API reads, so that generated objects reach its checks. */
  private static final List<String> FIELDS =
      List.of(
          "job_type",
          "params",
          "priority",
          "ttl_hours",
          "timeout_seconds",
          "max_attempts",
          "idempotency_key",
          "template_id",
          "group_id",
          "name",
          "default_params",
          "description",
          "callback_url",
          "model_id",
          "task_type",
          "input_data",
          "input_uri",
          "image_uris",
          "text",
          "texts",
          "image_base64",
          "seconds",
          "fail",
          "fail_until_attempt",
          "result_bytes",
          "runtime",
          "progress",
          "metrics",
          "model_uri",
          "labels",
          "preprocessing",
          "width",
          "height",
          "colour",
          "resize",
          "mean",
          "std",
          "scale",
          "pad_value",
          "tokenizer_uri",
          "max_length",
          "batch_size",
          "top_k",
          "filename",
          "content_type",
          "size_bytes");

  private static final List<String> WORDS =
      List.of(
          "sleep",
          "inference",
          "batch_inference",
          "container",
          "txt2embed",
          "image_classification",
          "object_detection",
          "sentence-transformers/all-MiniLM-L6-v2",
          "s3://mljobs-data/inputs/alice/a.png",
          "s3://mljobs-data/",
          "s3://",
          "batch",
          "lambda",
          "http://127.0.0.1/hook",
          "https://example.com/h",
          "https://[fe80::1%25lo]/",
          "http://[fe80::1%lo]/h",
          "https://[::ffff:0:a9fe:a9fe]/",
          "https://[64:ff9b:1::a9fe:a9fe]/",
          "letterbox",
          "rgb",
          "");

  /** Any text at all: lone surrogates, control characters, escapes, long runs. */
  static Arbitrary<String> anyText() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(40),
        Arbitraries.strings()
            .withChars("\\\"u{}[]:,0123456789abcdefDdEe\uD800\uDC00 ")
            .ofMaxLength(30),
        Arbitraries.strings().ascii().ofMinLength(1000).ofMaxLength(3000),
        Arbitraries.of(WORDS));
  }

  private static Arbitrary<String> quoted() {
    return Arbitraries.oneOf(
            anyText(),
            Arbitraries.of(
                "\\uD800",
                "a\\uDFFF",
                "\\u0000",
                "\\ud83d\\ude00",
                "\\x",
                "\\",
                "\u20ac".repeat(400)))
        .map(s -> "\"" + s.replace("\"", "\\\"") + "\"");
  }

  private static Arbitrary<String> scalar() {
    return Arbitraries.frequencyOf(
        Tuple.of(3, quoted()),
        Tuple.of(2, Arbitraries.integers().map(String::valueOf)),
        Tuple.of(1, Arbitraries.longs().map(String::valueOf)),
        Tuple.of(1, Arbitraries.doubles().map(String::valueOf)),
        Tuple.of(
            1,
            Arbitraries.of(
                "true", "false", "null", "1e400", "-0", "0.5", "9".repeat(2000), "NaN", "01", "-")),
        Tuple.of(3, Arbitraries.of(WORDS).map(w -> "\"" + w + "\"")),
        Tuple.of(2, Arbitraries.integers().between(-2, 12).map(String::valueOf)));
  }

  private static Arbitrary<String> key() {
    return Arbitraries.frequencyOf(
        Tuple.of(6, Arbitraries.of(FIELDS).map(f -> "\"" + f + "\"")), Tuple.of(1, quoted()));
  }

  /** A JSON-ish value nested up to {@code depth}, sometimes with a field twice. */
  static Arbitrary<String> json(int depth) {
    if (depth == 0) {
      return scalar();
    }
    Arbitrary<String> inner = Arbitraries.lazy(() -> json(depth - 1));
    Arbitrary<String> array = inner.list().ofMaxSize(4).map(l -> "[" + String.join(",", l) + "]");
    Arbitrary<String> object =
        Combinators.combine(key(), inner)
            .as((k, v) -> k + ":" + v)
            .list()
            .ofMaxSize(6)
            .map(l -> "{" + String.join(",", l) + "}");
    return Arbitraries.frequencyOf(Tuple.of(2, scalar()), Tuple.of(1, array), Tuple.of(4, object));
  }

  /** A body: mostly JSON-ish objects, also broken, trailing, deep, empty or random text. */
  static Arbitrary<String> body() {
    Arbitrary<String> deep =
        Combinators.combine(
                Arbitraries.integers().between(60, 12_000), Arbitraries.of("[", "{\"a\":"))
            .as((n, open) -> open.repeat(n) + "1" + (open.equals("[") ? "]" : "}").repeat(n));
    return Arbitraries.frequencyOf(
        Tuple.of(8, json(4)),
        Tuple.of(2, Combinators.combine(json(3), anyText()).as((j, t) -> j + t)),
        Tuple.of(1, json(3).map(j -> j.substring(0, j.length() / 2))),
        Tuple.of(1, deep),
        Tuple.of(1, anyText()),
        Tuple.of(1, Arbitraries.just(null)));
  }

  static Arbitrary<String> method() {
    return Arbitraries.of(
        "GET", "POST", "DELETE", "PUT", "PATCH", "HEAD", "OPTIONS", "get", "pOsT");
  }

  /** Paths the API serves, with real and made-up ids, and random ones. */
  static Arbitrary<String> path(String jobId) {
    Arbitrary<String> id =
        Arbitraries.frequencyOf(
            Tuple.of(6, Arbitraries.just(jobId)),
            Tuple.of(1, Arbitraries.just("00000000-0000-0000-0000-000000000000")),
            Tuple.of(1, Arbitraries.just("1-1-1-1-1")),
            Tuple.of(2, anyText().map(t -> t.replace("/", "%2F").replace("?", ""))));
    Arbitrary<String> known =
        Combinators.combine(
                Arbitraries.of(
                    "/v1/jobs/%s",
                    "/v1/jobs/%s/progress",
                    "/v1/jobs/%s/result",
                    "/v1/jobs/%s/results",
                    "/v1/jobs/%s/runs",
                    "/v1/models/%s",
                    "/v1/models/acme/%s",
                    "/v1/templates/%s",
                    "/v1/templates/%s/archive",
                    "/v1/jobs",
                    "/v1/models",
                    "/health",
                    "//v1//jobs//"),
                id)
            .as(String::formatted);
    Arbitrary<String> collections =
        Arbitraries.of(
            "/v1/jobs",
            "/v1/models",
            "/v1/jobs",
            "/v1/templates",
            "/v1/runs",
            "/v1/uploads",
            "/v1/groups");
    return Arbitraries.frequencyOf(
        Tuple.of(6, collections), Tuple.of(6, known), Tuple.of(1, anyText().map(t -> "/" + t)));
  }

  /** Query parameters: the API's own names and others, with any values. */
  static Arbitrary<Map<String, String>> query() {
    Arbitrary<String> name =
        Arbitraries.frequencyOf(
            Tuple.of(
                5,
                Arbitraries.of(
                    "status",
                    "limit",
                    "cursor",
                    "offset",
                    "job_type",
                    "template_id",
                    "schedule_id",
                    "group_id")),
            Tuple.of(1, anyText()));
    Arbitrary<String> value =
        Arbitraries.frequencyOf(
            Tuple.of(3, anyText()),
            Tuple.of(
                2,
                Arbitraries.of(
                    "queued",
                    "running",
                    "archived",
                    "failed",
                    "1",
                    "100",
                    "0",
                    "-1",
                    "101",
                    "abc")),
            Tuple.of(1, Arbitraries.of("djF8", "cjE6MDow", "r1:0:0", "djF8MjAyNi0wMy0wMVQ")));
    return Arbitraries.maps(name, value).ofMaxSize(4);
  }

  /** Headers, lower-case as API Gateway hands them over, with the callback token sometimes. */
  static Arbitrary<Map<String, String>> headers(String token) {
    Arbitrary<String> contentType =
        Arbitraries.of(
            "application/json",
            "application/json; charset=utf-8",
            "application/problem+json",
            "text/plain",
            "",
            ";",
            "APPLICATION/JSON");
    Arbitrary<String> authorization =
        Arbitraries.oneOf(
            Arbitraries.just("Bearer " + token), anyText(), Arbitraries.just("Bearer "));
    return Combinators.combine(
            contentType.injectNull(0.1),
            authorization.injectNull(0.3),
            anyText().injectNull(0.6),
            anyText().injectNull(0.8))
        .as(
            (type, auth, key, other) -> {
              List<String[]> pairs = new ArrayList<>();
              pairs.add(new String[] {"content-type", type});
              pairs.add(new String[] {"authorization", auth});
              pairs.add(new String[] {"idempotency-key", key});
              pairs.add(new String[] {"x-amzn-trace-id", other});
              Map<String, String> headers = new java.util.HashMap<>();
              pairs.stream().filter(p -> p[1] != null).forEach(p -> headers.put(p[0], p[1]));
              return headers;
            });
  }
}
