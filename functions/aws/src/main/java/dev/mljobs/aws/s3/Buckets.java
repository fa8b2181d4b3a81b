package dev.mljobs.aws.s3;

import java.util.List;

/** Every bucket of mljobs, defined once, with the key layout inside it. */
public final class Buckets {

  private Buckets() {}

  /** Job inputs uploaded by users; an object created here can start a job. */
  public static final String INPUTS = "inputs/";

  /** Job results too big for the job item, written by the worker. */
  public static final String RESULTS = "results/";

  /** ONNX models and their tokenizers, read by the worker. */
  public static final String MODELS = "models/";

  /** Inputs, results and models: the data jobs read and write. */
  public static final BucketSpec DATA = new BucketSpec("data", List.of(INPUTS, RESULTS, MODELS));

  /** Build and deployment artifacts (function packages, templates): never read by jobs. */
  public static final BucketSpec ARTIFACTS = new BucketSpec("artifacts", List.of());

  public static final List<BucketSpec> ALL = List.of(DATA, ARTIFACTS);
}
