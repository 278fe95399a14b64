import { EcsCluster } from "@cdktf/provider-aws/lib/ecs-cluster";
import { describe, expect, it } from "vitest";
import { resource, synth } from "../internal/testing";
import { OperationsDashboard, OperationsDashboardProps } from "./dashboard";

const name = "shop-prod";
const service = { clusterName: "shop-prod", serviceName: "shop-prod-web" };
const loadBalancer = {
  loadBalancerArnSuffix: "app/shop-prod/0123456789abcdef",
  targetGroupArnSuffix: "targetgroup/shop-prod-web/fedcba9876543210",
};
const database = { instanceIdentifier: "shop-prod-db" };
const appRunner = { serviceName: "shop-staging", serviceId: "0123456789abcdef0123456789abcdef" };

function dashboard(props: Omit<OperationsDashboardProps, "name">): { name: string; widgets: any[] } {
  const json = synth((s) => new OperationsDashboard(s, "Dashboard", { name, ...props }));
  const d = resource(json, "aws_cloudwatch_dashboard");
  return { name: d.dashboard_name, widgets: JSON.parse(d.dashboard_body).widgets };
}

/** Every metric line of every graph as { namespace, metric, dimensions }. */
function metrics(widgets: any[]): Array<{ namespace: string; metric: string; dimensions: Record<string, string> }> {
  return widgets
    .filter((w) => w.type === "metric")
    .flatMap((w) => w.properties.metrics)
    .map((line: any[]) => {
      const dims = line.slice(2).filter((x) => typeof x === "string");
      const dimensions: Record<string, string> = {};
      for (let i = 0; i < dims.length; i += 2) dimensions[dims[i]] = dims[i + 1];
      return { namespace: line[0], metric: line[1], dimensions };
    });
}

