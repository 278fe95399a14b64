/**
 * Architecture diagrams generated from synthesized stacks (Terraform JSON): the request path,
 * the data stores, egress and alerting of each environment as a Mermaid flowchart, and what the
 * environment leaves out. Pure: tests feed it JSON; `npm run diagram` writes docs/architecture.md.
 */

/** The parts of a synthesized stack the generator reads. */
export interface StackJson {
  readonly resource?: Record<string, Record<string, any>>;
}

type Resources = Record<string, Record<string, any>>;

const all = (r: Resources, type: string): any[] => Object.values(r[type] ?? {});
const has = (r: Resources, type: string): boolean => all(r, type).length > 0;
const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** App Runner sizes: "1024" CPU units / MiB or "1 vCPU" / "2 GB" → "1 vCPU", "2 GB". */
function appRunnerSize(value: unknown, unit: "vCPU" | "GB", fallback: string): string {
  if (value === undefined) return fallback;
  const text = String(value);
  return /^\d+$/.test(text) ? `${Number(text) / 1024} ${unit}` : text;
}

/** The Fargate web service's shape: task size, architecture, capacity and placement. */
function fargateLabel(r: Resources): string | undefined {
  const services = all(r, "aws_ecs_service");
  if (services.length === 0) return undefined;
  return services
    .map((svc) => {
      const taskName = /aws_ecs_task_definition\.([A-Za-z0-9_]+)\./.exec(String(svc.task_definition))?.[1];
      const task = taskName ? r.aws_ecs_task_definition?.[taskName] : undefined;
      const vcpu = task ? Number(task.cpu) / 1024 : undefined;
      const gb = task ? Number(task.memory) / 1024 : undefined;
      const arch = task?.runtime_platform?.cpu_architecture === "ARM64" ? "ARM64" : "x86";
      const spot = (svc.capacity_provider_strategy ?? []).some(
        (e: any) => e.capacity_provider === "FARGATE_SPOT" && (e.weight > 0 || e.base > 0),
      );
      const target = all(r, "aws_appautoscaling_target").find((t) =>
        String(t.resource_id).includes(`.${Object.entries(r.aws_ecs_service).find(([, v]) => v === svc)![0]}.`),
      );
      const count = target ? `${target.min_capacity}-${target.max_capacity} tasks` : plural(Number(svc.desired_count ?? 1), "task");
      const where = svc.network_configuration?.assign_public_ip === true ? "public subnets, public IP" : "private subnets";
      return `ECS Fargate${spot ? " Spot" : ""}<br/>${count}, ${vcpu} vCPU / ${gb} GB ${arch}<br/>${where}`;
    })
    .join("<br/>");
}

/** What the environment leaves out, among the components any environment may have. */
export function leftOut(json: StackJson): string[] {
  const r: Resources = json.resource ?? {};
  const db = all(r, "aws_db_instance")[0];
  const out: string[] = [];
  if (!has(r, "aws_cloudfront_distribution")) out.push("CDN (CloudFront)");
  if (!has(r, "aws_wafv2_web_acl")) out.push("WAF");
  if (!has(r, "aws_acm_certificate")) out.push("custom domain with HTTPS");
  if (!has(r, "aws_lb")) out.push("load balancer");
  if (!has(r, "aws_nat_gateway")) out.push(has(r, "aws_instance") ? "NAT gateway (a NAT instance instead)" : "NAT gateway");
  if (db && db.multi_az !== true) out.push("Multi-AZ database");
  if (db && db.deletion_protection !== true) out.push("database deletion protection");
  if (!has(r, "aws_sesv2_email_identity")) out.push("email (SES)");
  if (!has(r, "aws_budgets_budget")) out.push("cost budget");
  return out;
}

