/**
 * A stateful fake of the AWS control plane the deploy code calls, for tests that drive the real AWS SDK v2
 * clients without AWS.
 *
 * <h2>Use</h2>
 * <pre>{@code
 * try (FakeAws fake = FakeAws.start(); Sdk.Clients aws = Sdk.clients(fake)) {
 *   aws.eb().createApplication(r -> r.applicationName("shop"));
 *   ...
 *   assertThat(fake.writeCalls()).isEmpty();
 * }
 * }</pre>
 * {@link dev.compose2eb.fake.FakeAws} is a real HTTP server on 127.0.0.1 (ephemeral port). One
 * {@link dev.compose2eb.fake.FakeAws#endpoint() endpoint} serves every service: requests are routed by the
 * service in the SigV4 credential scope ({@code Credential=AKID/date/region/elasticbeanstalk/aws4_request}).
 * Only {@link dev.compose2eb.fake.FakeAws#accessKeyId()} is accepted (others get {@code InvalidClientTokenId});
 * signatures are not verified. Code under test that builds its own clients from the environment can use
 * {@link dev.compose2eb.fake.FakeAws#sdkEnvironment()} ({@code AWS_ENDPOINT_URL}, keys, region).
 * {@link dev.compose2eb.fake.Sdk#clients} builds the EB, IAM, STS, ECR, S3, SSM and Secrets Manager clients (URL-connection HTTP
 * client, static credentials, SDK default retries unless overridden).
 *
 * <h2>What it speaks</h2>
 * <ul>
 *   <li>Query protocol (form POST, XML answers {@code <XResponse><XResult>..}, errors
 *       {@code <ErrorResponse><Error><Type/><Code/><Message/>}) for:
 *   <li>STS: GetCallerIdentity ({@link dev.compose2eb.fake.FakeAws#identity}).
 *   <li>Elastic Beanstalk: CreateStorageLocation ({@code elasticbeanstalk-<region>-<account>}),
 *       CreateApplication, DescribeApplications, CreateApplicationVersion (AutoCreateApplication, Process),
 *       DescribeApplicationVersions, DeleteApplicationVersion, ListPlatformVersions (Filters with =, !=,
 *       contains, begins_with, ends_with and version-ordered &lt;, &lt;=, &gt;, &gt;=), CreateEnvironment,
 *       DescribeEnvironments, UpdateEnvironment (VersionLabel, OptionSettings, OptionsToRemove),
 *       TerminateEnvironment, RebuildEnvironment, DescribeConfigurationSettings, DescribeEvents (ApplicationName, EnvironmentName,
 *       EnvironmentId, VersionLabel, RequestId, Severity minimum, StartTime inclusive, EndTime exclusive,
 *       MaxRecords; newest first), DescribeEnvironmentHealth.
 *   <li>IAM: GetRole, CreateRole, AttachRolePolicy (known AWS managed policies of the region's partition only),
 *       ListAttachedRolePolicies, PutRolePolicy, ListRolePolicies, GetRolePolicy, GetInstanceProfile,
 *       CreateInstanceProfile, AddRoleToInstanceProfile. As real IAM, GetRole and GetRolePolicy return policy
 *       documents URL-encoded. ARNs use the region's partition ({@code cn-*}: aws-cn, {@code us-gov-*}:
 *       aws-us-gov).
 *   <li>JSON 1.1 ({@code X-Amz-Target: AmazonEC2ContainerRegistry_V20150921.X}, errors
 *       {@code {"__type","message"}}) for ECR: DescribeRepositories, CreateRepository, GetAuthorizationToken;
 *       for SSM ({@code AmazonSSM.X}): PutParameter (String, SecureString; Overwrite), GetParameter, GetParameters
 *       (InvalidParameters), GetParametersByPath (Recursive, pages of at most 10), DeleteParameter; a SecureString
 *       read without WithDecryption is an opaque blob; for Secrets Manager ({@code secretsmanager.X}):
 *       CreateSecret, PutSecretValue, GetSecretValue, DescribeSecret, DeleteSecret. JSON services are routed by
 *       the credential scope's service name. Every request body is kept in the call log
 *       ({@link dev.compose2eb.fake.Call#body()}), so a test can check that a value never went over the wire.
 *       The registry is not faked: {@link dev.compose2eb.fake.FakeAws#ecrAuthorization} points the token and
 *       repository URIs at a real local registry.
 *   <li>S3 is not faked: run s3proxy and set {@link dev.compose2eb.fake.FakeAws#s3Endpoint}; the fake answers
 *       S3 requests with 501 NotImplemented.
 *   <li>The environment's CloudFormation stack, as far as the bundle's {@code .ebextensions/*.config} reaches
 *       it: when LocalS3 holds the version's bundle ({@link dev.compose2eb.fake.FakeAws#bundleStore}), a
 *       CreateEnvironment or UpdateEnvironment that deploys it resolves its {@code {{resolve:ssm-secure:NAME}}}
 *       references against the fake's SSM parameters, and fails as CloudFormation does when one is missing
 *       ("Parameters: [ssm-secure:NAME] cannot be found."). Resources are not created, option_settings of the
 *       config are not applied.
 * </ul>
 * Error codes and messages are EB's, IAM's and ECR's where known (ebcli matches on several of them):
 * {@code InvalidParameterValue} "Application Version v1 already exists.", "No Application named 'x' found.",
 * "Environment named x is in an invalid state for this operation. Must be Ready.", "Environment must have
 * instance profile associated with it."; IAM {@code NoSuchEntity} (404), {@code EntityAlreadyExists} and
 * {@code LimitExceeded} (409); ECR {@code RepositoryNotFoundException}, {@code RepositoryAlreadyExistsException},
 * {@code InvalidParameterException}. Unknown actions get {@code InvalidAction} / {@code UnknownOperationException}.
 *
 * <h2>Environments move on polls, not time</h2>
 * CreateEnvironment answers Launching (Health Grey, no EndpointURL yet), UpdateEnvironment and
 * TerminateEnvironment answer Updating / Terminating. Every DescribeEnvironments, DescribeEvents or
 * DescribeEnvironmentHealth call, and every {@link dev.compose2eb.fake.FakeAws#tick()}, is one poll for all
 * operations in flight; the first poll emits the progress events, the
 * {@link dev.compose2eb.fake.FakeAws#pollsToComplete(int) n-th} (default 3) completes the operation: Ready, then
 * the scripted health. Nothing sleeps. Events (with the operation's RequestId) follow EB's wording:
 * "createEnvironment is starting.", "Successfully launched environment: X", "Environment update is starting.",
 * "Deploying new version to instance(s).", "Environment update completed successfully.", "Environment health
 * has transitioned from Ok to Severe.", "Failed to deploy application.", "Update environment operation is
 * complete, but with errors. ...". Versions created with Process=true are Processing until
 * {@link dev.compose2eb.fake.FakeAws#pollsToProcess(int) n} DescribeApplicationVersions calls (default 2).
 *
 * <h2>Scripting</h2>
 * Each script applies to the next environment operation started (queued, first in first out):
 * {@link dev.compose2eb.fake.FakeAws#nextDeployHealth(String)} (completes, then Green/Yellow/Red/Grey),
 * {@link dev.compose2eb.fake.FakeAws#nextDeployFails()} (failure events, health Red, previous version and option
 * settings restored), {@link dev.compose2eb.fake.FakeAws#nextDeployStuck()} (never completes),
 * {@link dev.compose2eb.fake.FakeAws#nextDeployFails(String)} (a failure with its cause event first),
 * {@link dev.compose2eb.fake.FakeAws#nextDeployHealth(java.util.List, java.util.List)} (health that changes on later
 * polls: a late Red, a brief Yellow; and the causes DescribeEnvironmentHealth reports),
 * {@link dev.compose2eb.fake.FakeAws#nextDeployTerminates(String)} (EB terminates the environment),
 * {@link dev.compose2eb.fake.FakeAws#nextUpdateReverted()} (EB rolls a configuration change back itself: "Failed to
 * deploy configuration.", "The environment was reverted ...", still Ready and Green),
 * {@link dev.compose2eb.fake.FakeAws#iamPropagationDelay(int)} (after an IAM change, CreateEnvironment answers that
 * the instance profile does not exist for that many calls). Also
 * {@link dev.compose2eb.fake.FakeAws#nextVersionProcessingFails()},
 * {@link dev.compose2eb.fake.FakeAws#maxApplicationVersions(int)}, {@link dev.compose2eb.fake.FakeAws#platforms}.
 * Realistic traps on by default: a launch fails (asynchronously, with EB's events) unless the option
 * {@code aws:autoscaling:launchconfiguration DisableIMDSv1=true} forces launch templates, as on accounts created
 * since 2024 ({@link dev.compose2eb.fake.FakeAws#allowLaunchConfigurations(boolean)} turns it off); environment
 * properties over 4,096 bytes (sum of {@code name=value}) make the update fail with CloudFormation's message and
 * revert; an empty property value removes the property; the load balancer type defaults to {@code classic}, as in
 * the API; the default platform catalogue lists ECS on AL2023
 * 4.9.1 before 4.10.0, so neither the first nor the lexically greatest version is the newest.
 *
 * <h2>Faults</h2>
 * {@link dev.compose2eb.fake.FakeAws#inject(String, Fault, int)} queues faults for the next calls of an action
 * ({@code "*"}: any): {@link dev.compose2eb.fake.Fault#THROTTLE} (400 {@code Throttling}, ECR
 * {@code ThrottlingException}), {@link dev.compose2eb.fake.Fault#SERVER_ERROR} (500), {@link
 * dev.compose2eb.fake.Fault#CONNECTION_RESET} (socket closed, no answer), {@link
 * dev.compose2eb.fake.Fault#slow(java.time.Duration)} (real answer, late). The SDK's default (legacy) retry
 * makes 4 attempts with backoff (throttling backoff is long: seconds); pass overrides to
 * {@link dev.compose2eb.fake.Sdk#clients(FakeAws, java.util.function.Consumer)} for faster tests.
 *
 * <h2>Call log</h2>
 * {@link dev.compose2eb.fake.FakeAws#calls()} lists every request (retries and faulted attempts included) with
 * service, action, region, flattened parameters ({@code OptionSettings.member.1.OptionName}; for ECR
 * {@code repositoryNames.1}), HTTP status (0 for a reset), whether the action is a write and whether it changed
 * state. {@link dev.compose2eb.fake.FakeAws#writeCalls()} is the write-action subset (CreateStorageLocation
 * included, though it changes state only the first time); {@link dev.compose2eb.fake.FakeAws#count(String)};
 * {@link dev.compose2eb.fake.FakeAws#clearCalls()} after setting up. State snapshots for assertions:
 * {@link dev.compose2eb.fake.FakeAws#environment(String)}, {@link dev.compose2eb.fake.FakeAws#applicationVersions},
 * {@link dev.compose2eb.fake.FakeAws#eventMessages()}, {@link dev.compose2eb.fake.FakeAws#repositories()},
 * {@link dev.compose2eb.fake.FakeAws#attachedRolePolicies}, {@link dev.compose2eb.fake.FakeAws#trustPolicy},
 * {@link dev.compose2eb.fake.FakeAws#instanceProfileRoles}.
 *
 * <p>State is in memory and thread-safe (one lock; slow faults sleep outside it). NextToken values are plain
 * offsets; DescribeApplications/DescribeRepositories are not paged; CreateApplicationVersion does not check that
 * the source bundle exists in S3.
 */
package dev.compose2eb.fake;
