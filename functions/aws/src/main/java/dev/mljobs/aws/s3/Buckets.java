package dev.mljobs.aws.s3;

import java.util.List;

/** Every bucket of mljobs, defined once, with the key layout inside it. */
public final class Buckets {

  private Buckets() {}

  /** Files users upload through {@code POST /v1/uploads}, under {@code uploads/<owner>/}. */
  public static final String UPLOADS = "uploads/";

  /**
   * Job inputs uploaded by users, under {@code inputs/<owner>/}; an object created here can start a
   * job.
   */
  public static final String INPUTS = "inputs/";

  /** Job results too big for the job item, written by the worker. */
  public static final String RESULTS = "results/";

  /** ONNX models and their tokenizers, under {@code models/<owner>/}, read by the worker. */
  public static final String MODELS = "models/";

  /**
   * The areas of the data bucket that belong to owners: each owner may name {@code <area><owner>/…}
   * (see {@link dev.mljobs.core.storage.OwnerSpaces}); {@link #RESULTS} is no owner's, it is read
   * through the API only.
   */
  public static final List<String> OWNER_AREAS = List.of(UPLOADS, INPUTS, MODELS);

  /** Uploads, inputs, results and models: the data jobs read and write. */
  public static final BucketSpec DATA =
      new BucketSpec("data", List.of(UPLOADS, INPUTS, RESULTS, MODELS));

  /** Build and deployment artifacts (function packages, templates): never read by jobs. */
  public static final BucketSpec ARTIFACTS = new BucketSpec("artifacts", List.of());

  public static final List<BucketSpec> ALL = List.of(DATA, ARTIFACTS);
}
