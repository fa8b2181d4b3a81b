package dev.mljobs.testkit;

import dev.mljobs.core.group.GroupStore;

class InMemoryGroupStoreTest extends GroupStoreContract {

  @Override
  protected GroupStore newStore() {
    return new InMemoryGroupStore();
  }
}
