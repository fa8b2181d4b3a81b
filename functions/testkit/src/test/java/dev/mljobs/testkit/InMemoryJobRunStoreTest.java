package dev.mljobs.testkit;

import dev.mljobs.core.job.JobRunStore;

class InMemoryJobRunStoreTest extends JobRunStoreContract {

  @Override
  protected JobRunStore newStore() {
    return new InMemoryJobRunStore();
  }
}
