package dev.mljobs.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * A short round of the API fuzz test ({@code ApiFuzzTest} in handlers) over HTTP against the local
 * runtime, so that the answers come from the real gateway and DynamoDB Local: a key past DynamoDB's
 * bounds only fails there. Values are biased to the ids and keys the stores keep, long and
 * non-ASCII. Every answer must be below 500.
 */
class ApiFuzzIT {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static LocalRuntime runtime;

  @BeforeContainer
  static void start() throws Exception {
    System.setProperty("sun.net.httpserver.nodelay", "true");
    runtime = LocalRuntime.start(Options.forTests());
    // nothing needs to run: the answers are what is checked, and a queue of jobs is cheap
    runtime.stopDispatcher();
  }

  @AfterContainer
  static void stop() {
    if (runtime != null) {
      runtime.close();
    }
  }

  @Property(tries = 300, shrinking = ShrinkingMode.BOUNDED)
  void nothing_sent_over_http_gets_a_5xx(
      @ForAll("methods") String method,
      @ForAll("paths") String path,
      @ForAll("queries") String query,
      @ForAll("keys") String idempotencyKey,
      @ForAll("bodies") byte[] body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(runtime.apiUrl() + path + query))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + runtime.apiKey())
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
    if (!idempotencyKey.isEmpty()) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    HttpResponse<String> response =
        HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isBetween(200, 499);
    Statistics.label("status").collect(response.statusCode());
    // not vacuous: some requests are stored, some refused on a field
    Statistics.label("status")
        .coverage(
            statuses -> {
              statuses.check(202).percentage(p -> p > 1);
              statuses.check(400).percentage(p -> p > 10);
            });
  }

  @Provide
  Arbitrary<String> methods() {
    return Arbitraries.frequencyOf(
        Tuple.of(6, Arbitraries.just("POST")),
        Tuple.of(3, Arbitraries.just("GET")),
        Tuple.of(1, Arbitraries.of("DELETE", "PUT", "PATCH")));
  }

  /** Long, non-ASCII, and lone-surrogate text: what a key may be made of. */
  private static Arbitrary<String> keyText() {
    return Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.strings().all().ofMaxLength(20)),
        Tuple.of(2, Arbitraries.of('m', '\u00e9', '\u20ac').flatMap(ApiFuzzIT::run)),
        Tuple.of(1, Arbitraries.of("a\\uD800", "\\uDFFF", "acme/shapes", "")));
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  @Provide
  Arbitrary<String> paths() {
    return Combinators.combine(
            Arbitraries.of(
                "/v1/jobs",
                "/v1/models",
                "/v1/jobs/%s",
                "/v1/jobs/%s/runs",
                "/v1/jobs/%s/results",
                "/v1/models/%s"),
            keyText().map(ApiFuzzIT::encode))
        .as((template, id) -> template.formatted(id.isEmpty() ? "x" : id));
  }

  @Provide
  Arbitrary<String> queries() {
    Arbitrary<String> pair =
        Combinators.combine(
                Arbitraries.of("status", "job_type", "cursor", "limit", "offset"), keyText())
            .as((name, value) -> name + "=" + encode(value));
    return pair.list()
        .ofMaxSize(3)
        .map(l -> l.isEmpty() ? "" : l.stream().collect(Collectors.joining("&", "?", "")));
  }

  /** Header values as HTTP carries them: visible ASCII, short or long. */
  @Provide
  Arbitrary<String> keys() {
    return Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.just("")),
        Tuple.of(1, Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(30)),
        Tuple.of(1, Arbitraries.integers().between(1000, 1100).map("k"::repeat)));
  }

  @Provide
  Arbitrary<byte[]> bodies() {
    Arbitrary<String> value =
        Arbitraries.frequencyOf(
            Tuple.of(4, keyText().map(t -> "\"" + t.replace("\\\"", "").replace("\"", "") + "\"")),
            Tuple.of(1, Arbitraries.integers().between(-1, 11).map(String::valueOf)),
            Tuple.of(1, Arbitraries.of("null", "{}", "[]", "{\"seconds\":0}")));
    Arbitrary<String> field =
        Combinators.combine(
                Arbitraries.of(
                    "job_type",
                    "idempotency_key",
                    "template_id",
                    "group_id",
                    "priority",
                    "callback_url",
                    "model_id",
                    "task_type",
                    "model_uri"),
                value)
            .as((name, v) -> "\"" + name + "\":" + v);
    Arbitrary<String> modelId =
        Arbitraries.frequencyOf(
            Tuple.of(1, Arbitraries.just("sentence-transformers/all-MiniLM-L6-v2")),
            Tuple.of(2, keyText().map(t -> t.replace("\"", "").replace("\\", ""))));
    Arbitrary<String> params =
        Arbitraries.frequencyOf(
            Tuple.of(1, Arbitraries.just("\"job_type\":\"sleep\",\"params\":{\"seconds\":0}")),
            Tuple.of(
                2,
                Combinators.combine(Arbitraries.of("inference", "batch_inference"), modelId)
                    .as(
                        (type, id) ->
                            "\"job_type\":\""
                                + type
                                + "\",\"params\":{\"task_type\":\"txt2embed\",\"model_id\":\""
                                + id
                                + "\",\"input_data\":{\"text\":\"a\"},"
                                + "\"input_uri\":\"s3://mljobs-data/inputs/local/\"}")));
    Arbitrary<String> object =
        Combinators.combine(params, field.list().ofMaxSize(4))
            .as((p, f) -> "{" + p + (f.isEmpty() ? "" : "," + String.join(",", f)) + "}");
    return Arbitraries.frequencyOf(
            Tuple.of(6, object),
            Tuple.of(1, object.map(o -> o + " xyz")),
            Tuple.of(1, Arbitraries.integers().between(60, 10_000).map(n -> "[".repeat(n))),
            Tuple.of(1, Arbitraries.strings().all().ofMaxLength(50)))
        .map(s -> s.getBytes(StandardCharsets.UTF_8))
        .flatMap(
            b ->
                Arbitraries.oneOf(
                    Arbitraries.just(b),
                    Arbitraries.bytes().list().ofMaxSize(3).map(x -> corrupt(b, x))));
  }

  /** The same bytes with a few replaced, which mostly makes them invalid UTF-8. */
  private static byte[] corrupt(byte[] body, List<Byte> with) {
    byte[] out = body.clone();
    for (int i = 0; i < with.size() && out.length > 0; i++) {
      out[(i * 7919) % out.length] = with.get(i);
    }
    return out;
  }

  /** Runs of one character, at and around the byte bounds of ids and DynamoDB keys. */
  private static Arbitrary<String> run(char c) {
    return Arbitraries.of(127, 128, 129, 341, 342, 512, 513, 1024, 1025, 1100, 2049)
        .map(n -> String.valueOf(c).repeat(n));
  }
}
