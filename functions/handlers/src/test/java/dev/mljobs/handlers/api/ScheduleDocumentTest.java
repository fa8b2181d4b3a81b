package dev.mljobs.handlers.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.mljobs.core.schedule.Firing;
import dev.mljobs.core.schedule.FiringOutcome;
import dev.mljobs.core.schedule.Schedule;
import dev.mljobs.core.schedule.ScheduleWindow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the schedule schemas of {@code docs/openapi.yaml} in step with what the API reads and
 * writes.
 */
class ScheduleDocumentTest {

  private static final Instant T0 = Instant.parse("2027-03-01T10:00:00Z");
  private static JsonNode schemas;

  @BeforeAll
  static void read() throws IOException {
    Path dir = Path.of("").toAbsolutePath();
    while (!Files.isRegularFile(dir.resolve("docs/openapi.yaml"))) {
      dir = dir.getParent();
    }
    schemas =
        new ObjectMapper(new YAMLFactory())
            .readTree(dir.resolve("docs/openapi.yaml").toFile())
            .at("/components/schemas");
  }

  @Test
  void the_request_schemas_have_exactly_the_fields_the_parser_accepts() {
    assertThat(names(schemas.at("/ScheduleRequest/properties")))
        .isEqualTo(ScheduleRequestParser.FIELDS);
    assertThat(names(schemas.at("/SchedulePatch/properties")))
        .isEqualTo(ScheduleRequestParser.FIELDS);
  }

  @Test
  void the_schedule_schema_has_exactly_the_fields_the_api_writes() {
    Schedule s =
        Schedule.create(
            "s-1",
            "n",
            "t-1",
            "rate(1 hour)",
            "Europe/Berlin",
            ScheduleWindow.unbounded(),
            null,
            "alice",
            T0);
    assertThat(names(ScheduleJson.schedule(s, T0, Map.of())))
        .isEqualTo(names(schemas.at("/Schedule/properties")));
    assertThat(names(ScheduleJson.schedule(s, T0, null)))
        .isEqualTo(texts(schemas.at("/Schedule/required")));
  }

  @Test
  void the_firing_schema_has_exactly_the_fields_the_api_writes() {
    Firing f = new Firing("s-1", T0, FiringOutcome.JOB_CREATED, UUID.randomUUID(), false, T0);
    JsonNode json = ScheduleJson.firing(f, java.time.ZoneOffset.UTC);
    assertThat(names(json)).isEqualTo(names(schemas.at("/Firing/properties")));
    assertThat(names(json)).isEqualTo(texts(schemas.at("/Firing/required")));
    assertThat(texts(schemas.at("/Firing/properties/outcome/enum")))
        .isEqualTo(
            Arrays.stream(FiringOutcome.values())
                .map(FiringOutcome::wireName)
                .collect(Collectors.toCollection(TreeSet::new)));
  }

  private static Set<String> names(JsonNode object) {
    Set<String> names = new TreeSet<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static Set<String> texts(JsonNode array) {
    Set<String> texts = new TreeSet<>();
    array.forEach(t -> texts.add(t.asText()));
    return texts;
  }
}
