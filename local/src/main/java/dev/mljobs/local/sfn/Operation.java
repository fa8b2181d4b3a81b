package dev.mljobs.local.sfn;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** One API operation: a request body in, a response body out. */
@FunctionalInterface
interface Operation {
  /**
   * Runs the operation.
   *
   * @return the response body
   * @throws ApiException for an error the client should see (HTTP 400)
   * @throws InterruptedException when interrupted while waiting (the server is shutting down)
   */
  ObjectNode call(Request request) throws InterruptedException;
}
