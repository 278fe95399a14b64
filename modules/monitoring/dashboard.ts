import { CloudwatchDashboard } from "@cdktf/provider-aws/lib/cloudwatch-dashboard";
import { Construct } from "constructs";
import { awsContext } from "../internal/aws-context";
import { physicalName } from "../internal/naming";
import { checkIntegerRange, checkPattern, fail } from "../internal/validate";
import { DashboardAppRunnerService, DashboardEcsService, DashboardLoadBalancer } from "../core/web-compute";
import { checkResourceArn } from "../internal/arns";

export type { DashboardAppRunnerService, DashboardEcsService, DashboardLoadBalancer };

/** An RDS DB instance to chart. */
export interface DashboardDatabase {
  /** The DB instance identifier (`DBInstanceIdentifier` dimension). */
  readonly instanceIdentifier: string;
}

/** Props for {@link OperationsDashboard}. */
export interface OperationsDashboardProps {
  /** Base name `<project>-<environment>`; the dashboard is `<name>-dashboard`. */
  readonly name: string;
  /**
   * ECS services: CPU and memory (AWS/ECS), running vs desired tasks (ECS/ContainerInsights,
   * which needs Container Insights enabled on the cluster).
   * @default []
   */
  readonly services?: readonly DashboardEcsService[];
  /** ALBs: requests, target response time, target 4XX/5XX (AWS/ApplicationELB). @default [] */
  readonly loadBalancers?: readonly DashboardLoadBalancer[];
  /** RDS instances: CPU, connections, freeable memory, free storage, read/write latency. @default [] */
  readonly databases?: readonly DashboardDatabase[];
  /** App Runner services: requests and status codes, latency, CPU/memory, active instances. @default [] */
  readonly appRunnerServices?: readonly DashboardAppRunnerService[];
  /**
   * Alarm ARNs shown in an alarm status widget at the top (e.g. `Monitoring.alarms` and the
   * modules' alarms).
   * @default [] - no alarm status widget
   */
  readonly alarmArns?: readonly string[];
  /**
   * Period of each data point, seconds (60 or a multiple of 60).
   * @default 60
   */
  readonly periodSeconds?: number;
}

type Stat = "Average" | "Sum" | "Maximum" | "Minimum" | "p99";

/** One metric line of a widget. */
interface Metric {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Record<string, string>;
  readonly stat: Stat;
  readonly label?: string;
}

/** Builds one metric graph widget (region and period are the dashboard's). */
type Graph = (title: string, metrics: Metric[], unit?: string) => WidgetSpec;

/** A widget before layout. */
interface WidgetSpec {
  readonly type: "metric" | "text" | "alarm";
  readonly width: number;
  readonly height: number;
  readonly properties: Record<string, unknown>;
}

const COLUMNS = 24;
const WIDTH = 8;
const HEIGHT = 6;
/** CloudWatch refuses a dashboard body with more than 500 widgets. */
const MAX_WIDGETS = 500;

/**
 * One CloudWatch dashboard per environment with the key metrics of the app's resources, built from refs of
 * the resources in the stack (construct attributes become Terraform references inside the
 * dashboard body). Sections: alarms, ECS, ALB, RDS, App Runner; three graphs per row.
 */
export class OperationsDashboard extends Construct {
  /** The dashboard. */
  public readonly dashboard: CloudwatchDashboard;
  /** Dashboard name. */
  public readonly dashboardName: string;

