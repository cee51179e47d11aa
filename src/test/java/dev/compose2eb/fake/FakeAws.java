package dev.compose2eb.fake;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiConsumer;

/**
 * A stateful fake of the AWS control plane the deploy code uses (Elastic Beanstalk, IAM, STS, ECR API), served
 * over real HTTP on 127.0.0.1 with the real wire protocols, so tests drive the real SDK clients at it. See the
 * package documentation for what it covers and how to script it.
 */
public final class FakeAws implements AutoCloseable {
  private static final Set<String> WRITES = Set.of(
      "CreateStorageLocation", "CreateApplication", "CreateApplicationVersion", "DeleteApplicationVersion",
      "CreateEnvironment", "UpdateEnvironment", "TerminateEnvironment", "RebuildEnvironment", "CreateRole",
      "AttachRolePolicy",
      "CreateInstanceProfile", "AddRoleToInstanceProfile", "PutRolePolicy", "CreateRepository",
      "PutParameter", "DeleteParameter", "CreateSecret", "PutSecretValue", "DeleteSecret");

  private record QueryService(String namespace, Map<String, BiConsumer<Params, Xml>> actions) {}


  private final Object lock = new Object();
  private final Context ctx;
  private final EbApplications applications;
  private final EbPlatforms platforms;
  private final EbEnvironments environments;
  private final IamService iam;
  private final StsService sts;
  private final EcrService ecr;
  private final SsmService ssm;
  private final SecretsManagerService secretsManager;
  private final Map<String, QueryService> query;
  private final Map<String, Deque<Fault>> faults = new HashMap<>();
  private final List<Call> calls = new ArrayList<>();
  private final HttpServer server;
  private final ExecutorService executor;
  private Optional<URI> s3Endpoint = Optional.empty();

  private FakeAws(String region) throws IOException {
    ctx = new Context(region);
    iam = new IamService(ctx);
    applications = new EbApplications(ctx, this::versionUsers);
    platforms = new EbPlatforms(ctx);
    environments = new EbEnvironments(ctx, applications, platforms, iam::instanceProfileProblem);
    Map<String, BiConsumer<Params, Xml>> eb = new HashMap<>(applications.actions());
    eb.putAll(platforms.actions());
    eb.putAll(environments.actions());
    sts = new StsService(ctx);
    ecr = new EcrService(ctx);
    ssm = new SsmService(ctx);
    secretsManager = new SecretsManagerService(ctx);
    query = Map.of(
        "elasticbeanstalk", new QueryService(EbEnvironments.NAMESPACE, eb),
        "iam", new QueryService(IamService.NAMESPACE, iam.actions()),
        "sts", new QueryService(StsService.NAMESPACE, sts.actions()));
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    executor = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "fake-aws");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  private List<String> versionUsers(String application, String label) {
    return environments.usersOf(application, label);
  }

  /** Starts a fake for us-east-1 on an ephemeral port. */
  public static FakeAws start() {
    return start("us-east-1");
  }

