package dev.mljobs.worker.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mljobs.worker.JobFailedException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EmbedRequestTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode params(String json) throws Exception {
    return JSON.readTree(json.replace('\'', '"'));
  }

  @Test
  void one_text_is_a_single_request_with_the_default_batch_size() throws Exception {
    EmbedRequest request =
        EmbedRequest.from(params("{'model_id':'all-MiniLM-L6-v2','input_data':{'text':'hello'}}"));

    assertThat(request.model()).isEqualTo(ModelSpec.ALL_MINILM_L6_V2);
    assertThat(request.texts()).containsExactly("hello");
    assertThat(request.single()).isTrue();
    assertThat(request.batchSize()).isEqualTo(32);
  }

  @Test
  void a_list_of_texts_keeps_its_order_and_batch_size() throws Exception {
    EmbedRequest request =
        EmbedRequest.from(
            params(
                "{'model_id':'sentence-transformers/all-MiniLM-L6-v2','batch_size':8,"
                    + "'input_data':{'texts':['b','a','c']}}"));

    assertThat(request.texts()).isEqualTo(List.of("b", "a", "c"));
    assertThat(request.single()).isFalse();
    assertThat(request.batchSize()).isEqualTo(8);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "no model | {'input_data':{'text':'x'}} | params.model_id is required",
        "unknown model | {'model_id':'bert-base','input_data':{'text':'x'}}"
            + " | params.model_id 'bert-base' is not a known model",
        "no input | {'model_id':'all-MiniLM-L6-v2'}"
            + " | params.input_data.text or params.input_data.texts is required",
        "text not a string | {'model_id':'all-MiniLM-L6-v2','input_data':{'text':3}}"
            + " | params.input_data.text must be a string",
        "empty list | {'model_id':'all-MiniLM-L6-v2','input_data':{'texts':[]}}"
            + " | params.input_data.texts must hold 1 to 2048 strings",
        "texts not a list | {'model_id':'all-MiniLM-L6-v2','input_data':{'texts':'x'}}"
            + " | params.input_data.texts must be a list of strings",
        "a non-string | {'model_id':'all-MiniLM-L6-v2','input_data':{'texts':['a',null]}}"
            + " | params.input_data.texts[1] must be a string",
        "both | {'model_id':'all-MiniLM-L6-v2','input_data':{'text':'a','texts':['b']}}"
            + " | params.input_data must have either text or texts, not both",
        "batch size 0 | {'model_id':'all-MiniLM-L6-v2','batch_size':0,'input_data':{'text':'a'}}"
            + " | params.batch_size must be an integer from 1 to 512",
        "batch size 1.5 | {'model_id':'all-MiniLM-L6-v2','batch_size':1.5,'input_data':{'text':'a'}}"
            + " | params.batch_size must be an integer from 1 to 512",
      })
  void bad_params_fail_the_job_naming_the_field(String why, String json, String message)
      throws Exception {
    JsonNode params = params(json);

    assertThatThrownBy(() -> EmbedRequest.from(params))
        .isInstanceOf(JobFailedException.class)
        .hasMessageStartingWith(message);
  }

  @Test
  void more_than_2048_texts_fail_the_job() throws Exception {
    String texts = "'a',".repeat(2049);
    JsonNode params =
        params(
            "{'model_id':'all-MiniLM-L6-v2','input_data':{'texts':["
                + texts.substring(0, texts.length() - 1)
                + "]}}");

    assertThatThrownBy(() -> EmbedRequest.from(params))
        .isInstanceOf(JobFailedException.class)
        .hasMessage("params.input_data.texts must hold 1 to 2048 strings");
  }
}
