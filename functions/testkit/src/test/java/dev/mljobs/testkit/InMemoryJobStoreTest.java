package dev.mljobs.testkit;

import dev.mljobs.core.job.JobStore;

class InMemoryJobStoreTest extends JobStoreContract {

  @Override
  protected JobStore newStore(SettableClock clock) {
    return new InMemoryJobStore(clock);
  }
}
