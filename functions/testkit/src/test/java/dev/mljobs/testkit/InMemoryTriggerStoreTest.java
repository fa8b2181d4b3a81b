package dev.mljobs.testkit;

import dev.mljobs.core.trigger.TriggerStore;

class InMemoryTriggerStoreTest extends TriggerStoreContract {

  @Override
  protected TriggerStore newStore() {
    return new InMemoryTriggerStore();
  }
}
