package dev.mljobs.local.sfn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.mljobs.local.asl.ExecutionRequest;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStoreTest {
  private static final Instant NOW = Instant.parse("2025-03-01T10:00:00.123Z");

  @TempDir Path dataDirectory;

  @Test
  void names_that_are_not_plain_file_names_are_stored_and_loaded_all_the_same() {
    // given
    FileStore store = new FileStore(dataDirectory);
    StateMachine dots = machine("..");
    StoredExecution accented =
        StoredExecution.started(
            new ExecutionRequest(
                dots.arn(), "café.1", JsonNodeFactory.instance.objectNode(), Sfn.ROLE),
            JsonNodeFactory.instance.objectNode(),
            NOW,
            7);
    // when
    store.save(dots);
    store.save(accented);
    FileStore reopened = new FileStore(dataDirectory);
    // then
    assertThat(reopened.loadStateMachines()).containsExactly(dots);
    assertThat(reopened.loadExecutions()).containsExactly(accented);
    assertThat(dataDirectory.resolve("stepfunctions/state-machines"))
        .isDirectoryContaining("glob:**/~*.json");
  }

  @Test
  void a_write_cut_short_before_its_rename_is_discarded() throws Exception {
    // given
    FileStore store = new FileStore(dataDirectory);
    store.save(machine("kept"));
    Path machines = dataDirectory.resolve("stepfunctions/state-machines");
    Files.writeString(machines.resolve(".tmp-123.json"), "{\"half\":");
    // when / then
    assertThat(store.loadStateMachines()).extracting(StateMachine::name).containsExactly("kept");
    assertThat(machines).isDirectoryNotContaining("glob:**/.tmp-*");
  }

  @Test
  void a_corrupt_file_stops_the_service_from_starting_and_is_named() throws Exception {
    // given
    Path machines = Files.createDirectories(dataDirectory.resolve("stepfunctions/state-machines"));
    Files.writeString(machines.resolve("broken.json"), "{\"name\": 42}");
    // when / then
    assertThatThrownBy(() -> new LocalStepFunctions(0, new TestTasks(), dataDirectory))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("broken.json");
  }

  private static StateMachine machine(String name) {
    return new StateMachine(
        Arns.stateMachine(name), name, Sfn.SAMPLE, Sfn.ROLE, "STANDARD", NOW, 0);
  }
}
