package dev.mljobs.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mljobs.local.aws.LocalClients;
import dev.mljobs.local.junit.LocalRuntimeExtension;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

/** A job's trace id, from the API request's header through the workflow to the worker. */
@ExtendWith(LocalRuntimeExtension.class)
class TraceIdIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TRACE = "Root=1-67a1b2c3-fedcba9876543210fedcba98";

  @Test
  void the_trace_id_of_the_submitting_request_reaches_the_workflow_and_the_worker(
      LocalRuntime runtime) throws Exception {
    // given
    HttpRequest submit =
        HttpRequest.newBuilder(runtime.apiUrl().resolve("/v1/jobs"))
            .header("Authorization", "Bearer " + runtime.apiKey())
            .header("Content-Type", "application/json")
            .header("X-Amzn-Trace-Id", TRACE)
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"job_type\":\"sleep\",\"params\":{\"seconds\":0}}"))
            .build();
    // when
    String jobId =
        JSON.readTree(
                HttpClient.newHttpClient()
                    .send(submit, HttpResponse.BodyHandlers.ofString())
                    .body())
            .path("job_id")
            .asText();
    JsonNode done =
        new ApiClient(runtime).await(jobId, ApiClient.terminal(), Duration.ofSeconds(60));
    // then
    assertThat(done.path("status").asText()).isEqualTo("completed");
    assertThat(done.path("trace_id").asText()).isEqualTo(TRACE);
    try (SfnClient sfn = sfn(runtime)) {
      String execution =
          StateMachines.arn().replaceFirst(":stateMachine:", ":execution:") + ":" + jobId;
      JsonNode input = JSON.readTree(sfn.describeExecution(b -> b.executionArn(execution)).input());
      assertThat(input.path("trace_id").asText()).isEqualTo(TRACE);
      JsonNode work =
          sfn.getExecutionHistory(b -> b.executionArn(execution)).events().stream()
              .filter(e -> e.type() == HistoryEventType.TASK_SCHEDULED)
              .map(HistoryEvent::taskScheduledEventDetails)
              .map(d -> read(d.parameters()).path("Payload"))
              .filter(p -> p.has("callback_token"))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no worker task in the history"));
      assertThat(work.path("trace_id").asText()).isEqualTo(TRACE);
    }
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static SfnClient sfn(LocalRuntime runtime) {
    return SfnClient.builder()
        .endpointOverride(runtime.stepFunctionsEndpoint())
        .region(LocalClients.REGION)
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(LocalClients.ACCESS_KEY, LocalClients.SECRET_KEY)))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }
}