  public constructor(scope: Construct, id: string, props: OperationsDashboardProps) {
    super(scope, id);
    const services = props.services ?? [];
    const loadBalancers = props.loadBalancers ?? [];
    const databases = props.databases ?? [];
    const appRunnerServices = props.appRunnerServices ?? [];
    const alarmArns = props.alarmArns ?? [];
    const period = props.periodSeconds ?? 60;
    checkIntegerRange(this, "periodSeconds", period, 60, 86400);
    if (period % 60 !== 0) fail(this, "periodSeconds", "must be 60 or a multiple of 60", period);
    alarmArns.forEach((a) => checkResourceArn(this, "alarmArns", a, "cloudwatchAlarm"));
    // Metric dimensions take these exact shapes; a full ARN or URL would chart nothing.
    loadBalancers.forEach((lb, i) => {
      checkPattern(
        this,
        `loadBalancers[${i}].loadBalancerArnSuffix`,
        lb.loadBalancerArnSuffix,
        /^app\/[A-Za-z0-9-]{1,32}\/[0-9a-f]+$/,
        "must be an ALB ARN suffix app/<name>/<id> (the load balancer's arn_suffix attribute, not its ARN)",
      );
      checkPattern(
        this,
        `loadBalancers[${i}].targetGroupArnSuffix`,
        lb.targetGroupArnSuffix,
        /^targetgroup\/[A-Za-z0-9-]{1,32}\/[0-9a-f]+$/,
        "must be a target group ARN suffix targetgroup/<name>/<id> (the target group's arn_suffix attribute, not its ARN)",
      );
    });
    appRunnerServices.forEach((s, i) =>
      checkPattern(
        this,
        `appRunnerServices[${i}].serviceId`,
        s.serviceId,
        /^[0-9a-f]{32}$/,
        "must be an App Runner service id of 32 hex characters (the service_id attribute, not the ARN or URL)",
      ),
    );
    if (services.length + loadBalancers.length + databases.length + appRunnerServices.length === 0) {
      fail(this, "services/loadBalancers/databases/appRunnerServices", "must list at least one resource to chart", props);
    }

    const name = physicalName(this, "cloudwatch", props.name, "dashboard");
    checkPattern(this, "name", name, /^[A-Za-z0-9_-]{1,255}$/, "must give a dashboard name of letters, digits, hyphens and underscores");
    const region = awsContext(this).region;

    const widgets: WidgetSpec[] = [];
    if (alarmArns.length > 0) {
      widgets.push({ type: "alarm", width: COLUMNS, height: 3, properties: { title: "Alarms", alarms: [...alarmArns] } });
    }
    const section = (title: string, charts: WidgetSpec[]): void => {
      if (charts.length === 0) return;
      widgets.push({ type: "text", width: COLUMNS, height: 1, properties: { markdown: `## ${title}` } });
      widgets.push(...charts);
    };
    const graph: Graph = (title, metrics, unit) => ({
      type: "metric",
      width: WIDTH,
      height: HEIGHT,
      properties: {
        title,
        region,
        view: "timeSeries",
        stacked: false,
        period,
        ...(unit ? { yAxis: { left: { label: unit, showUnits: false } } } : {}),
        metrics: metrics.map((m) => [
          m.namespace,
          m.metricName,
          ...Object.entries(m.dimensions).flat(),
          { stat: m.stat, ...(m.label ? { label: m.label } : {}) },
        ]),
      },
    });

    section("ECS services", ecsCharts(services, graph));
    section("Load balancers", loadBalancerCharts(loadBalancers, graph));
    section("Databases", databaseCharts(databases, graph));
    section("App Runner services", appRunnerCharts(appRunnerServices, graph));

    if (widgets.length > MAX_WIDGETS) {
      fail(
        this,
        "services/loadBalancers/databases/appRunnerServices",
        `make ${widgets.length} widgets; a dashboard holds at most ${MAX_WIDGETS}: split the resources over several dashboards`,
        widgets.length,
      );
    }
    this.dashboard = new CloudwatchDashboard(this, "Dashboard", {
      dashboardName: name,
      dashboardBody: JSON.stringify({ widgets: layout(widgets) }),
    });
    this.dashboardName = this.dashboard.dashboardName;
  }
}

/** ECS services: CPU, memory, running vs desired tasks. */
function ecsCharts(services: readonly DashboardEcsService[], graph: Graph): WidgetSpec[] {
  return services.flatMap((s) => {
    const dims = { ClusterName: s.clusterName, ServiceName: s.serviceName };
    const ecs = (metricName: string, stat: Stat): Metric => ({ namespace: "AWS/ECS", metricName, dimensions: dims, stat });
    const insights = (metricName: string, label: string): Metric => ({
      namespace: "ECS/ContainerInsights",
      metricName,
      dimensions: dims,
      stat: "Average",
      label,
    });
    return [
      graph(`${s.serviceName} CPU`, [ecs("CPUUtilization", "Average"), ecs("CPUUtilization", "Maximum")], "%"),
      graph(`${s.serviceName} memory`, [ecs("MemoryUtilization", "Average"), ecs("MemoryUtilization", "Maximum")], "%"),
      graph(`${s.serviceName} tasks`, [insights("RunningTaskCount", "running"), insights("DesiredTaskCount", "desired")]),
    ];
  });
}

