package dev.mljobs.testkit;

import dev.mljobs.core.schedule.FiringLedger;

class InMemoryFiringLedgerTest extends FiringLedgerContract {

  @Override
  protected FiringLedger newLedger() {
    return new InMemoryFiringLedger();
  }
}
