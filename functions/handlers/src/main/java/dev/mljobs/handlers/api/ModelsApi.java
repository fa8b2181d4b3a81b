package dev.mljobs.handlers.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mljobs.core.Clock;
import dev.mljobs.core.model.DuplicateModelException;
import dev.mljobs.core.model.InvalidModelException;
import dev.mljobs.core.model.Model;
import dev.mljobs.core.model.ModelCatalog;
import dev.mljobs.core.model.ModelRequest;
import dev.mljobs.core.storage.OwnerSpaces;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;

/** The model routes of the API: register, list, get. */
public final class ModelsApi {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ModelCatalog catalog;
  private final Clock clock;
  private final OwnerSpaces spaces;

  public ModelsApi(ModelCatalog catalog, Clock clock, OwnerSpaces spaces) {
    this.catalog = catalog;
    this.clock = clock;
    this.spaces = spaces;
  }

  APIGatewayV2HTTPResponse register(ApiRequest request) {
    String owner = request.owner();
    Model model;
    try {
      model =
          ModelRequest.parse(request.jsonBody(), owner, clock.now().truncatedTo(ChronoUnit.MILLIS));
    } catch (InvalidModelException e) {
      throw invalid(e);
    }
    if (!catalog.canRegister()) {
      throw Problem.unavailable("models cannot be registered in this deployment");
    }
    try {
      catalog.register(model, spaces.of(owner));
    } catch (InvalidModelException e) {
      throw invalid(e);
    } catch (DuplicateModelException e) {
      throw Problem.conflict(
          "model " + model.modelId() + " already exists; register a new version under a new id");
    }
    return ApiResponses.json(
        201, model.json(), Map.of("Location", "/v1/models/" + model.modelId()));
  }

  APIGatewayV2HTTPResponse list(ApiRequest request) {
    ArrayNode models = JSON.createArrayNode();
    catalog.list(request.owner()).forEach(m -> models.add(m.json()));
    ObjectNode body = JSON.createObjectNode();
    body.set("models", models);
    return ApiResponses.json(200, body);
  }

  /**
   * @param id the rest of the path after {@code /v1/models/}: an id with {@code /} comes as more
   *     segments or with its slashes encoded as {@code %2F}
   */
  APIGatewayV2HTTPResponse get(ApiRequest request, String id) {
    String owner = request.owner();
    String modelId;
    try {
      modelId = URLDecoder.decode(id, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw Problem.notFound("model not found: the id is not URL-encoded well");
    }
    if (!ModelRequest.isModelId(modelId)) {
      throw Problem.notFound(
          "model not found: a model id is at most "
              + ModelRequest.MAX_ID_LENGTH
              + " bytes of letters, digits, '.', '_', '-' and '/'");
    }
    Optional<Model> model = catalog.find(owner, modelId);
    return ApiResponses.json(
        200, model.orElseThrow(() -> Problem.notFound("model " + modelId + " not found")).json());
  }

  private static Problem invalid(InvalidModelException e) {
    return Problem.invalid(
        e.errors().stream().map(f -> new Problem.FieldError(f.field(), f.message())).toList());
  }
}