describe("OperationsDashboard", () => {
  it("charts seed 001's key metrics of the given service, load balancer and database", () => {
    const { name: dashboardName, widgets } = dashboard({ services: [service], loadBalancers: [loadBalancer], databases: [database] });
    expect(dashboardName).toBe("shop-prod-dashboard");
    const all = metrics(widgets);
    const names = (ns: string) => [...new Set(all.filter((m) => m.namespace === ns).map((m) => m.metric))].sort();
    expect(names("AWS/ECS")).toEqual(["CPUUtilization", "MemoryUtilization"]);
    expect(names("ECS/ContainerInsights")).toEqual(["DesiredTaskCount", "RunningTaskCount"]);
    expect(names("AWS/ApplicationELB")).toEqual(
      [
        "HTTPCode_Target_4XX_Count",
        "HTTPCode_Target_5XX_Count",
        "HealthyHostCount",
        "RequestCount",
        "TargetResponseTime",
        "UnHealthyHostCount",
      ].sort(),
    );
    expect(names("AWS/RDS")).toEqual(
      ["CPUUtilization", "DatabaseConnections", "FreeStorageSpace", "FreeableMemory", "ReadLatency", "WriteLatency"].sort(),
    );
  });

  it("uses only the dimension values it was given", () => {
    const { widgets } = dashboard({
      services: [service],
      loadBalancers: [loadBalancer],
      databases: [database],
      appRunnerServices: [appRunner],
    });
    const expected: Record<string, Record<string, string>> = {
      "AWS/ECS": { ClusterName: service.clusterName, ServiceName: service.serviceName },
      "ECS/ContainerInsights": { ClusterName: service.clusterName, ServiceName: service.serviceName },
      "AWS/RDS": { DBInstanceIdentifier: database.instanceIdentifier },
      "AWS/AppRunner": { ServiceName: appRunner.serviceName, ServiceID: appRunner.serviceId },
    };
    for (const m of metrics(widgets)) {
      if (m.namespace === "AWS/ApplicationELB") {
        expect(m.dimensions.LoadBalancer).toBe(loadBalancer.loadBalancerArnSuffix);
        if (m.dimensions.TargetGroup) expect(m.dimensions.TargetGroup).toBe(loadBalancer.targetGroupArnSuffix);
      } else {
        expect(m.dimensions).toEqual(expected[m.namespace]);
      }
    }
    for (const w of widgets.filter((x) => x.type === "metric")) expect(w.properties.region).toMatch(/data\.aws_region/);
  });

  it("turns construct attributes into Terraform references", () => {
    const json = synth((s) => {
      const cluster = new EcsCluster(s, "Cluster", { name: "shop-prod" });
      new OperationsDashboard(s, "Dashboard", { name, services: [{ clusterName: cluster.name, serviceName: "web" }] });
    });
    const body = JSON.parse(resource(json, "aws_cloudwatch_dashboard").dashboard_body);
    const clusters = metrics(body.widgets).map((m) => m.dimensions.ClusterName);
    expect(clusters.length).toBeGreaterThan(0);
    expect(new Set(clusters)).toEqual(new Set(["${aws_ecs_cluster.Cluster.name}"]));
  });

  it("lays widgets out without overlap inside 24 columns", () => {
    const { widgets } = dashboard({
      services: [service],
      databases: [database],
      alarmArns: ["arn:aws:cloudwatch:us-east-1:123456789012:alarm:x"],
    });
    expect(widgets[0]).toMatchObject({ type: "alarm", properties: { alarms: ["arn:aws:cloudwatch:us-east-1:123456789012:alarm:x"] } });
    const cells = new Set<string>();
    for (const w of widgets) {
      expect(w.x + w.width).toBeLessThanOrEqual(24);
      for (let x = w.x; x < w.x + w.width; x++)
        for (let y = w.y; y < w.y + w.height; y++) {
          expect(cells.has(`${x},${y}`)).toBe(false);
          cells.add(`${x},${y}`);
        }
    }
  });

  it("fails on an alarm ARN that is not a CloudWatch ARN", () => {
    expect(() => dashboard({ databases: [database], alarmArns: ["arn:aws:sns:us-east-1:123456789012:topic"] })).toThrow(
      /Dashboard: alarmArns must be a CloudWatch alarm ARN .*got "arn:aws:sns:us-east-1:123456789012:topic"/,
    );
  });

  it("fails on dimension values of the wrong shape: a full ARN instead of an ARN suffix, an App Runner ARN instead of its id", () => {
    const albArn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/shop-prod/0123456789abcdef";
    expect(() => dashboard({ loadBalancers: [{ loadBalancerArnSuffix: albArn }] })).toThrow(
      /Dashboard: loadBalancers\[0\]\.loadBalancerArnSuffix must be an ALB ARN suffix app\/<name>\/<id> .*got "arn:aws:elasticloadbalancing:/,
    );
    expect(() => dashboard({ loadBalancers: [{ ...loadBalancer, targetGroupArnSuffix: "shop-prod-web" }] })).toThrow(
      /Dashboard: loadBalancers\[0\]\.targetGroupArnSuffix must be a target group ARN suffix .*got "shop-prod-web"/,
    );
    expect(() =>
      dashboard({ appRunnerServices: [{ ...appRunner, serviceId: "arn:aws:apprunner:us-east-1:123456789012:service/shop/0123" }] }),
    ).toThrow(
      /Dashboard: appRunnerServices\[0\]\.serviceId must be an App Runner service id of 32 hex characters .*got "arn:aws:apprunner:/,
    );
  });

  it("fails on a name that makes an invalid dashboard name", () => {
    expect(() => synth((s) => new OperationsDashboard(s, "Dashboard", { name: "shop prod", databases: [database] }))).toThrow(
      /Dashboard: name must give a dashboard name of letters, digits, hyphens and underscores, got "shop prod-dashboard"/,
    );
  });

  it("fails past CloudWatch's 500 widgets per dashboard", () => {
    const databases = Array.from({ length: 100 }, (_, i) => ({ instanceIdentifier: `db-${i}` }));
    expect(() => dashboard({ databases })).toThrow(/make 501 widgets; a dashboard holds at most 500/);
  });

  it("fails without any resource to chart, or with a bad period", () => {
    expect(() => dashboard({})).toThrow(/Dashboard: services\/loadBalancers\/databases\/appRunnerServices must list at least one resource/);
    expect(() => dashboard({ databases: [database], periodSeconds: 90 })).toThrow(/periodSeconds must be 60 or a multiple of 60, got 90/);
  });
});
