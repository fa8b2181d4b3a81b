package dev.mljobs.cdk;

import dev.mljobs.aws.s3.Buckets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Size;
import software.amazon.awscdk.services.batch.EcsEc2ContainerDefinition;
import software.amazon.awscdk.services.batch.EcsJobDefinition;
import software.amazon.awscdk.services.batch.EcsMachineImage;
import software.amazon.awscdk.services.batch.EcsMachineImageType;
import software.amazon.awscdk.services.batch.JobQueue;
import software.amazon.awscdk.services.batch.ManagedEc2EcsComputeEnvironment;
import software.amazon.awscdk.services.batch.OrderedComputeEnvironment;
import software.amazon.awscdk.services.ec2.FlowLogDestination;
import software.amazon.awscdk.services.ec2.FlowLogOptions;
import software.amazon.awscdk.services.ec2.InstanceType;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.ecs.AwsLogDriver;
import software.amazon.awscdk.services.ecs.AwsLogDriverProps;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.AssetImageCodeProps;
import software.amazon.awscdk.services.lambda.DockerImageCode;
import software.amazon.awscdk.services.lambda.DockerImageFunction;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.s3.Bucket;
import software.constructs.Construct;

/**
 * Where the work runs: the worker as a Lambda container image (CPU, {@code Dockerfile.lambda}) and
 * AWS Batch for GPU jobs ({@code Dockerfile.batch-gpu} on a managed EC2 compute environment of GPU
 * instances that scales to 0 vCPUs). Both images are ECR assets built by {@code cdk deploy} from
 * the repository; synthesis only stages their context, it needs no Docker.
 */
final class Compute extends Construct {

  static final String LAMBDA_DOCKERFILE = "functions/worker/Dockerfile.lambda";
  static final String GPU_DOCKERFILE = "functions/worker/Dockerfile.batch-gpu";

  /** What the image builds never read: build output, local data, dependencies of tools. */
  static final List<String> CONTEXT_EXCLUDES =
      List.of(
          ".git",
          "**/target",
          "**/node_modules",
          "**/cdk.out",
          ".mljobs",
          "**/.mljobs",
          ".idea",
          ".vscode");

  /** The job definition's name, so that the state machine may submit any of its revisions. */
  static final String JOB_DEFINITION = "mljobs-gpu-worker";

  final DockerImageFunction worker;
  final JobQueue jobQueue;
  final EcsJobDefinition jobDefinition;
  final Vpc vpc;

  Compute(Construct scope, String id, Path root, Bucket data) {
    super(scope, id);
    LogGroup workerLogs =
        LogGroup.Builder.create(this, "WorkerLogs")
            .retention(JavaFunction.LOG_RETENTION)
            .removalPolicy(RemovalPolicy.DESTROY)
            .build();
    worker =
        DockerImageFunction.Builder.create(this, "Worker")
            .code(
                DockerImageCode.fromImageAsset(
                    root.toString(),
                    AssetImageCodeProps.builder()
                        .file(LAMBDA_DOCKERFILE)
                        .exclude(CONTEXT_EXCLUDES)
                        .build()))
            .memorySize(2048)
            .timeout(Duration.minutes(15))
            .tracing(Tracing.ACTIVE)
            .logGroup(workerLogs)
            .role(Roles.lambda(this, "WorkerRole", workerLogs))
            .description("mljobs worker (CPU, ONNX Runtime)")
            .build();
    grantWorker(data, worker.getRole());

    // Public subnets only: the GPU instances reach ECR, S3 and CloudWatch without a NAT gateway,
    // which would cost by the hour while no job runs. No inbound rule is ever opened.
    LogGroup flowLogs =
        LogGroup.Builder.create(this, "FlowLogs")
            .retention(JavaFunction.LOG_RETENTION)
            .removalPolicy(RemovalPolicy.DESTROY)
            .build();
    vpc =
        Vpc.Builder.create(this, "Vpc")
            .maxAzs(2)
            .natGateways(0)
            .subnetConfiguration(
                List.of(
                    SubnetConfiguration.builder()
                        .name("public")
                        .subnetType(SubnetType.PUBLIC)
                        .cidrMask(24)
                        .build()))
            .flowLogs(
                Map.of(
                    "all",
                    FlowLogOptions.builder()
                        .destination(FlowLogDestination.toCloudWatchLogs(flowLogs))
                        .build()))
            .build();
    ManagedEc2EcsComputeEnvironment gpus =
        ManagedEc2EcsComputeEnvironment.Builder.create(this, "Gpus")
            .vpc(vpc)
            .vpcSubnets(SubnetSelection.builder().subnetType(SubnetType.PUBLIC).build())
            .instanceTypes(List.of(new InstanceType("g4dn.xlarge"), new InstanceType("g5.xlarge")))
            .useOptimalInstanceClasses(false)
            .images(
                List.of(
                    EcsMachineImage.builder()
                        .imageType(EcsMachineImageType.ECS_AL2_NVIDIA)
                        .build()))
            .minvCpus(0)
            .maxvCpus(16)
            .build();
    jobQueue =
        JobQueue.Builder.create(this, "GpuQueue")
            .computeEnvironments(
                List.of(
                    OrderedComputeEnvironment.builder().computeEnvironment(gpus).order(1).build()))
            .build();
    Role jobRole =
        Role.Builder.create(this, "GpuJobRole")
            .assumedBy(new ServicePrincipal("ecs-tasks.amazonaws.com"))
            .build();
    grantWorker(data, jobRole);
    LogGroup batchLogs =
        LogGroup.Builder.create(this, "GpuJobLogs")
            .retention(JavaFunction.LOG_RETENTION)
            .removalPolicy(RemovalPolicy.DESTROY)
            .build();
    jobDefinition =
        EcsJobDefinition.Builder.create(this, "GpuJob")
            .jobDefinitionName(JOB_DEFINITION)
            .container(
                EcsEc2ContainerDefinition.Builder.create(this, "GpuContainer")
                    .image(
                        ContainerImage.fromAsset(
                            root.toString(),
                            software.amazon.awscdk.services.ecs.AssetImageProps.builder()
                                .file(GPU_DOCKERFILE)
                                .exclude(CONTEXT_EXCLUDES)
                                .build()))
                    .cpu(4)
                    .memory(Size.gibibytes(15))
                    .gpu(1)
                    .jobRole(jobRole)
                    .logging(
                        new AwsLogDriver(
                            AwsLogDriverProps.builder()
                                .logGroup(batchLogs)
                                .streamPrefix("gpu")
                                .build()))
                    .build())
            .build();
  }

  /** The worker reads inputs, uploads and models, and writes results (Lambda and Batch alike). */
  private static void grantWorker(Bucket data, software.amazon.awscdk.services.iam.IRole role) {
    role.addToPrincipalPolicy(Permissions.list(data));
    role.addToPrincipalPolicy(
        Permissions.objects(
            data,
            List.of("s3:GetObject"),
            Buckets.INPUTS,
            Buckets.UPLOADS,
            Buckets.MODELS,
            Buckets.RESULTS));
    role.addToPrincipalPolicy(Permissions.objects(data, List.of("s3:PutObject"), Buckets.RESULTS));
  }
}
