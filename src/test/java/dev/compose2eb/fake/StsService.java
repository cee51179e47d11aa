package dev.compose2eb.fake;

import java.util.Map;
import java.util.function.BiConsumer;

/** STS (query protocol, API 2011-06-15): GetCallerIdentity with a configurable identity. */
final class StsService {
  static final String NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";

  private final Context ctx;
  private String arn;
  private String userId = "AIDAFAKEDEPLOYER00001";

  StsService(Context ctx) {
    this.ctx = ctx;
    this.arn = "arn:" + ctx.partition() + ":iam::" + ctx.account() + ":user/deployer";
  }

  Map<String, BiConsumer<Params, Xml>> actions() {
    return Map.of("GetCallerIdentity", (p, x) -> x
        .text("Arn", arn)
        .text("UserId", userId)
        .text("Account", ctx.account()));
  }

  void identity(String arn, String userId) {
    this.arn = arn;
    this.userId = userId;
  }
}
