package dev.mljobs.handlers.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mljobs.core.storage.InvalidRequestException;
import dev.mljobs.core.storage.Uploads;

/** {@code POST /v1/uploads}: a presigned PUT into the caller's upload area. */
public final class UploadsApi {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Uploads uploads;

  public UploadsApi(Uploads uploads) {
    this.uploads = uploads;
  }

  APIGatewayV2HTTPResponse start(ApiRequest request) {
    Uploads.Upload upload;
    try {
      upload = uploads.start(request.owner(), request.jsonBody());
    } catch (InvalidRequestException e) {
      throw Problem.invalid(
          e.errors().stream().map(f -> new Problem.FieldError(f.field(), f.message())).toList());
    }
    ObjectNode body = JSON.createObjectNode();
    body.put("upload_url", upload.put().url());
    body.put("method", "PUT");
    ObjectNode headers = body.putObject("headers");
    upload.put().headers().forEach(headers::put);
    body.put("object_uri", upload.objectUri());
    body.put("expires_at", JobJson.time(upload.put().expiresAt()));
    return ApiResponses.json(200, body);
  }
}