/** Load balancers: requests, target response time, target 4XX/5XX, target health. */
function loadBalancerCharts(loadBalancers: readonly DashboardLoadBalancer[], graph: Graph): WidgetSpec[] {
  return loadBalancers.flatMap((lb) => {
    const dims = { LoadBalancer: lb.loadBalancerArnSuffix };
    const alb = (metricName: string, stat: Stat, dimensions: Record<string, string> = dims): Metric => ({
      namespace: "AWS/ApplicationELB",
      metricName,
      dimensions,
      stat,
    });
    const charts = [
      graph(`${lb.loadBalancerArnSuffix} requests`, [alb("RequestCount", "Sum")]),
      graph(
        `${lb.loadBalancerArnSuffix} target response time`,
        [alb("TargetResponseTime", "Average"), alb("TargetResponseTime", "p99")],
        "seconds",
      ),
      graph(`${lb.loadBalancerArnSuffix} target 4XX / 5XX`, [
        alb("HTTPCode_Target_4XX_Count", "Sum"),
        alb("HTTPCode_Target_5XX_Count", "Sum"),
      ]),
    ];
    if (lb.targetGroupArnSuffix !== undefined) {
      const tg = { TargetGroup: lb.targetGroupArnSuffix, LoadBalancer: lb.loadBalancerArnSuffix };
      charts.push(
        graph(`${lb.loadBalancerArnSuffix} target health`, [
          alb("HealthyHostCount", "Minimum", tg),
          alb("UnHealthyHostCount", "Maximum", tg),
        ]),
      );
    }
    return charts;
  });
}

/** RDS instances: CPU, connections, memory, storage, latency. */
function databaseCharts(databases: readonly DashboardDatabase[], graph: Graph): WidgetSpec[] {
  return databases.flatMap((db) => {
    const rds = (metricName: string): Metric => ({
      namespace: "AWS/RDS",
      metricName,
      dimensions: { DBInstanceIdentifier: db.instanceIdentifier },
      stat: "Average",
    });
    return [
      graph(`${db.instanceIdentifier} CPU`, [rds("CPUUtilization")], "%"),
      graph(`${db.instanceIdentifier} connections`, [rds("DatabaseConnections")]),
      graph(`${db.instanceIdentifier} freeable memory`, [rds("FreeableMemory")], "bytes"),
      graph(`${db.instanceIdentifier} free storage`, [rds("FreeStorageSpace")], "bytes"),
      graph(`${db.instanceIdentifier} read / write latency`, [rds("ReadLatency"), rds("WriteLatency")], "seconds"),
    ];
  });
}

/** App Runner services: requests and status codes, latency, CPU/memory, instances. */
function appRunnerCharts(appRunnerServices: readonly DashboardAppRunnerService[], graph: Graph): WidgetSpec[] {
  return appRunnerServices.flatMap((s) => {
    const dims = { ServiceName: s.serviceName, ServiceID: s.serviceId };
    const ar = (metricName: string, stat: Stat): Metric => ({ namespace: "AWS/AppRunner", metricName, dimensions: dims, stat });
    return [
      graph(`${s.serviceName} requests`, [ar("Requests", "Sum"), ar("4xxStatusResponses", "Sum"), ar("5xxStatusResponses", "Sum")]),
      graph(`${s.serviceName} latency`, [ar("RequestLatency", "Average"), ar("RequestLatency", "p99")], "ms"),
      graph(`${s.serviceName} CPU / memory`, [ar("CPUUtilization", "Average"), ar("MemoryUtilization", "Average")], "%"),
      graph(`${s.serviceName} active instances`, [ar("ActiveInstances", "Average")]),
    ];
  });
}

/** Place widgets left to right, wrapping at 24 columns. */
function layout(widgets: readonly WidgetSpec[]): Array<WidgetSpec & { x: number; y: number }> {
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  return widgets.map((w) => {
    if (x + w.width > COLUMNS) {
      x = 0;
      y += rowHeight;
      rowHeight = 0;
    }
    const placed = { ...w, x, y };
    x += w.width;
    rowHeight = Math.max(rowHeight, w.height);
    return placed;
  });
}