  public static FakeAws start(String region) {
    try {
      return new FakeAws(region);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  // ---- connection details ----------------------------------------------------------------------------

  /** One endpoint for every service (routing is by the SigV4 credential scope). */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public String region() {
    return ctx.region();
  }

  /** The only access key id the fake accepts (others get InvalidClientTokenId). Signatures are not checked. */
  public String accessKeyId() {
    return "AKIDFAKEAWS0000000001";
  }

  public String secretAccessKey() {
    return "fake-secret-access-key";
  }

  public String account() {
    synchronized (lock) {
      return ctx.account();
    }
  }

  /**
   * Environment variables that point the SDK default chains at the fake (AWS_ENDPOINT_URL, static keys,
   * AWS_REGION, and AWS_ENDPOINT_URL_S3 once {@link #s3Endpoint(URI)} is set), for in-process CLI runs.
   */
  public Map<String, String> sdkEnvironment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("AWS_ENDPOINT_URL", endpoint().toString());
    env.put("AWS_ACCESS_KEY_ID", accessKeyId());
    env.put("AWS_SECRET_ACCESS_KEY", secretAccessKey());
    env.put("AWS_REGION", region());
    s3Endpoint().ifPresent(u -> env.put("AWS_ENDPOINT_URL_S3", u.toString()));
    return env;
  }

  /**
   * Where the environments' stacks read source bundles (for the dynamic references of their
   * .ebextensions Resources, resolved against this fake's SSM parameters); set by LocalS3.
   */
  public FakeAws bundleStore(java.util.function.BiFunction<String, String, Optional<byte[]>> read) {
    synchronized (lock) {
      environments.stackInputs(read, name -> ssm.parameter(name).isPresent());
    }
    return this;
  }

  /**
   * Runs when CreateStorageLocation first creates EB's bucket, so that a test can create it in the
   * real S3 server too, as EB does.
   */
  public FakeAws onStorageLocationCreated(java.util.function.Consumer<String> hook) {
    ctx.storageCreated = hook;
    return this;
  }

  /** Where S3 really is (e.g. an in-process s3proxy); the fake itself answers S3 with NotImplemented. */
  public FakeAws s3Endpoint(URI endpoint) {
    synchronized (lock) {
      s3Endpoint = Optional.of(endpoint);
    }
    return this;
  }

  public Optional<URI> s3Endpoint() {
    synchronized (lock) {
      return s3Endpoint;
    }
  }

  // ---- configuration and scripting ------------------------------------------------------------------

  /** The identity STS reports; the account also appears in ARNs, the EB bucket and the ECR host. */
  public FakeAws identity(String account, String arn, String userId) {
    synchronized (lock) {
      ctx.account(account);
      sts.identity(arn, userId);
    }
    return this;
  }

  /** Clock for dates (events, creation dates); stamps stay strictly increasing whatever it says. */
  public FakeAws clock(Clock clock) {
    ctx.times.clock(clock);
    return this;
  }

  /** Polls (DescribeEnvironments, DescribeEvents, DescribeEnvironmentHealth, tick) an operation takes; default 3. */
  public FakeAws pollsToComplete(int polls) {
    synchronized (lock) {
      environments.pollsToComplete(polls);
    }
    return this;
  }

  /** DescribeApplicationVersions calls before a version created with Process=true is processed; default 2. */
  public FakeAws pollsToProcess(int polls) {
    synchronized (lock) {
      applications.pollsToProcess(polls);
    }
    return this;
  }

  /** The next environment operation started succeeds, then reports this health (Green, Yellow, Red, Grey). */
  public FakeAws nextDeployHealth(String color) {
    synchronized (lock) {
      environments.script(new EbEnvironments.Outcome(EbEnvironments.Ending.SUCCESS, color));
    }
    return this;
  }

  /**
   * The next environment operation started fails: failure events, health Red, and for an update the previous
   * version label and option settings come back (as EB reverts them).
   */
  public FakeAws nextDeployFails() {
    synchronized (lock) {
      environments.script(new EbEnvironments.Outcome(EbEnvironments.Ending.FAILURE, "Red"));
    }
    return this;
  }

  /**
   * The next environment operation started fails as {@link #nextDeployFails()}, with {@code cause} as an ERROR
   * event first (e.g. "The instance profile aws-elasticbeanstalk-ec2-role associated with the environment does
   * not exist.").
   */
  public FakeAws nextDeployFails(String cause) {
    synchronized (lock) {
      environments.script(new EbEnvironments.Outcome(EbEnvironments.Ending.FAILURE, List.of("Red"), List.of(),
          cause));
    }
    return this;
  }

  /**
   * The next environment operation started succeeds, then its health is {@code healths.get(0)}, and each later
   * poll moves to the next colour (the last one stays): a late Red after a first Green, a brief Yellow.
   * DescribeEnvironmentHealth reports {@code causes} while the colour is Yellow or Red (default causes when
   * empty).
   */
  public FakeAws nextDeployHealth(List<String> healths, List<String> causes) {
    synchronized (lock) {
      environments.script(new EbEnvironments.Outcome(EbEnvironments.Ending.SUCCESS, List.copyOf(healths),
          List.copyOf(causes), ""));
    }
    return this;
  }

  /** The next environment operation ends with EB terminating the environment (after {@code cause}, if any). */
  public FakeAws nextDeployTerminates(String cause) {
    synchronized (lock) {
      environments.script(new EbEnvironments.Outcome(EbEnvironments.Ending.TERMINATED, List.of("Grey"),
          List.of(), cause));
    }
    return this;
  }

  /**
   * The next update is a configuration change EB rolls back by itself: "Failed to deploy configuration.", "The
   * environment was reverted to the previous configuration setting.", the old options and version back, Ready,
   * health unchanged, and no "complete, but with errors" event.
   */
  public FakeAws nextUpdateReverted() {
    synchronized (lock) {
      environments.script(new EbEnvironments.Outcome(EbEnvironments.Ending.REVERTED, "Green"));
    }
    return this;
  }

  /**
   * IAM propagation delay: after every IAM change, the next {@code uses} CreateEnvironment calls answer
   * InvalidParameterValue "The instance profile X associated with the environment does not exist." as EB does
   * before the change has reached it. Default 0.
   */
  public FakeAws iamPropagationDelay(int uses) {
    synchronized (lock) {
      iam.propagationDelay(uses);
    }
    return this;
  }

  /** The next environment operation started never finishes: Launching/Updating forever. */
  public FakeAws nextDeployStuck() {
    synchronized (lock) {
      environments.script(new EbEnvironments.Outcome(EbEnvironments.Ending.STUCK, "Grey"));
    }
    return this;
  }

  /** The next version created with Process=true ends Failed instead of Processed. */
  public FakeAws nextVersionProcessingFails() {
    synchronized (lock) {
      applications.failNextProcessing();
    }
    return this;
  }

  /** Cap on application versions (TooManyApplicationVersionsException beyond it); default 1000. */
  public FakeAws maxApplicationVersions(int max) {
    synchronized (lock) {
      applications.maxVersions(max);
    }
    return this;
  }

  /**
   * Whether the account may still create launch configurations. Default false, like accounts created since
   * 2024: a launch then fails unless {@code aws:autoscaling:launchconfiguration DisableIMDSv1=true}.
   */
  public FakeAws allowLaunchConfigurations(boolean allowed) {
    synchronized (lock) {
      environments.launchConfigurationsAllowed(allowed);
    }
    return this;
  }

  /** Replaces the ListPlatformVersions catalogue (default {@link Platform#defaults()}). */
  public FakeAws platforms(List<Platform> platforms) {
    synchronized (lock) {
      this.platforms.platforms(platforms);
    }
    return this;
  }

  /** Advances every environment operation in flight by one poll, without an API call. */
  public void tick() {
    synchronized (lock) {
      environments.tick();
    }
  }

  public void tick(int polls) {
    for (int i = 0; i < polls; i++) {
      tick();
    }
  }

  /**
   * What GetAuthorizationToken returns: base64 {@code user:password} and {@code proxyEndpoint}. Repository
   * URIs then use the endpoint's host:port, so a test can point them at a local registry.
   */
  public FakeAws ecrAuthorization(String user, String password, URI proxyEndpoint) {
    synchronized (lock) {
      ecr.authorization(user, password, proxyEndpoint);
    }
    return this;
  }

  /** Host of repository URIs: {@code <account>.dkr.ecr.<region>.amazonaws.com} or the configured registry. */
  public String registryHost() {
    synchronized (lock) {
      return ecr.registryHost();
    }
  }

  // ---- faults ------------------------------------------------------------------------------------------

  /** The next call of {@code action} (e.g. "UpdateEnvironment", or "*" for any) gets {@code fault}. */
  public FakeAws inject(String action, Fault fault) {
    return inject(action, fault, 1);
  }

  /** The next {@code times} calls of {@code action} get {@code fault} (queued after earlier injections). */
  public FakeAws inject(String action, Fault fault, int times) {
    synchronized (lock) {
      Deque<Fault> queue = faults.computeIfAbsent(action, a -> new ArrayDeque<>());
      for (int i = 0; i < times; i++) {
        queue.add(fault);
      }
    }
    return this;
  }

  public void clearFaults() {
    synchronized (lock) {
      faults.clear();
    }
  }

  private Optional<Fault> takeFault(String action) {
    synchronized (lock) {
      for (String key : List.of(action, "*")) {
        Deque<Fault> queue = faults.get(key);
        if (queue != null && !queue.isEmpty()) {
          return Optional.of(queue.poll());
        }
      }
      return Optional.empty();
    }
  }

  // ---- call log ----------------------------------------------------------------------------------------

  /** Every request so far, including faulted and failed ones, in the order they were answered. */
  public List<Call> calls() {
    synchronized (lock) {
      return List.copyOf(calls);
    }
  }

  /** Requests for {@code action} so far (every attempt, retries included). */
  public int count(String action) {
    synchronized (lock) {
      return (int) calls.stream().filter(c -> c.action().equals(action)).count();
    }
  }

  /** Calls of actions that can change state, whether or not they did ({@link Call#changedState()} says). */
  public List<Call> writeCalls() {
    synchronized (lock) {
      return calls.stream().filter(Call::write).toList();
    }
  }

  public void clearCalls() {
    synchronized (lock) {
      calls.clear();
    }
  }

  // ---- state, for assertions -------------------------------------------------------------------------

  /** The live (not terminated) environment of that name. */
  public Optional<EnvironmentState> environment(String name) {
    synchronized (lock) {
      return environments.environment(name);
    }
  }

  /** Versions of the application, newest first. */
  public List<VersionState> applicationVersions(String application) {
    synchronized (lock) {
      return applications.versions(application);
    }
  }

  public List<String> applications() {
    synchronized (lock) {
      return applications.applications();
    }
  }

  /** Every EB event message so far, oldest first. */
  public List<String> eventMessages() {
    synchronized (lock) {
      return environments.eventMessages();
    }
  }

  /** The bucket CreateStorageLocation returns: {@code elasticbeanstalk-<region>-<account>}. */
  public String storageBucket() {
    synchronized (lock) {
      return applications.bucket();
    }
  }

  public List<String> repositories() {
    synchronized (lock) {
      return ecr.repositories();
    }
  }

  public List<String> attachedRolePolicies(String role) {
    synchronized (lock) {
      return iam.attachedPolicies(role);
    }
  }

  /** The role's trust policy as it was given to CreateRole (not URL-encoded). */
  public Optional<String> trustPolicy(String role) {
    synchronized (lock) {
      return iam.trustPolicy(role);
    }
  }

  /** The ResourceLifecycleConfig the application was created with, flattened; empty when none. */
  public Map<String, String> applicationLifecycle(String application) {
    synchronized (lock) {
      return applications.lifecycle(application);
    }
  }

  public List<String> instanceProfileRoles(String profile) {
    synchronized (lock) {
      return iam.instanceProfileRoles(profile);
    }
  }

  /** Names of the SSM parameters, sorted. */
  public List<String> parameterNames() {
    synchronized (lock) {
      return ssm.names();
    }
  }

  /** The current value of an SSM parameter (for assertions: the fake is where secrets may be). */
  public Optional<String> parameterValue(String name) {
    synchronized (lock) {
      return ssm.parameter(name).map(SsmService.Parameter::value);
    }
  }

  /** The type of an SSM parameter: String, StringList or SecureString. */
  public Optional<String> parameterType(String name) {
    synchronized (lock) {
      return ssm.parameter(name).map(SsmService.Parameter::type);
    }
  }

  /** The ARN SSM gives a parameter of that name. */
  public String parameterArn(String name) {
    synchronized (lock) {
      return ssm.arn(name);
    }
  }

  /** Names of the Secrets Manager secrets, sorted. */
  public List<String> secretNames() {
    synchronized (lock) {
      return secretsManager.names();
    }
  }

  public Optional<String> secretValue(String name) {
    synchronized (lock) {
      return secretsManager.secret(name).map(SecretsManagerService.Secret::value);
    }
  }

  /** The inline policy document of a role, as given to PutRolePolicy. */
  public Optional<String> rolePolicy(String role, String policy) {
    synchronized (lock) {
      return iam.rolePolicy(role, policy);
    }
  }

  // ---- HTTP ------------------------------------------------------------------------------------------

  private void handle(HttpExchange exchange) throws IOException {
    try {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String target = Optional.ofNullable(exchange.getRequestHeaders().getFirst("X-Amz-Target")).orElse("");
      Optional<Wire.Scope> scope = Wire.scope(exchange.getRequestHeaders().getFirst("Authorization"));
      String service = scope.map(Wire.Scope::service).orElse(target.isEmpty() ? "unknown" : "ecr");
      boolean isJson = !target.isEmpty();
      Map<String, String> params = isJson ? Wire.flattenJson(body) : Wire.form(body);
      String action = isJson ? target.substring(target.indexOf('.') + 1) : params.getOrDefault("Action", "");
      params.remove("Action");
      params.remove("Version");

      Optional<Fault> fault = takeFault(action);
      if (fault.isPresent() && fault.get() instanceof Fault.Slow slow) {
        try {
          Thread.sleep(slow.delay().toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      if (fault.isPresent() && fault.get() instanceof Fault.ConnectionReset) {
        record(scope, service, action, params, body, 0, false);
        return; // closing the exchange before any response headers closes the connection
      }
      Wire.Reply reply;
      String requestId;
      synchronized (lock) {
        requestId = ctx.nextRequest();
        long before = ctx.changes();
        reply = answer(scope, service, action, isJson, params, body, fault, requestId);
        record(scope, service, action, params, body, reply.status(), ctx.changes() != before);
      }
      byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", reply.contentType());
      exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
      exchange.sendResponseHeaders(reply.status(), bytes.length);
      exchange.getResponseBody().write(bytes);
    } finally {
      exchange.close();
    }
  }

  private void record(Optional<Wire.Scope> scope, String service, String action, Map<String, String> params,
      String body, int status, boolean changed) {
    synchronized (lock) {
      calls.add(new Call(service, action, scope.map(Wire.Scope::region).orElse(""), params, body, status,
          WRITES.contains(action), changed));
    }
  }

  private Wire.Reply answer(Optional<Wire.Scope> scope, String service, String action, boolean isJson,
      Map<String, String> params, String body, Optional<Fault> fault, String requestId) {
    String namespace = Optional.ofNullable(query.get(service)).map(QueryService::namespace).orElse("");
    try {
      if (service.equals("s3")) {
        return new Wire.Reply(501, "application/xml", "<Error><Code>NotImplemented</Code><Message>FakeAws does not"
            + " serve S3: run s3proxy and use FakeAws.s3Endpoint(uri)</Message></Error>");
      }
      if (scope.isEmpty()) {
        throw new AwsError(403, isJson ? "MissingAuthenticationTokenException" : "MissingAuthenticationToken",
            "Request is missing Authentication Token");
      }
      if (!scope.get().accessKey().equals(accessKeyId())) {
        throw new AwsError(403, isJson ? "UnrecognizedClientException" : "InvalidClientTokenId",
            "The security token included in the request is invalid.");
      }
      if (fault.isPresent() && fault.get() instanceof Fault.Throttle) {
        throw AwsError.sender(isJson ? "ThrottlingException" : "Throttling", "Rate exceeded");
      }
      if (fault.isPresent() && fault.get() instanceof Fault.ServerError) {
        throw new AwsError(500, isJson ? "ServerException" : "InternalFailure",
            "We encountered an internal error. Please try again.");
      }
      return isJson ? json(service, action, body) : query(service, action, params, requestId);
    } catch (AwsError e) {
      return isJson ? Wire.jsonError(e) : Wire.queryError(e, namespace, requestId);
    }
  }

  private Wire.Reply query(String service, String action, Map<String, String> params, String requestId) {
    QueryService s = query.get(service);
    if (s == null) {
      throw AwsError.sender("InvalidAction", "FakeAws does not serve the service " + service + ".");
    }
    BiConsumer<Params, Xml> handler = s.actions().get(action);
    if (handler == null) {
      throw AwsError.sender("InvalidAction", "Could not find operation " + action + " for " + service + ".");
    }
    Xml result = new Xml();
    handler.accept(new Params(params), result);
    return Wire.querySuccess(action, s.namespace(), result, requestId);
  }

  /** JSON 1.1 services, routed by the signing name of the credential scope. */
  private Wire.Reply json(String service, String action, String body) {
    var actions = switch (service) {
      case "ssm" -> ssm.actions();
      case "secretsmanager" -> secretsManager.actions();
      default -> ecr.actions();
    };
    var handler = actions.get(action);
    if (handler == null) {
      throw AwsError.sender("UnknownOperationException", "FakeAws does not implement " + service + " "
          + action + ".");
    }
    return Wire.jsonSuccess(handler.apply(Wire.json(body)));
  }
}
