package dev.mljobs.aws.dynamodb;

import dev.mljobs.core.job.JobRunStore;
import dev.mljobs.core.job.JobStore;
import dev.mljobs.core.model.ModelStore;
import dev.mljobs.testkit.JobRunStoreContract;
import dev.mljobs.testkit.JobStoreContract;
import dev.mljobs.testkit.ModelStoreContract;
import dev.mljobs.testkit.SettableClock;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The store contracts once more, against LocalStack, for users with a Docker engine. Without one
 * the whole class is skipped by Testcontainers (disabledWithoutDocker); the same contracts always
 * run against DynamoDB Local ({@link DynamoDbJobStoreIT}, {@link DynamoDbJobRunStoreIT}).
 */
@Testcontainers(disabledWithoutDocker = true)
class LocalStackStoresIT {

  @Container
  static final LocalStackContainer LOCALSTACK =
      new LocalStackContainer(DockerImageName.parse("localstack/localstack:4.4"))
          .withServices(LocalStackContainer.Service.DYNAMODB);

  static DynamoDbClient dynamo() {
    return DynamoDbClient.builder()
        .endpointOverride(LOCALSTACK.getEndpoint())
        .region(Region.of(LOCALSTACK.getRegion()))
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(LOCALSTACK.getAccessKey(), LOCALSTACK.getSecretKey())))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  static TableNames freshTables(DynamoDbClient dynamo) {
    TableNames names =
        TableNames.withPrefix("ls" + UUID.randomUUID().toString().substring(0, 8) + "-");
    new TableProvisioner(dynamo).ensureTables(names);
    return names;
  }

  @Nested
  class JobStoreOnLocalStack extends JobStoreContract {
    @Override
    protected JobStore newStore(SettableClock clock) {
      DynamoDbClient dynamo = dynamo();
      return new DynamoDbJobStore(dynamo, freshTables(dynamo), clock);
    }
  }

  @Nested
  class JobRunStoreOnLocalStack extends JobRunStoreContract {
    @Override
    protected JobRunStore newStore() {
      DynamoDbClient dynamo = dynamo();
      return new DynamoDbJobRunStore(dynamo, freshTables(dynamo));
    }
  }

  @Nested
  class ModelStoreOnLocalStack extends ModelStoreContract {
    @Override
    protected ModelStore newStore() {
      DynamoDbClient dynamo = dynamo();
      return new DynamoDbModelStore(dynamo, freshTables(dynamo));
    }
  }
}
