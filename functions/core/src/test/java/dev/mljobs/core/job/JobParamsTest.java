package dev.mljobs.core.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobParamsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static List<String> fields(String jobType, String params) throws Exception {
    return JobParams.check(jobType, (ObjectNode) JSON.readTree(params)).stream()
        .map(JobParams.Error::field)
        .toList();
  }

  @Test
  void a_batch_inference_job_over_a_prefix_or_a_manifest_is_accepted() throws Exception {
    assertThat(
            fields(
                "batch_inference",
                "{\"model_id\":\"m\",\"task_type\":\"object_detection\","
                    + "\"input_uri\":\"s3://bucket/images/\",\"batch_size\":16,"
                    + "\"confidence_threshold\":0.3,\"iou_threshold\":0.5,\"max_detections\":50}"))
        .isEmpty();
    assertThat(
            fields(
                "batch_inference",
                "{\"model_id\":\"m\",\"task_type\":\"txt2embed\","
                    + "\"input_uri\":\"s3://bucket/lists/today.txt\",\"batch_size\":256}"))
        .isEmpty();
  }

  @Test
  void a_batch_inference_job_names_each_wrong_field() throws Exception {
    assertThat(fields("batch_inference", "{}"))
        .containsExactly("params.model_id", "params.task_type", "params.input_uri");
    assertThat(
            fields(
                "batch_inference",
                "{\"model_id\":\"m\",\"task_type\":\"image_classification\","
                    + "\"input_uri\":\"https://bucket/x/\",\"batch_size\":65,\"top_k\":0,"
                    + "\"confidence_threshold\":2,\"iou_threshold\":\"high\",\"max_detections\":1.5}"))
        .containsExactly(
            "params.input_uri",
            "params.batch_size",
            "params.top_k",
            "params.max_detections",
            "params.confidence_threshold",
            "params.iou_threshold");
    assertThat(
            fields(
                "batch_inference",
                "{\"model_id\":\"m\",\"task_type\":\"sentiment\",\"input_uri\":\"s3:///x\"}"))
        .containsExactly("params.task_type", "params.input_uri");
  }

  @Test
  void an_inference_job_with_image_uris_must_name_s3_objects() throws Exception {
    String base = "{\"model_id\":\"m\",\"task_type\":\"image_classification\",\"input_data\":";
    assertThat(fields("inference", base + "{\"image_uris\":[\"s3://b/a.png\"]}}")).isEmpty();
    assertThat(fields("inference", base + "{\"image_uris\":[\"s3://b/a.png\",\"/tmp/b.png\",7]}}"))
        .containsExactly("params.input_data.image_uris[1]", "params.input_data.image_uris[2]");
    assertThat(fields("inference", base + "{\"image_uris\":[]}}"))
        .containsExactly("params.input_data.image_uris");
  }

  @Test
  void an_empty_text_is_refused_at_submission() throws Exception {
    String base = "{\"model_id\":\"m\",\"task_type\":\"txt2embed\",\"input_data\":";
    assertThat(fields("inference", base + "{\"text\":\"  \"}}"))
        .containsExactly("params.input_data.text");
    assertThat(fields("inference", base + "{\"texts\":[\"a\",\"\"]}}"))
        .containsExactly("params.input_data.texts[1]");
  }

  @Test
  void a_known_job_type_that_no_worker_runs_yet_is_refused_naming_those_that_run()
      throws Exception {
    for (JobType type : JobType.values()) {
      List<JobParams.Error> errors =
          JobParams.check(type.wireName(), JSON.createObjectNode().put("seconds", 0));
      if (type.runnable()) {
        assertThat(errors).as(type.wireName()).noneMatch(e -> e.field().equals("job_type"));
      } else {
        assertThat(errors)
            .as(type.wireName())
            .singleElement()
            .satisfies(
                e -> {
                  assertThat(e.field()).isEqualTo("job_type");
                  assertThat(e.message())
                      .isEqualTo(
                          "no worker runs '"
                              + type.wireName()
                              + "' jobs yet; submit one of batch_inference, inference, sleep");
                });
      }
    }
    assertThat(JobType.runnableNames()).containsExactly("batch_inference", "inference", "sleep");
    assertThat(fields("translation", "{}")).containsExactly("job_type");
  }
}
