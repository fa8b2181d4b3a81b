package dev.mljobs.core.template;

import dev.mljobs.core.job.JobParams;
import dev.mljobs.core.job.NewJob;
import dev.mljobs.core.model.FieldError;
import dev.mljobs.core.model.ModelCatalog;
import dev.mljobs.core.storage.OwnerSpaces;
import java.util.List;

/**
 * The checks a job request passes at submission, in the order the API applies them: its params for
 * its type ({@link JobParams#check}), then the S3 URIs it names against its owner's space, then the
 * model it names. Used for a template (checked as the job it would make) and for a job made from
 * one, so that both are refused exactly as a job submitted directly.
 */
public final class JobChecks {

  private final ModelCatalog models;
  private final OwnerSpaces spaces;

  public JobChecks(ModelCatalog models, OwnerSpaces spaces) {
    this.models = models;
    this.spaces = spaces;
  }

  /**
   * The problems of the first stage that has any; empty when the request would be accepted. Stages
   * stop early as the API does: a URI or model is not looked at in params that are wrong.
   */
  public List<FieldError> problems(NewJob job) {
    List<FieldError> params = fieldErrors(JobParams.check(job.jobType(), job.params()));
    if (!params.isEmpty()) {
      return params;
    }
    List<FieldError> uris =
        fieldErrors(JobParams.checkUris(job.jobType(), job.params(), spaces.of(job.owner())));
    if (!uris.isEmpty()) {
      return uris;
    }
    return models.checkJob(job.owner(), job.params());
  }

  private static List<FieldError> fieldErrors(List<JobParams.Error> errors) {
    return errors.stream().map(e -> new FieldError(e.field(), e.message())).toList();
  }
}