/** One environment's section: a Mermaid flowchart and what it leaves out. */
export function diagramOf(stack: string, json: StackJson): string {
  const r: Resources = json.resource ?? {};
  const lines: string[] = ["flowchart LR", '  users(["Users"])'];
  const edges: string[] = [];
  let front = "users";

  const cdn = all(r, "aws_cloudfront_distribution")[0];
  if (cdn) {
    const acl = all(r, "aws_wafv2_web_acl")[0];
    const waf = acl ? `<br/>WAF, ${plural((acl.rule ?? []).length, "rule")}` : "";
    lines.push(`  cdn["CloudFront${waf}"]`);
    edges.push(`  users -->|HTTPS| cdn`);
    front = "cdn";
  }
  const alb = all(r, "aws_lb")[0];
  const https = all(r, "aws_lb_listener").some((l) => l.protocol === "HTTPS");
  const fargate = fargateLabel(r);
  const appRunner = all(r, "aws_apprunner_service")[0];
  let app: string | undefined;
  if (alb) {
    lines.push(`  alb["Application Load Balancer<br/>${https ? "HTTPS" : "HTTP only"}${alb.internal ? ", internal" : ""}"]`);
    edges.push(`  ${front} -->|${https ? "HTTPS" : "HTTP"}| alb`);
    front = "alb";
  }
  if (fargate) {
    lines.push(`  app["${fargate}"]`);
    edges.push(`  ${front} --> app`);
    app = "app";
  } else if (appRunner) {
    const cfg = appRunner.instance_configuration ?? {};
    lines.push(`  app["App Runner<br/>${appRunnerSize(cfg.cpu, "vCPU", "1 vCPU")} / ${appRunnerSize(cfg.memory, "GB", "2 GB")}"]`);
    edges.push(`  ${front} -->|HTTPS| app`);
    app = "app";
  }

  // The S3 origin: the distribution's origin with an origin access control.
  const assets = cdn ? [cdn.origin ?? []].flat().find((o: any) => o.origin_access_control_id !== undefined) : undefined;
  if (assets) {
    lines.push(`  assets[("S3 static assets")]`);
    const paths = [cdn.ordered_cache_behavior ?? []]
      .flat()
      .filter((b: any) => b.target_origin_id === assets.origin_id)
      .map((b: any) => b.path_pattern);
    edges.push(`  cdn -->|"${[...paths, "OAC"].join(", ")}"| assets`);
  }
  const db = all(r, "aws_db_instance")[0];
  if (db) {
    const traits = [
      db.multi_az ? "Multi-AZ" : "single-AZ",
      db.storage_encrypted ? "encrypted" : "unencrypted",
      db.deletion_protection ? "deletion protection" : undefined,
    ]
      .filter(Boolean)
      .join(", ");
    lines.push(
      `  db[("RDS ${db.engine === "postgres" ? "PostgreSQL" : db.engine} ${db.engine_version ?? ""}<br/>${db.instance_class}, ${traits}")]`,
    );
    if (app) edges.push(`  ${app} -->|5432, TLS| db`);
  }
  const secrets =
    all(r, "aws_secretsmanager_secret").length + all(r, "aws_db_instance").filter((d) => d.manage_master_user_password).length;
  const parameters = all(r, "aws_ssm_parameter").length;
  if (secrets + parameters > 0) {
    lines.push(`  config[("Secrets Manager: ${plural(secrets, "secret")}<br/>SSM: ${plural(parameters, "parameter")}")]`);
    if (app) edges.push(`  ${app} -.->|at start| config`);
  }
  if (has(r, "aws_ecr_repository")) {
    lines.push(`  ecr[("ECR repository")]`);
    if (app) edges.push(`  ${app} -.->|image| ecr`);
  }
  const nats = all(r, "aws_nat_gateway").length;
  const natInstance = has(r, "aws_instance");
  if (nats > 0 || natInstance) {
    lines.push(`  nat["${nats > 0 ? plural(nats, "NAT gateway") : "NAT instance (fck-nat)"}"]`);
    if (app) edges.push(`  ${app} -.->|egress| nat`);
    edges.push(`  nat -.-> internet(("Internet"))`);
  }
  if (has(r, "aws_sesv2_email_identity")) {
    lines.push(`  ses["SES sending domain"]`);
    if (app) edges.push(`  ${app} -.->|email| ses`);
  }
  const alarms = all(r, "aws_cloudwatch_metric_alarm").length;
  const topics = all(r, "aws_sns_topic").length;
  if (alarms + topics > 0) {
    const budget = has(r, "aws_budgets_budget") ? "<br/>+ cost budget" : "";
    lines.push(`  alerts["${plural(alarms, "alarm")} → ${plural(topics, "SNS topic")}${budget}"]`);
  }

  const missing = leftOut(json);
  return [
    `## ${stack}`,
    "",
    "```mermaid",
    ...lines,
    ...edges,
    "```",
    "",
    `Leaves out: ${missing.length > 0 ? missing.join(", ") : "nothing"}.`,
    "",
  ].join("\n");
}

/** The whole docs/architecture.md for these stacks, in the order given. */
export function architectureDoc(stacks: Readonly<Record<string, StackJson>>): string {
  return [
    "# Architecture",
    "",
    "<!-- Generated from the synthesized stacks by `npm run diagram`; a test regenerates it and fails when it is stale. -->",
    "",
    "Each environment as synthesized: the request path (solid arrows), what the app reads and",
    "where it sends traffic (dotted arrows), the data stores (cylinders), and what the environment",
    "leaves out. Monthly costs: `npm run cost` (see the README).",
    "",
    ...Object.entries(stacks).map(([name, json]) => diagramOf(name, json)),
  ].join("\n");
}
