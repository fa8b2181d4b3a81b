package dev.mljobs.testkit;

import dev.mljobs.core.schedule.ScheduleStore;

class InMemoryScheduleStoreTest extends ScheduleStoreContract {

  @Override
  protected ScheduleStore newStore() {
    return new InMemoryScheduleStore();
  }
}
